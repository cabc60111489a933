"""A large generated federation for benchmarks: many municipalities, groups and people.

Built with bulk inserts so that building it takes seconds, not the benchmark's time.
"""

import random
from datetime import date

from samverkan.datasets import umearegionen
from samverkan.organisation.models import Group, Membership, Municipality, Person
from samverkan.strategy.models import Objective


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
