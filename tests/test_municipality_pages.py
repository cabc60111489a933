"""A page per member municipality for residents, and the search that finds it: names and
roles but never contact details, decided things only, a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from samverkan.datasets import demo
from samverkan.followup.models import Indicator, Value
from samverkan.governance.models import Adoption, Decision, Matter, Meeting
from samverkan.organisation.models import Body, BodyMembership, Group, Municipality, Person
from samverkan.strategy.models import PlanObjective, PlanVersion, PriorityCommitment, SubObjective
from samverkan.transparency import search
from tests.factories import GroupFactory, MembershipFactory, PersonFactory
from tests.transparency_helpers import load_portal

BJURHOLM_URL = "/organisation/kommuner/2403/"


@pytest.fixture
def portal(demo_data):
    # Approved plans, accepted reports, a council decision and indicator values.
    load_portal()


@pytest.fixture
def bjurholm(demo_data) -> Municipality:
    return Municipality.objects.get(code="2403")


def _council_seat(municipality: Municipality, **person) -> BodyMembership:
    return BodyMembership.objects.create(
        body=Body.objects.get(kind=Body.Kind.COUNCIL),
        person=PersonFactory(municipality=municipality, **person),
        role=BodyMembership.Role.VICE_CHAIR,
        mandate="2023–2026",
        start=date(2023, 1, 1),
    )


def _decision(title: str, *, status: str = Adoption.Status.ADOPTED, municipality=None, **kw):
    meeting = Meeting.objects.create(
        body=Body.objects.get(kind=Body.Kind.COUNCIL), date=date(2026, 3, 12), place="Bjurholm"
    )
    decision = Decision.objects.create(
        meeting=meeting, kind=Decision.Kind.OTHER, title=title, text=f"{title}.", **kw
    )
    if municipality is not None:
        Adoption.objects.create(
            decision=decision,
            municipality=municipality,
            status=status,
            decided_on=date(2026, 4, 2) if status != Adoption.Status.PENDING else None,
            reference="KS 2026/118" if status != Adoption.Status.PENDING else "",
        )
    return decision


def _contact_details() -> set[str]:
    found = set()
    for phone, email in Person.objects.values_list("phone", "email"):
        if phone:
            found |= {phone, phone.replace(" ", "").replace("-", "")}
        if email:
            found |= {email, email.split("@")[0] + "@"}
    return found


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_page_shows_representatives_groups_adoptions_and_priorities(portal, bjurholm):
    _council_seat(bjurholm, first_name="Sunná", last_name="Ŋoađđi")
    group = GroupFactory(name="Fjällbjörkarna")
    MembershipFactory(
        group=group,
        person=PersonFactory(municipality=bjurholm, first_name="Áilu", last_name="Čiekča"),
        role="contact_person",
    )
    _decision("Gemensam skolskjuts", municipality=bjurholm)
    response = Client().get(BJURHOLM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html and html.count("<h1") == 1
    assert "<h1>Bjurholm</h1>" in html and "2403" in html
    # Names and roles of the representatives, and the groups with members from Bjurholm.
    assert "Sunná Ŋoađđi" in html and "Vice ordförande" in html and "2023–2026" in html
    assert "Áilu Čiekča" in html and 'href="' + group.get_absolute_url() + '"' in html
    # The council's decision and Bjurholm's adoption of it.
    assert "Gemensam skolskjuts" in html and "KS 2026/118" in html and "Antaget" in html
    assert "Gemensam upphandling av e-böcker" in html  # the demo decision, still pending here
    # Every commitment Bjurholm prioritised, and nothing it did not.
    prioritised = PriorityCommitment.objects.filter(municipalities=bjurholm)
    assert prioritised.exists()
    for pc in prioritised:
        assert pc.wording in html
    for pc in PriorityCommitment.objects.exclude(municipalities=bjurholm):
        assert pc.wording not in html
    # Indicators link to their pages, with Bjurholm's latest value.
    for indicator in Indicator.objects.all():
        assert reverse("followup:indicator", args=[indicator.slug]) in html
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    # The demo's values are invented, and the page says so where it shows them.
    assert "Påhittade värden." in html


def test_page_shows_no_phone_number_or_email_address(portal, bjurholm):
    _council_seat(bjurholm, phone="0932-140 00", email="kommunrad@bjurholm.se")
    MembershipFactory(
        person=PersonFactory(municipality=bjurholm, phone="070-123 45 67", email="a@bjurholm.se")
    )
    html = Client().get(BJURHOLM_URL).content.decode()
    assert Person.objects.filter(municipality=bjurholm, phone__gt="", email__gt="").count() > 2
    leaks = {detail for detail in _contact_details() if detail in html}
    assert not leaks
    assert "mailto:" not in html and "tel:" not in html
    # Not even to the secretariat: this page is about the municipality, not a directory.
    signed_in = Client()
    assert signed_in.login(username="kansli", password=demo.DEMO_PASSWORD)
    assert "kommunrad@bjurholm.se" not in signed_in.get(BJURHOLM_URL).content.decode()


def test_proposals_and_matters_stay_off_the_page_and_out_of_the_search(portal, bjurholm):
    council = Body.objects.get(kind=Body.Kind.COUNCIL)
    proposal = PlanVersion.objects.create(
        year=2031,
        title="Förslag till strategisk plan",
        decided_by=council,
        preamble="HEMLIGFORSLAG",
    )
    wording = PlanObjective.objects.create(
        version=proposal,
        objective=PlanObjective.objects.first().objective,
        title="Bjurholm HEMLIGTMAL",
    )
    SubObjective.objects.create(plan_objective=wording, text="HEMLIGTDELMAL")
    Matter.objects.create(
        kind=Matter.Kind.COOPERATION,
        group=Group.objects.get(slug="bibliotek"),
        title="HEMLIGTARENDE för Bjurholm",
        description="Bjurholm vill ha en bokbuss.",
    )
    # Recorded against a proposal by mistake: the decision is public, the proposal is not.
    _decision("Ett beslut", municipality=bjurholm, plan_version=proposal)
    html = Client().get(BJURHOLM_URL).content.decode()
    assert "Ett beslut" in html
    for secret in ("HEMLIG", proposal.get_absolute_url(), "bokbuss"):
        assert secret not in html
    for word in ("HEMLIGFORSLAG", "HEMLIGTMAL", "HEMLIGTDELMAL", "HEMLIGTARENDE", "bokbuss"):
        assert not any(section.hits for section in search.search(word)), word
    found = [hit.url for section in search.search("Bjurholm") for hit in section.hits]
    assert not any(proposal.get_absolute_url() in url for url in found)


def test_only_member_municipalities_have_a_page(portal):
    Municipality.objects.create(code="2482", name="Skellefteå", is_member=False)
    assert Client().get("/organisation/kommuner/2482/").status_code == 404
    assert Client().get("/organisation/kommuner/9999/").status_code == 404


def test_list_chart_and_start_page_link_every_member(portal):
    members = Municipality.objects.filter(is_member=True)
    assert members.count() == 7  # Örnsköldsvik too, a member since 2013
    for url in ("/organisation/kommuner/", "/organisation/"):
        html = Client().get(url).content.decode()
        for m in members:
            assert f'href="/organisation/kommuner/{m.code}/"' in html, (url, m)
    assert 'href="/organisation/kommuner/"' in Client().get("/").content.decode()


def test_page_renders_in_english(portal):
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(BJURHOLM_URL).content.decode()
    assert '<html lang="en">' in html and "Prioritised commitments" in html
    # The commitments' Swedish wording is marked as such (not merely "På svenska" in the header).
    pc = PriorityCommitment.objects.filter(municipalities__code="2403").first()
    assert f'<span lang="sv">{escape(pc.wording)}</span>' in html


def test_secretariat_staff_are_not_the_municipalitys_representatives(portal, bjurholm):
    clerk = PersonFactory(municipality=bjurholm, first_name="Ingrid", last_name="Kanslisdotter")
    BodyMembership.objects.create(
        body=Body.objects.get(kind=Body.Kind.SECRETARIAT),
        person=clerk,
        role=BodyMembership.Role.MEMBER,
        start=date(2024, 1, 1),
    )
    html = Client().get(BJURHOLM_URL).content.decode()
    assert "Kanslisdotter" not in html
    _council_seat(bjurholm, first_name="Sunná", last_name="Ŋoađđi")
    html = Client().get(BJURHOLM_URL).content.decode()
    assert "Sunná Ŋoađđi" in html and "Kanslisdotter" not in html


def test_queries_do_not_grow_with_people_decisions_priorities_or_values(portal, bjurholm):
    client = Client()
    urls = [BJURHOLM_URL, "/organisation/kommuner/"]
    before = [_count(client, url) for url in urls]
    for n in range(5):
        _council_seat(bjurholm)
        for membership in MembershipFactory.create_batch(
            3, group=GroupFactory(), person__municipality=bjurholm
        ):
            assert membership.pk
        _decision(f"Beslut {n}", municipality=bjurholm)
        _decision(f"Beslut om regionen {n}", concerns_municipalities=False)
    for pc in PriorityCommitment.objects.all():
        pc.municipalities.add(bjurholm)
    for indicator in Indicator.objects.all():
        Value.objects.update_or_create(
            indicator=indicator,
            area="2403",
            year=2030,
            gender="T",
            defaults={"value": Decimal("1.5"), "origin": "manual"},
        )

    cache.clear()
    assert [_count(client, url) for url in urls] == before
    assert before[0] <= 12, before


def test_search_finds_the_municipality_its_adoptions_and_the_decided_plan(portal, bjurholm):
    _decision("Gemensam skolskjuts", municipality=bjurholm)
    sections = {s.kind: s for s in search.search("bjurholm")}
    assert [h.url for h in sections["municipalities"].hits] == [BJURHOLM_URL]
    # A municipality's own reference for its adoption finds the council's decision.
    by_reference = {s.kind: s for s in search.search("KS 2026/118")}
    assert [h.title for h in by_reference["decisions"].hits] == ["Gemensam skolskjuts"]
    assert "Bjurholm" in by_reference["decisions"].hits[0].excerpt
    # The adopted plan of 2006, by a word in one of its sub-objectives, and its objective.
    sections = {s.kind: s for s in search.search("marknadsföra")}
    assert [h.url for h in sections["strategic_plans"].hits] == ["/strategisk-plan/2006/"]
    assert sections["objectives"].hits[0].title.startswith("1. ")
    assert "marknadsföra" in sections["objectives"].hits[0].excerpt
    # The vision, from the start page.
    sections = {s.kind: s for s in search.search("livsmiljö")}
    assert sections["vision"].hits and sections["vision"].hits[0].url == "/"


def test_search_finds_a_group_by_what_its_approved_plan_says_it_works_on(portal):
    group = Group.objects.get(slug="infra-kommunikation")
    assert "kollektivtrafik" not in group.field_of_work.lower()
    sections = {s.kind: s for s in search.search("kollektivtrafik")}
    assert group.get_absolute_url() in [h.url for h in sections["groups"].hits]


def test_search_queries_are_bounded(portal, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        sections = search.search("e" * 2)
    assert {"municipalities", "vision", "strategic_plans", "objectives"} <= {
        s.kind for s in sections
    }


def test_search_page_lists_bjurholm(portal):
    html = Client().get("/sok/", {"q": "Bjurholm"}).content.decode()
    assert f'href="{BJURHOLM_URL}"' in html
    plan = Client().get("/sok/", {"q": "2050"}).content.decode()
    assert "Antagna versioner av den strategiska planen" in plan or "Vision" in plan
