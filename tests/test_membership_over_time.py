"""A cooperation grows and shrinks: a municipality counts in the years it was a member.

Umeåregionen grew when Örnsköldsvik joined in 2013, and its data set says so; these tests check
that the regional values, the open API, the CSV download, the indicator page, the list of
today's members and the council's adoptions follow the membership of each year.
"""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from samverkan.datasets import demo_values
from samverkan.followup import analysis, selectors
from samverkan.followup.models import Indicator, Target, Value
from samverkan.governance.models import Decision, Meeting
from samverkan.governance.services import decision_record
from samverkan.organisation.models import Body, Municipality
from samverkan.organisation.selectors import member_municipalities
from tests.planning_helpers import user

JOINED = date(2013, 1, 1)
YEARS = range(2011, 2015)


@pytest.fixture
def grown(demo_data):
    """Örnsköldsvik a member from 2013, and an indicator (a sum) where every municipality
    counts 1 in every year: the region's value is then the number of members of the year."""
    ovik = Municipality.objects.get(code="2284", name="Örnsköldsvik")
    assert ovik.member_from == JOINED
    indicator = Indicator.objects.create(
        slug="medlemmar-raknade", title="Räknade medlemmar", unit="antal", rule="sum"
    )
    codes = list(Municipality.objects.filter(is_member=True).values_list("code", flat=True))
    Value.objects.bulk_create(
        Value(indicator=indicator, area=code, year=year, gender="T", value=1, origin="manual")
        for code in codes
        for year in YEARS
    )
    return ovik, indicator


def test_a_member_counts_from_the_year_it_joined_and_not_before(grown):
    _ovik, indicator = grown
    points = {p.year: p for p in selectors.region_points([indicator])}
    assert {year: points[year].value for year in YEARS} == {
        2011: Decimal(6),
        2012: Decimal(6),
        2013: Decimal(7),
        2014: Decimal(7),
    }
    assert "2284" not in points[2012].members
    assert "2284" in points[2013].members and len(points[2013].members) == 7
    # The indicator page's own computation agrees.
    view = selectors.indicator_view(indicator.slug)
    assert {row["year"]: row["region"] for row in view.table} == {
        year: points[year].value for year in YEARS
    }


def test_a_member_that_left_stops_counting_after_the_year_it_left(grown):
    ovik, indicator = grown
    ovik.member_until = date(2013, 6, 30)
    ovik.save()
    points = {p.year: p.value for p in selectors.region_points([indicator])}
    assert points == {2011: 6, 2012: 6, 2013: 7, 2014: 6}
    assert ovik not in member_municipalities()


def test_a_missing_value_of_a_year_before_joining_does_not_void_the_region(demo_data):
    indicator = Indicator.objects.create(slug="bara-gamla", title="Gamla", unit="antal", rule="sum")
    old_members = Municipality.objects.members_in(2012).values_list("code", flat=True)
    Value.objects.bulk_create(
        Value(indicator=indicator, area=code, year=2012, gender="T", value=2, origin="manual")
        for code in old_members
    )
    [point] = selectors.region_points([indicator])
    assert (point.year, point.value) == (2012, Decimal(12))


def test_the_api_and_the_csv_say_which_members_a_regional_value_covers(grown):
    _ovik, indicator = grown
    response = Client().get(
        f"/api/v1/values?municipality=region&indicator={indicator.slug}&page_size=100"
    )
    items = json.loads(response.content)["items"]
    members = {item["year"]: item["members"] for item in items}
    assert "2284" not in members[2012] and "2284" in members[2013]
    assert len(members[2012]) == 6
    # Stored values carry no such list.
    plain = json.loads(Client().get(f"/api/v1/values?indicator={indicator.slug}").content)
    assert {item["members"] for item in plain["items"]} == {None}

    text = Client().get(f"/oppna-data/indikatorer/{indicator.slug}.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    region = {row["år"]: row["omfattar_kommuner"] for row in rows if row["område"] == "region"}
    assert "2284" not in region["2012"].split() and "2284" in region["2013"].split()
    assert {row["omfattar_kommuner"] for row in rows if row["område"] != "region"} == {""}


def test_the_indicator_page_marks_values_of_years_outside_the_membership(grown):
    _ovik, indicator = grown
    html = Client().get(f"/uppfoljning/indikatorer/{indicator.slug}/").content.decode()
    assert "inte medlem detta år" in html
    assert "Inte medlem det året" in html


def test_only_the_members_on_the_meeting_day_are_asked_to_adopt(grown):
    _ovik, _indicator = grown
    meeting = Meeting.objects.create(
        body=Body.objects.order_by("pk").first(), date=date(2012, 5, 1)
    )
    decision = decision_record(
        meeting=meeting,
        actor=user("kansli"),
        title="Gemensam avfallsplan",
        kind=Decision.Kind.OTHER,
        text="Kommunerna rekommenderas att anta planen.",
        concerns_municipalities=True,
    )
    asked = set(decision.adoptions.values_list("municipality__code", flat=True))
    assert "2284" not in asked and len(asked) == 6


def test_a_membership_cannot_end_before_it_begins(demo_data):
    mala = Municipality(code="2418", name="Malå", member_from=JOINED, member_until=date(2012, 1, 1))
    with pytest.raises(ValidationError) as exc:
        mala.full_clean()
    assert "innan det börjar" in str(exc.value.message_dict["member_until"])
    with pytest.raises(IntegrityError), transaction.atomic():
        mala.save()
    assert not Municipality.objects.filter(code="2418").exists()


def test_the_municipality_list_and_api_tell_since_when_and_with_what_vote(grown):
    ovik, _indicator = grown
    ovik.voting = False
    ovik.save()
    html = Client().get("/organisation/kommuner/").content.decode()
    assert "medlem sedan 2013" in html and "adjungerad, utan rösträtt" in html
    data = json.loads(Client().get("/api/v1/municipalities/2284").content)
    assert (data["member_from"], data["member_until"], data["voting"]) == (
        "2013-01-01",
        None,
        False,
    )


def test_the_demo_shows_the_region_growing_in_2013(demo_data):
    """As a new user sees it after `make run`: the invented population figures reach back
    before 2013, Örnsköldsvik has figures in every year (as Kolada has for every municipality),
    and the region counts them from 2013 on."""
    demo_values.load_values()
    population = Indicator.objects.get(slug="invanare")
    points = {p.year: p for p in selectors.region_points([population])}
    ovik = {v.year: v.value for v in Value.objects.filter(indicator=population, area="2284")}
    assert min(ovik) < 2013 and "2284" not in points[2012].members
    assert len(points[2012].members) == 6 and len(points[2013].members) == 7
    others_2012 = points[2012].value
    assert points[2013].value > others_2012 + ovik[2013] * Decimal("0.9")
    html = Client().get("/uppfoljning/indikatorer/invanare/").content.decode()
    assert "Örnsköldsvik" in html and "inte medlem detta år" in html
    # The jump in the region's line is said for what it is.
    assert "Örnsköldsvik gick med 2013." in html
    view = selectors.indicator_view("invanare")
    assert view.membership_changes == [(2013, ["Örnsköldsvik"], [])]


def test_the_trend_towards_a_target_is_read_over_todays_membership(grown):
    """Counted members go 6, 6, 7, 7: over all four years that is growth, but the region
    has not grown since Örnsköldsvik joined, so it does not reach a higher target."""
    _ovik, indicator = grown
    Target.objects.create(indicator=indicator, year=2020, value=Decimal(8))
    view = selectors.indicator_view(indicator.slug)
    assert view.light != analysis.ON_TRACK
    assert "Trenden mot målet läses från den senaste ändringen" in (
        Client().get(f"/uppfoljning/indikatorer/{indicator.slug}/").content.decode()
    )


def test_the_vision_trend_is_not_the_region_growing_by_a_member(demo_data):
    """Population 1 000 per member and year, flat: the only growth is Örnsköldsvik joining,
    and the vision's trend must say the region stands still."""
    population = Indicator.objects.get(kolada_kpi="N01951")
    Value.objects.filter(indicator=population).delete()
    codes = Municipality.objects.filter(is_member=True).values_list("code", flat=True)
    Value.objects.bulk_create(
        Value(indicator=population, area=code, year=year, gender="T", value=1000, origin="kolada")
        for code in codes
        for year in range(2010, 2017)
    )
    track = selectors.vision()
    assert track.latest == 7000 and track.trend_per_year == 0
