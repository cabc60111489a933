"""Coverage of the prioritised commitments by the groups and municipalities of a year."""

import pytest
from django.urls import reverse

from samverkan.council import coverage
from samverkan.datasets import demo, demo_plans
from samverkan.planning.models import PlanningYear


@pytest.fixture
def year(demo_data):
    demo.load_networks()
    demo_plans.load_plans()
    return PlanningYear.objects.get(year=2026)


def test_groups_and_uncovered_commitments(year):
    c = coverage.coverage(year)
    codes = [pc.commitment.code for pc in c.commitments]
    bibliotek = next(r for r in c.groups if r.group.slug == "bibliotek")
    assert bibliotek.cells[codes.index("1.3")] == "plan"
    naringsliv = next(r for r in c.groups if r.group.slug == "naringsliv")
    assert naringsliv.cells[codes.index("8.1")] == "plan"
    uncovered = {pc.commitment.code for pc in c.uncovered}
    assert "7.2" in uncovered  # only Folkhälsa, whose plan is not approved, named it
    assert "1.3" not in uncovered and "8.1" not in uncovered and "6.2" not in uncovered


def test_municipalities_prioritised_versus_working(year):
    c = coverage.coverage(year)
    names = [m.name for m in c.municipalities]
    row = next(r for r in c.by_municipality if r.priority.commitment.code == "8.1")
    prioritised = {n for n, (p, _w) in zip(names, row.cells, strict=True) if p}
    assert prioritised == {"Vindeln", "Bjurholm", "Robertsfors"}
    assert any(works for _p, works in row.cells)


@pytest.mark.parametrize(
    "role,status",
    [
        ("secretariat", 200),
        ("council_member", 200),
        ("chief_executive", 200),
        ("group_member", 403),
        ("visitor", 403),
    ],
)
def test_coverage_page(year, persona, role, status):
    response = persona(role).get(reverse("desk:coverage", args=[2026]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Ingen arbetar med" in html and "Bibliotek" in html
