"""A large generated federation for benchmarks: many municipalities, groups and people.

Built with bulk inserts so that building it takes seconds, not the benchmark's time.
"""

import random
from datetime import date
from decimal import Decimal

from samverkan.datasets import umearegionen
from samverkan.organisation.models import Group, Membership, Municipality, Person
from samverkan.planning.models import (
    Activity,
    AnnualReport,
    Goal,
    OperationalPlan,
    PlanningYear,
    PlanVersion,
    ReportActivity,
    ReportGoal,
    ReportPriority,
    Status,
)
from samverkan.strategy.models import Objective, PriorityCommitment


def build(*, municipalities: int, groups: int, people: int, seed: int = 2050) -> None:
    """Grow the federation to the given totals; calling it again with larger ones adds more."""
    rng = random.Random(seed)
    umearegionen.load()
    existing = Municipality.objects.count()
    Municipality.objects.bulk_create(
        Municipality(code=f"{7000 + i:04d}", name=f"Benchkommun {i}", is_member=True)
        for i in range(existing, municipalities)
    )
    towns = list(Municipality.objects.all())
    Person.objects.bulk_create(
        Person(
            first_name=rng.choice(["Anna", "Erik", "Máret", "Áile", "Lars", "Sofia"]),
            last_name=f"Efternamn {i}",
            municipality=rng.choice(towns),
            title="handläggare",
            phone="090-16 10 00",
            email=f"person{i}@example.se",
        )
        for i in range(Person.objects.count(), people)
    )
    person_ids = list(Person.objects.values_list("pk", flat=True))
    start = Group.objects.count()
    kinds = [Group.Kind.WORKING_GROUP] * 7 + [Group.Kind.NETWORK] * 2 + [Group.Kind.PROJECT]
    new = Group.objects.bulk_create(
        Group(name=f"Grupp {i}", slug=f"grupp-{i}", kind=rng.choice(kinds), chart_order=i)
        for i in range(start, groups)
    )
    new_slugs = [g.slug for g in new]
    objectives = list(Objective.objects.all())
    through = Group.objectives.through
    links, memberships = [], []
    for group in Group.objects.filter(slug__in=new_slugs):
        links.extend(
            through(group_id=group.pk, objective_id=objective.pk)
            for objective in rng.sample(objectives, rng.choice([1, 1, 2]))
        )
        chosen = rng.sample(person_ids, 10)
        for k, person_id in enumerate(chosen):
            role = Membership.Role.CONTACT_PERSON if k == 0 else Membership.Role.MEMBER
            memberships.append(
                Membership(group=group, person_id=person_id, role=role, start=date(2024, 1, 1))
            )
    through.objects.bulk_create(links)
    Membership.objects.bulk_create(memberships, batch_size=2000)


def approve_all(year: PlanningYear) -> None:
    """An approved plan with three goals and four activities, and an accepted report, for
    every group that has none yet."""
    groups = list(Group.objects.exclude(plans__year=year))
    plans = OperationalPlan.objects.bulk_create(OperationalPlan(group=g, year=year) for g in groups)
    versions = PlanVersion.objects.bulk_create(
        PlanVersion(
            plan=p,
            number=1,
            status=Status.APPROVED,
            field_of_work="Verksamhet",
            purpose="Genom samverkan bidrar vi till att utveckla regionen, Máret Đuolja.",
        )
        for p in plans
    )
    commitments = list(PriorityCommitment.objects.all())
    through = PlanVersion.priority_commitments.through
    through.objects.bulk_create(
        through(planversion_id=v.pk, prioritycommitment_id=commitments[i % 10].pk)
        for i, v in enumerate(versions)
    )
    Goal.objects.bulk_create(
        Goal(
            version=v,
            order=k,
            statement=f"Öka antalet besök med {k + 5} % före oktober.",
            direction="increase",
            measure="besök",
            unit="antal",
            baseline_value=Decimal(100),
            target_value=Decimal(110),
            deadline=date(year.year, 10, 1),
        )
        for v in versions
        for k in range(3)
    )
    Activity.objects.bulk_create(
        Activity(
            version=v,
            order=k,
            what=f"Aktivitet {k}",
            how="Gemensam workshop",
            when=date(year.year, 3 + k, 1),
        )
        for v in versions
        for k in range(4)
    )
    reports = AnnualReport.objects.bulk_create(
        AnnualReport(
            group=p.group,
            year=year,
            based_on=v,
            status="accepted",
            summary="Ett år av gott samarbete.",
        )
        for p, v in zip(plans, versions, strict=True)
    )
    outcomes = ["fully", "partly", "not_at_all"]
    ReportGoal.objects.bulk_create(
        ReportGoal(
            report=r,
            order=k,
            statement=f"Mål {k}",
            fulfilment=outcomes[(i + k) % 3],
            reason="" if (i + k) % 3 == 0 else "Resursbrist.",
        )
        for i, r in enumerate(reports)
        for k in range(3)
    )
    ReportActivity.objects.bulk_create(
        ReportActivity(
            report=r, order=k, planned=f"Aktivitet {k}", result="done" if k < 3 else "not_done"
        )
        for r in reports
        for k in range(4)
    )
    ReportPriority.objects.bulk_create(
        ReportPriority(
            report=r,
            priority_commitment=commitments[i % 10],
            touched=True,
            what_was_done="Workshop",
        )
        for i, r in enumerate(reports)
    )
