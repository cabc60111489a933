"""Pages query the database a fixed number of times, however many groups there are."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverkan.planning.models import OperationalPlan, PlanningYear, PlanVersion
from samverkan.strategy.models import Objective
from tests.factories import GroupFactory, MembershipFactory


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_organisation_page_does_not_grow_with_groups(demo_data, persona):
    client = persona("secretariat")
    url = reverse("organisation:chart")
    before = _count(client, url)
    objectives = list(Objective.objects.filter(number__in=[1, 2]))
    for group in GroupFactory.create_batch(30):
        group.objectives.set(objectives)
    assert _count(client, url) == before


def test_group_page_does_not_grow_with_members(demo_data, persona):
    client = persona("secretariat")
    group = GroupFactory()
    url = reverse("organisation:group", args=[group.slug])
    MembershipFactory(group=group)
    before = _count(client, url)
    MembershipFactory.create_batch(25, group=group)
    assert _count(client, url) == before


def test_priority_areas_and_group_list_are_constant(demo_data, client):
    for url in (reverse("strategy:priority_areas"), reverse("organisation:groups")):
        before = _count(client, url)
        GroupFactory.create_batch(10)
        assert _count(client, url) == before


def test_plans_overview_does_not_grow_with_groups(demo_data, persona):
    year = PlanningYear.objects.create(
        year=2027, plans_due=date(2026, 12, 15), reports_due=date(2028, 2, 15)
    )
    url = reverse("planning:year", args=[2027])
    for role in ("secretariat", "group_member", "visitor"):
        client = persona(role)
        before = _count(client, url)
        for group in GroupFactory.create_batch(5):
            plan = OperationalPlan.objects.create(group=group, year=year)
            PlanVersion.objects.create(plan=plan, number=1)
        assert _count(client, url) == before, role
