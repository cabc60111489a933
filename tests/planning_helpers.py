"""Building plans for tests through the same services the pages use."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from samverkan.organisation.models import Group, Membership, current_q
from samverkan.planning.models import Activity, Goal, PlanningYear, PlanVersion, Status
from samverkan.planning.services import plans as services
from samverkan.strategy.models import Objective, PriorityCommitment
from tests.snapshots import load_once


def user(username: str):
    return get_user_model().objects.get(username=username)


def open_year(year: int = 2027) -> PlanningYear:
    return PlanningYear.objects.get_or_create(
        year=year,
        defaults={"plans_due": date(year - 1, 12, 15), "reports_due": date(year + 1, 2, 15)},
    )[0]


def bibliotek_members():
    group = Group.objects.get(slug="bibliotek")
    return [
        m.person
        for m in Membership.objects.filter(current_q(), group=group).select_related("person")
    ]


def complete_plan(year: int = 2027, author: str = "medlem"):
    """A Bibliotek plan with everything Mall 1 asks for, as a member would write it.

    Written through the services once per session, and back from the snapshot after that
    (tests/snapshots.py), unless the test has already written rows of its own."""
    pk = load_once(f"complete_plan({year}, {author})", lambda: _complete_plan(year, author).pk)
    return PlanVersion.objects.get(pk=pk)


def _complete_plan(year: int, author: str):
    group = Group.objects.get(slug="bibliotek")
    plan = services.plan_create(group=group, year=open_year(year), actor=user(author))
    version = plan.versions.get()
    services.plan_update(
        version=version,
        fields={
            "field_of_work": "Folkbiblioteken i Umeåregionen, med Đuolja-samlingen.",
            "purpose": "Genom gemensamma tjänster bidrar vi till att utveckla regionen.",
        },
        objectives=Objective.objects.filter(number=1),
        priority_commitments=PriorityCommitment.objects.filter(commitment__code="1.3"),
        expected_lock=None,
        actor=user(author),
    )
    goal = services.goal_save(
        goal=Goal(
            version=version,
            statement="Öka antalet e-boklån med 10 % före oktober 2027.",
            direction="increase",
            measure="e-boklån",
            unit="antal",
            baseline_value=Decimal("1000"),
            target_value=Decimal("1100"),
            deadline=date(year, 10, 1),
        ),
        expected_lock=None,
        actor=user(author),
    )
    services.activity_save(
        activity=Activity(
            version=version,
            what="Kampanj för e-boken",
            how="Affischer i alla kommuner",
            when=date(year, 3, 1),
            responsible=bibliotek_members()[0],
        ),
        goals=[goal],
        expected_lock=None,
        actor=user(author),
    )
    version.refresh_from_db()
    return version


def anchor_all(version):
    for person in bibliotek_members():
        services.plan_anchor(version=version, actor=person.user or _user_for(person))


def _user_for(person):
    account = get_user_model().objects.create_user(
        username=f"p{person.pk}", password="pw-samverkan-1"
    )
    person.user = account
    person.save(update_fields=["user"])
    return account


def approved_plan(year: int = 2027):
    """complete_plan, anchored, submitted and approved; once per session as complete_plan."""
    version = PlanVersion.objects.get(
        pk=load_once(f"approved_plan({year})", lambda: _approved_plan(year).pk)
    )
    assert version.status == Status.APPROVED
    return version


def _approved_plan(year: int):
    version = complete_plan(year)
    services.plan_start_anchoring(version=version, actor=user("kontaktperson"))
    anchor_all(version)
    services.plan_submit(version=version, actor=user("kontaktperson"))
    services.plan_approve(version=version, actor=user("kommunchef"))
    version.refresh_from_db()
    assert version.status == Status.APPROVED
    return version
