"""The core flows on both shipped cooperations, set up from their files on an empty database.

Nothing of the demo is loaded: each cooperation is set up with `samverkan setup`'s service,
and the people, accounts and documents a flow needs are created through the same services
the pages use. Every page is read for the cooperation's own names (its short name, its
council) and never the other cooperation's.
"""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from samverkan.council import compilations
from samverkan.council import documents as compilation_exports
from samverkan.followup.models import Indicator
from samverkan.governance import services as governance_services
from samverkan.governance.models import BoardMeeting, Decision, Meeting
from samverkan.organisation import services as organisation_services
from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Cooperation,
    Group,
    Membership,
    Municipality,
    Person,
)
from samverkan.planning.models import (
    Activity,
    AnnualReport,
    Document,
    Goal,
    InterimReport,
    InterimRound,
    InterimStatus,
    PlanningYear,
    PlanVersion,
    ReportStatus,
    Status,
)
from samverkan.planning.selectors import plans as plan_selectors
from samverkan.planning.selectors.wording import wording_for
from samverkan.planning.services import plans as plan_services
from samverkan.planning.services import reports as report_services
from samverkan.setup import services as setup_services
from samverkan.strategy.models import Objective, PriorityCommitment
from samverkan.wordimport import selectors as wordimport_selectors
from samverkan.wordimport.parser import parse_docx
from tests import pdf_checks
from tests.snapshots import load_once

COOPERATIONS = Path(__file__).resolve().parent.parent / "samverkan" / "datasets" / "cooperations"
YEAR = 2027
START = date(2026, 1, 1)

# What each shipped file calls itself and its council: read from the files' data by the
# fixture, listed here only to tell each cooperation's pages from the other's.
NAMES = {
    "umearegionen": ("Umeåregionen", "Regionrådet"),
    "exempelforbundet": ("Exempelförbundet", "Förbundsfullmäktige"),
}


@dataclass
class Coop:
    key: str
    short_name: str
    council: str
    other_short_name: str
    other_council: str
    plan_group: Group
    network: Group
    full_report_group: Group | None

    def names_this_one(self, text: str) -> None:
        assert self.short_name in text
        assert self.other_short_name not in text
        assert self.other_council not in text


def _user(username: str, person: Person | None = None, **extra):
    account = get_user_model().objects.create_user(
        username=username, password="pw-samverkan-1", **extra
    )
    if person is not None:
        person.user = account
        person.save(update_fields=["user"])
    return account


def _person(municipality: Municipality, n: int) -> Person:
    return Person.objects.create(
        first_name="Máret",
        last_name=f"Đuolja {n}",
        municipality=municipality,
        title="utvecklare",
        email=f"person{n}@example.se",
    )


def _staff(municipalities: list[Municipality]) -> None:
    """The secretariat's head, a chief executive and a council member, with their accounts."""
    for n, (kind, role, username) in enumerate(
        [
            (Body.Kind.SECRETARIAT, BodyMembership.Role.HEAD, "kansli"),
            (Body.Kind.CHIEF_EXECUTIVES, BodyMembership.Role.MEMBER, "kommunchef"),
            (Body.Kind.COUNCIL, BodyMembership.Role.CHAIR, "ledamot"),
        ]
    ):
        person = _person(municipalities[n % len(municipalities)], 900 + n)
        BodyMembership.objects.create(
            body=Body.objects.get(kind=kind), person=person, role=role, start=START
        )
        _user(username, person)
    _user("admin", is_staff=True, is_superuser=True)


def _members(group: Group, municipalities: list[Municipality], first: int, prefix: str) -> None:
    """A contact person and two members from different municipalities, each with an account."""
    for k in range(3):
        person = _person(municipalities[k % len(municipalities)], first + k)
        role = Membership.Role.CONTACT_PERSON if k == 0 else Membership.Role.MEMBER
        organisation_services.membership_create(group=group, person=person, role=role, start=START)
        _user(f"{prefix}{k}", person)


def _build(key: str) -> dict:
    setup_services.setup_from_file(COOPERATIONS / f"{key}.yaml")
    municipalities = list(Municipality.objects.filter(is_member=True).order_by("code"))
    _staff(municipalities)
    groups = Group.objects.order_by("chart_order", "name")
    network = groups.filter(kind=Group.Kind.NETWORK).first()
    if network is None:
        # A cooperation without networks gets one, as the secretariat would add it.
        network = Group.objects.create(
            name="Nätverket för testning", slug="testnatverket", kind=Group.Kind.NETWORK
        )
    working_group = groups.filter(kind=Group.Kind.WORKING_GROUP).first()
    plan_group = working_group or network
    _members(plan_group, municipalities, 100, "grupp")
    if network != plan_group:
        _members(network, municipalities, 200, "natverk")
    kansli = get_user_model().objects.get(username="kansli")
    plan_services.planning_year_open(
        year=YEAR, plans_due=date(YEAR - 1, 12, 15), reports_due=date(YEAR + 1, 2, 15), actor=kansli
    )
    return {
        "plan_group": plan_group.pk,
        "network": network.pk,
        "full_report_group": working_group.pk if working_group else None,
    }


@pytest.fixture(params=list(NAMES))
def coop(request, db) -> Coop:
    key = request.param
    assert not Cooperation.objects.exists(), "the cooperation is set up on an empty database"
    pks = load_once(f"any cooperation: {key}", lambda: _build(key))
    (other,) = set(NAMES) - {key}
    cooperation = Cooperation.objects.get()
    council = Body.objects.get(kind=Body.Kind.COUNCIL).name
    assert (cooperation.display_name, council) == NAMES[key]
    return Coop(
        key=key,
        short_name=cooperation.display_name,
        council=council,
        other_short_name=NAMES[other][0],
        other_council=NAMES[other][1],
        plan_group=Group.objects.get(pk=pks["plan_group"]),
        network=Group.objects.get(pk=pks["network"]),
        full_report_group=(
            Group.objects.get(pk=pks["full_report_group"]) if pks["full_report_group"] else None
        ),
    )


def user(username: str):
    return get_user_model().objects.get(username=username)


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def _prefix(group: Group) -> str:
    return (
        "grupp"
        if Membership.objects.filter(group=group, person__user__username="grupp0")
        else ("natverk")
    )


def approve_a_plan(group: Group) -> PlanVersion:
    """Create, fill, anchor, submit and approve the group's plan, as its people would."""
    prefix = _prefix(group)
    contact, member = user(f"{prefix}0"), user(f"{prefix}1")
    year = PlanningYear.objects.get(year=YEAR)
    plan = plan_services.plan_create(group=group, year=year, actor=member)
    version = plan.versions.get()
    responsible = Membership.objects.filter(group=group).first().person
    plan_services.plan_update(
        version=version,
        fields={
            "field_of_work": "Gemensamma e-tjänster och bibliotek, med Đuolja-samlingen.",
            "purpose": "Genom gemensamma tjänster bidrar vi till att utveckla regionen.",
        },
        objectives=Objective.objects.filter(number=1),
        priority_commitments=PriorityCommitment.objects.all()[:1],
        expected_lock=None,
        actor=member,
    )
    goal = plan_services.goal_save(
        goal=Goal(
            version=version,
            statement="Öka antalet e-tjänster med 10 % före oktober 2027.",
            direction="increase",
            measure="e-tjänster",
            unit="antal",
            baseline_value=Decimal("100"),
            target_value=Decimal("110"),
            deadline=date(YEAR, 10, 1),
        ),
        expected_lock=None,
        actor=member,
    )
    plan_services.activity_save(
        activity=Activity(
            version=version,
            what="Kampanj för e-tjänsterna",
            how="Affischer i alla kommuner",
            when=date(YEAR, 3, 1),
            responsible=responsible,
        ),
        goals=[goal],
        expected_lock=None,
        actor=member,
    )
    version.refresh_from_db()
    plan_services.plan_start_anchoring(version=version, actor=contact)
    for membership in Membership.objects.filter(group=group).select_related("person__user"):
        plan_services.plan_anchor(version=version, actor=membership.person.user)
    plan_services.plan_submit(version=version, actor=contact)
    plan_services.plan_approve(version=version, actor=user("kommunchef"))
    version.refresh_from_db()
    return version


# --- Plan to approval ---------------------------------------------------------------------


def test_a_plan_goes_to_approval(coop):
    version = approve_a_plan(coop.plan_group)
    assert version.status == Status.APPROVED
    assert list(version.events.values_list("to_status", flat=True)) == [
        "draft",
        "anchoring",
        "submitted",
        "approved",
    ]
    # The plan's page, as a member and as the public, names this cooperation.
    url = reverse("planning:plan", args=[YEAR, coop.plan_group.slug])
    for client in (signed_in("kansli"), Client()):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        coop.names_this_one(response.content.decode())
    # Its PDF is Mall 1 for this cooperation's group.
    pdf = Client().get(reverse("planning:export", args=[YEAR, coop.plan_group.slug, 1, "pdf"]))
    assert pdf.status_code == 200
    text = pdf_checks.text(pdf.content)
    assert coop.plan_group.name in text and coop.other_short_name not in text
    # Its page limit and its chief executives are this cooperation's own.
    flat = " ".join(text.split())
    limit = Cooperation.objects.get().page_limit
    chiefs = Body.objects.get(kind=Body.Kind.CHIEF_EXECUTIVES).name
    assert f"högst {limit} sidor" in flat and chiefs in flat
    # Its headings are the ones its file words the template with, on the page and in the PDF.
    words = wording_for(Document.PLAN, year=YEAR)
    assert {"umearegionen": "Mål 2027", "exempelforbundet": "Nätverksplanens mål för 2027"}[
        coop.key
    ] == words["goals"].heading
    public = Client().get(url, follow=True).content.decode()
    for key in ("field_of_work", "goals", "activities"):
        assert words[key].heading in public and words[key].heading in flat
    assert words["field_of_work"].guidance in flat
    # The invented federation calls it a "nätverksplan"; Umeåregionen keeps Mall 1's title.
    title = wording_for(Document.PLAN, year=YEAR, group=coop.plan_group.name)["title"]
    expected = {
        "umearegionen": f"Verksamhetsplan {YEAR} för Umeåregionens {coop.plan_group.name}",
        "exempelforbundet": f"Nätverksplan {YEAR} för {coop.plan_group.name}",
    }[coop.key]
    assert expected in flat and expected in public
    assert title.own_heading == (coop.key == "exempelforbundet")
    # Its Word export, with the cooperation's own headings, is read back by the Word import.
    docx = Client().get(reverse("planning:export", args=[YEAR, coop.plan_group.slug, 1, "docx"]))
    parsed = parse_docx(docx.content, "plan.docx", own=wordimport_selectors.own_words())
    assert (parsed.kind, parsed.year) == ("plan", YEAR)
    assert parsed.field_of_work == version.field_of_work
    assert [g.statement for g in parsed.goals] == [g.statement for g in version.goals.all()]


# --- Report to acceptance -----------------------------------------------------------------


def test_a_networks_light_report_is_accepted(coop):
    prefix = _prefix(coop.network)
    contact = user(f"{prefix}0")
    year = PlanningYear.objects.get(year=YEAR)
    report = report_services.report_create(group=coop.network, year=year, actor=contact)
    assert report.kind == AnnualReport.Kind.LIGHT
    report_services.report_update(
        report=report,
        fields={"meetings": 5, "network_activities": "Vi delar erfarenheter mellan kommunerna."},
        rows=[],
        expected_lock=None,
        actor=contact,
    )
    report_services.report_submit(report=report, actor=contact)
    report_services.report_accept(report=report, actor=user("kansli"))
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    response = Client().get(reverse("planning:report", args=[YEAR, coop.network.slug]))
    assert response.status_code == 200
    coop.names_this_one(response.content.decode())
    meetings = wording_for(Document.NETWORK_REPORT, year=YEAR)["meetings"].heading
    assert (
        meetings
        == {"umearegionen": "Antal träffar", "exempelforbundet": "Nätverksträffar under året"}[
            coop.key
        ]
    )
    assert meetings in response.content.decode()
    title = wording_for(Document.NETWORK_REPORT, year=YEAR, group=coop.network.name)["title"]
    assert (
        title.heading
        == {
            "umearegionen": f"Nätverksrapport {YEAR} för {coop.network.name}",
            "exempelforbundet": f"Nätverksberättelse {YEAR} för {coop.network.name}",
        }[coop.key]
    )
    assert f"<h1>{title.heading}</h1>" in response.content.decode()


def test_a_working_groups_full_report_is_accepted(coop):
    if coop.full_report_group is None:
        pytest.skip("this cooperation has networks only")
    version = approve_a_plan(coop.full_report_group)
    contact, member = user("grupp0"), user("grupp1")
    report = report_services.report_create(
        group=coop.full_report_group, year=version.plan.year, actor=contact
    )
    assert report.kind == AnnualReport.Kind.FULL and report.based_on == version
    loaded = plan_selectors.report_for(coop.full_report_group.slug, YEAR)
    rows = []
    for goal in loaded.goals.all():
        goal.fulfilment, goal.reason = "partly", "Resursbrist."
        rows.append(goal)
    for activity in loaded.activities.all():
        activity.result, activity.result_text = "done", "Genomfört."
        rows.append(activity)
    for priority in loaded.priorities.all():
        priority.touched, priority.what_was_done = True, "Kampanj i alla kommuner."
        rows.append(priority)
    report_services.report_update(
        report=loaded,
        fields={"summary": "Ett bra år."},
        rows=rows,
        expected_lock=None,
        actor=member,
    )
    report_services.report_submit(report=report, actor=contact)
    report_services.report_accept(report=report, actor=user("kansli"), comment="Tack!")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    response = Client().get(reverse("planning:report", args=[YEAR, coop.full_report_group.slug]))
    assert response.status_code == 200
    coop.names_this_one(response.content.decode())


# --- The compilation of the year's plans ----------------------------------------------------


def test_the_compilation_of_the_years_plans(coop, tmp_path):
    approve_a_plan(coop.plan_group)
    year = PlanningYear.objects.get(year=YEAR)
    c = compilations.compile_plans(year)
    assert [e.group for s in c.sections for e in s.entries] == [coop.plan_group]
    content = compilation_exports.render_pdf(c)
    reading = pdf_checks.assert_accessible(content, title=c.title, tmp_path=tmp_path)
    assert coop.plan_group.name in reading.outline
    text = pdf_checks.text(content)
    assert coop.other_short_name not in text and coop.other_council not in text
    page = signed_in("kansli").get(reverse("desk:compilation", args=[YEAR, "planer"]))
    assert page.status_code == 200
    html = page.content.decode()
    coop.names_this_one(html)
    assert coop.plan_group.name in html
    # Each group's goals are under the heading of the cooperation's own template.
    goals = wording_for(Document.PLAN, year=YEAR)["goals"].heading
    assert f"{goals}:" in " ".join(text.split()) and f"{goals}:" in html


# --- Follow-up pages ------------------------------------------------------------------------


def test_the_follow_up_pages(coop):
    for client in (Client(), signed_in("ledamot")):
        overview = client.get(reverse("council:overview"))
        assert overview.status_code == 200
        coop.names_this_one(overview.content.decode())
    indicator = Indicator.objects.order_by("slug").first()
    page = Client().get(reverse("followup:indicator", args=[indicator.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    coop.names_this_one(html)
    assert indicator.title in html


# --- The portal -----------------------------------------------------------------------------


def test_the_portal(coop):
    client = Client()
    home = client.get("/").content.decode()
    coop.names_this_one(home)
    chart = client.get(reverse("organisation:chart")).content.decode()
    coop.names_this_one(chart)
    assert coop.council in chart and coop.plan_group.name in chart
    members = Municipality.objects.filter(is_member=True).order_by("code")
    for municipality in (members.first(), members.last()):
        response = client.get(reverse("organisation:municipality", args=[municipality.code]))
        assert response.status_code == 200
        html = response.content.decode()
        coop.names_this_one(html)
        assert municipality.name in html
    decisions = client.get(reverse("governance:decisions"))
    assert decisions.status_code == 200
    html = decisions.content.decode()
    coop.names_this_one(html)
    # Personal data stays with signed-in users.
    assert "@example.se" not in home + chart


# --- The open API ---------------------------------------------------------------------------


def test_the_open_api(coop):
    approve_a_plan(coop.plan_group)
    client = Client()

    def get(path: str):
        response = client.get(f"/api/v1/{path}")
        assert response.status_code == 200, response.content
        text = response.content.decode()
        assert coop.other_short_name not in text and coop.other_council not in text
        assert "@example.se" not in text
        return json.loads(text)

    get("")
    codes = {m["code"] for m in get("municipalities?page_size=100")["items"]}
    assert codes >= set(Municipality.objects.filter(is_member=True).values_list("code", flat=True))
    groups = {g["slug"] for g in get("groups?page_size=100")["items"]}
    assert coop.plan_group.slug in groups and coop.network.slug in groups
    plans = get("plans")["items"]
    assert [p["group"]["slug"] if isinstance(p["group"], dict) else p["group"] for p in plans] == [
        coop.plan_group.slug
    ]
    indicators = {i["slug"] for i in get("indicators?page_size=100")["items"]}
    assert indicators == set(Indicator.objects.values_list("slug", flat=True))
    get(f"plans/{YEAR}/{coop.plan_group.slug}")


# --- What the cooperation calls things ------------------------------------------------------


def test_the_page_limit_and_the_group_kinds_are_the_cooperations_own(coop):
    version = approve_a_plan(coop.plan_group)
    limit = Cooperation.objects.get().page_limit
    assert limit == {"umearegionen": 2, "exempelforbundet": 3}[coop.key]
    assert plan_services.page_limit_error(version, limit) is None
    refused = plan_services.page_limit_error(version, limit + 1)
    assert refused is not None and f"{limit + 1}" in refused and f"{limit}" in refused
    page = signed_in("kansli").get(
        reverse("planning:version", args=[YEAR, coop.plan_group.slug, 1])
    )
    assert f"av högst {limit}." in page.content.decode()
    kind = {"umearegionen": "Arbetsgrupp", "exempelforbundet": "Förbundsnätverk"}[coop.key]
    group_page = Client().get(coop.plan_group.get_absolute_url()).content.decode()
    assert f'<p class="eyebrow">{kind}</p>' in group_page


def test_the_wheel_and_the_reminders_name_the_cooperations_own_bodies(
    coop, mailoutbox, django_capture_on_commit_callbacks
):
    """The wheel says who meets and who approves in the cooperation's words, and a member's
    reminder to adopt a decision names the body that took it."""
    council = Body.objects.get(kind=Body.Kind.COUNCIL)
    chiefs = Body.objects.get(kind=Body.Kind.CHIEF_EXECUTIVES)
    assert council.name == coop.council
    PlanningYear.objects.filter(year=YEAR).update(approval_meeting_on=date(YEAR - 1, 12, 10))
    meeting = Meeting.objects.create(body=council, date=date(YEAR - 1, 11, 5), place="Sal 1")
    html = Client().get(reverse("governance:wheel", args=[YEAR - 1])).content.decode()
    assert f"{council.name} sammanträder" in html
    assert f"{chiefs.name} godkänner planerna för {YEAR}" in html
    coop.names_this_one(html)

    member = Municipality.objects.members_on(meeting.date).order_by("code").first()
    decision = governance_services.decision_record(
        meeting=meeting,
        actor=user("kansli"),
        kind=Decision.Kind.OTHER,
        title="Gemensam plan",
        text="Medlemmarna rekommenderas att anta planen.",
        concerns_municipalities=True,
    )
    BoardMeeting.objects.create(
        municipality=member, body="Kommunstyrelsen", date=date(YEAR - 1, 11, 20)
    )
    chief = _person(member, 950)
    BodyMembership.objects.create(body=chiefs, person=chief, start=START)
    with django_capture_on_commit_callbacks(execute=True):
        governance_services.adoption_reminders_send(
            base_url="https://samverkan.example", today=date(YEAR - 1, 11, 10)
        )
    sent = [m for m in mailoutbox if decision.title in m.body]
    assert sent, "no reminder was sent"
    assert f"{council.name} beslutade ”{decision.title}”" in sent[0].body
    assert coop.other_council not in sent[0].body
    assert coop.other_short_name not in sent[0].body


# --- The interim follow-up: the invented federation has one, Umeåregionen none --------------


def test_the_interim_follow_up_is_the_cooperations_own(coop):
    group = coop.plan_group
    prefix = _prefix(group)
    member, contact = signed_in(f"{prefix}1"), signed_in(f"{prefix}0")
    rounds = list(InterimRound.objects.all())
    if coop.key == "umearegionen":
        # No rounds in its file: no interim link anywhere, as before.
        assert rounds == []
        for client in (member, signed_in("kansli"), Client()):
            page = client.get(group.get_absolute_url()).content.decode()
            assert "/delar/" not in page and "Delårsuppföljning" not in page
        desk = signed_in("kansli").get(reverse("desk:year", args=[YEAR])).content.decode()
        assert "Delårsuppföljning" not in desk
        return
    (round_,) = rounds
    version = approve_a_plan(group)
    # A member starts it from the group's page.
    create = reverse("planning:interim_create", args=[YEAR, group.slug, round_.pk])
    assert create in member.get(group.get_absolute_url()).content.decode()
    assert member.post(create).status_code == 302
    report = InterimReport.objects.get(group=group, year__year=YEAR, round=round_)
    assert report.based_on == version and report.activities.count() == 1
    activity = report.activities.get()
    edit = reverse("planning:interim_edit", args=[YEAR, group.slug, round_.pk])
    saved = member.post(
        edit,
        {
            "lock_version": report.lock_version,
            "situation": "Kampanjen är försenad men arbetet går framåt i alla kommuner.",
            "attention": "Styrgruppen bör veta att trycket blev dyrare.",
            "act-TOTAL_FORMS": 1,
            "act-INITIAL_FORMS": 1,
            "act-0-id": activity.pk,
            "act-0-state": "delayed",
            "act-0-comment": "Tryckeriet var sent.",
        },
    )
    assert saved.status_code == 302
    transition = lambda action: reverse(  # noqa: E731
        "planning:interim_transition", args=[YEAR, group.slug, round_.pk, action]
    )
    assert contact.post(transition("submit")).status_code == 302
    desk = signed_in("kansli").get(reverse("desk:year", args=[YEAR])).content.decode()
    assert report.get_absolute_url() in desk
    assert signed_in("kansli").post(transition("note")).status_code == 302
    report.refresh_from_db()
    assert report.status == InterimStatus.NOTED
    # Noted, it is public on the group's page, in this cooperation's name.
    public = Client().get(report.get_absolute_url())
    assert public.status_code == 200
    text = public.content.decode()
    coop.names_this_one(text)
    assert "Tryckeriet var sent." in text and "@example.se" not in text
    assert report.get_absolute_url() in Client().get(group.get_absolute_url()).content.decode()
    # And its day is on the yearly wheel.
    wheel = Client().get(reverse("governance:wheel", args=[YEAR])).content.decode()
    assert f"Delårsuppföljning {YEAR}" in wheel
