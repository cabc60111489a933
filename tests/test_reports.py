"""Annual reports (Mall 2) and the networks' light report."""

import io
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from samverkan.core.exports import registry
from samverkan.core.models import AuditEntry
from samverkan.datasets import demo
from samverkan.organisation.models import Group
from samverkan.planning.documents.reports import _goal
from samverkan.planning.models import AnnualReport, PlanVersion, ReportStatus
from samverkan.planning.selectors import plans as selectors
from samverkan.planning.services import plans as plan_services
from samverkan.planning.services import reports as services
from tests.planning_helpers import approved_plan, open_year, user
from tests.snapshots import load_once


@pytest.fixture
def approved(demo_data):
    return PlanVersion.objects.get(pk=load_once("approved revision", _approved_revision))


def _approved_revision() -> int:
    version = approved_plan()
    revision = plan_services.plan_revision_start(plan=version.plan, actor=user("medlem"))
    plan_services.plan_update(
        version=revision,
        fields={
            "revision_when": date(2027, 4, 1),
            "revision_how": "Målet sänks till 5 %.",
            "revision_why": "Licensen ändrades.",
        },
        objectives=revision.objectives.all(),
        priority_commitments=revision.priority_commitments.all(),
        expected_lock=None,
        actor=user("medlem"),
    )
    plan_services.plan_submit(version=revision, actor=user("kontaktperson"))
    plan_services.plan_forward(version=revision, actor=user("kansli"))
    plan_services.plan_approve(version=revision, actor=user("kommunchef"))
    return revision.pk


@pytest.fixture
def report(approved):
    def create() -> int:
        plan = approved.plan
        return services.report_create(
            group=plan.group, year=plan.year, actor=user("kontaktperson")
        ).pk

    return AnnualReport.objects.get(pk=load_once("report on the approved revision", create))


def _fill(report, *, fulfilment="partly", reason="Resursbrist.", touched=True):
    loaded = selectors.report_for(report.group.slug, report.year.year)
    rows = []
    for goal in loaded.goals.all():
        goal.fulfilment, goal.reason = fulfilment, reason
        rows.append(goal)
    for activity in loaded.activities.all():
        activity.result, activity.result_text = "done", "Genomfört."
        rows.append(activity)
    for priority in loaded.priorities.all():
        priority.touched, priority.what_was_done = touched, "Kampanj i alla kommuner."
        rows.append(priority)
    return services.report_update(
        report=loaded,
        fields={"summary": "Ett bra år för Đuolja-samlingen."},
        rows=rows,
        expected_lock=None,
        actor=user("medlem"),
    )


def test_report_starts_from_the_last_approved_plan(report, approved):
    assert report.based_on == approved and report.kind == AnnualReport.Kind.FULL
    assert [g.statement for g in report.goals.all()] == [g.statement for g in approved.goals.all()]
    goal = report.goals.get()
    assert goal.is_measurable and goal.target_value == approved.goals.get().target_value
    assert report.activities.get().planned.startswith("Kampanj för e-boken")
    assert report.priorities.get().priority_commitment.commitment.code == "1.3"
    assert "Målet sänks till 5 %." in report.revisions and "2027-04-01" in report.revisions
    assert AuditEntry.objects.filter(action="samverkan.report.created").exists()


def test_group_without_an_approved_plan_can_report_and_is_told(demo_data):
    report = services.report_create(
        group=Group.objects.get(slug="bibliotek"), year=open_year(2027), actor=user("medlem")
    )
    assert report.based_on is None and not report.goals.exists()
    html = pytest.importorskip("django.test").Client()
    client = html
    client.force_login(user("medlem"))
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Gruppen hade ingen godkänd verksamhetsplan för 2027." in page


def test_one_report_per_group_and_year(report):
    with pytest.raises(ValidationError):
        services.report_create(group=report.group, year=report.year, actor=user("medlem"))


def test_submission_needs_reasons_and_a_priority(report):
    _fill(report, reason="", touched=False)
    with pytest.raises(ValidationError) as exc:
        services.report_submit(report=report, actor=user("kontaktperson"))
    errors = exc.value.message_dict
    assert "ange varför det inte uppfylldes helt" in errors["goals"][0]
    assert errors["priorities"] == ["Redovisa arbetet inom minst ett prioriterat område."]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_submit_accept_and_history(report):
    _fill(report)
    services.report_submit(report=report, actor=user("kontaktperson"))
    with pytest.raises(PermissionDenied):
        services.report_accept(report=report, actor=user("kommunchef"))
    services.report_accept(report=report, actor=user("kansli"), comment="Tack!")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.frozen_members
    assert list(report.events.values_list("to_status", flat=True)) == [
        "draft",
        "submitted",
        "accepted",
    ]
    assert AuditEntry.objects.filter(action="samverkan.report.accepted").exists()
    with pytest.raises(PermissionDenied):
        _fill(report)


def test_return_needs_a_comment(report):
    _fill(report)
    services.report_submit(report=report, actor=user("kontaktperson"))
    with pytest.raises(ValidationError):
        services.report_return(report=report, actor=user("kansli"), comment="")
    services.report_return(report=report, actor=user("kansli"), comment="Saknar siffror.")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.is_editable


@pytest.mark.parametrize("username", ["medlem", "kansli", "kommunchef", "regionrad"])
def test_only_the_contact_person_submits(report, username):
    _fill(report)
    with pytest.raises(PermissionDenied):
        services.report_submit(report=report, actor=user(username))


@pytest.mark.parametrize("username", ["kansli", "kommunchef", "regionrad", "besokare"])
def test_only_members_create_and_edit(report, username):
    with pytest.raises(PermissionDenied):
        services.report_update(
            report=report,
            fields={"summary": "x"},
            rows=[],
            expected_lock=None,
            actor=user(username),
        )
    with pytest.raises(PermissionDenied):
        services.report_create(
            group=Group.objects.get(slug="kultur"), year=report.year, actor=user(username)
        )


def test_stale_report_save_is_refused(report):
    stale = report.lock_version
    services.report_update(
        report=report,
        fields={"summary": "Först."},
        rows=[],
        expected_lock=stale,
        actor=user("medlem"),
    )
    with pytest.raises(plan_services.ConcurrentEditError):
        services.report_update(
            report=report,
            fields={"summary": "Sen."},
            rows=[],
            expected_lock=stale,
            actor=user("kontaktperson"),
        )
    report.refresh_from_db()
    assert report.summary == "Först."


def _form_data(report, **goal_overrides):
    loaded = selectors.report_for(report.group.slug, report.year.year)
    goals, activities, priorities = (
        list(loaded.goals.order_by("order", "id")),
        list(loaded.activities.all()),
        list(loaded.priorities.all()),
    )
    data = {
        "lock_version": loaded.lock_version,
        "summary": "Året.",
        "revisions": "",
        "goal-TOTAL_FORMS": len(goals),
        "goal-INITIAL_FORMS": len(goals),
        "act-TOTAL_FORMS": len(activities),
        "act-INITIAL_FORMS": len(activities),
        "prio-TOTAL_FORMS": len(priorities),
        "prio-INITIAL_FORMS": len(priorities),
    }
    for i, g in enumerate(goals):
        data |= {
            f"goal-{i}-id": g.pk,
            f"goal-{i}-fulfilment": "fully",
            f"goal-{i}-value_reached": "",
            f"goal-{i}-comment": "",
            f"goal-{i}-reason": "",
        }
        data |= {f"goal-{i}-{k}": v for k, v in goal_overrides.items()}
    for i, a in enumerate(activities):
        data |= {f"act-{i}-id": a.pk, f"act-{i}-result": "done"}
    for i, p in enumerate(priorities):
        data |= {
            f"prio-{i}-id": p.pk,
            f"prio-{i}-touched": "on",
            f"prio-{i}-what_was_done": "Gjort.",
        }
    return data


def test_view_saves_the_whole_report(report, persona):
    response = persona("contact_person").post(
        reverse("planning:report_edit", args=[2027, "bibliotek"]),
        _form_data(report, value_reached="1 080"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    goal = report.goals.get()
    assert goal.fulfilment == "fully" and str(goal.value_reached) == "1080.00"


def test_value_for_a_non_measurable_goal_is_refused_at_the_field(report, persona):
    report.goals.update(is_measurable=False)
    response = persona("contact_person").post(
        reverse("planning:report_edit", args=[2027, "bibliotek"]),
        _form_data(report, value_reached="12"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Målet har inget mått och målvärde i planen" in html
    assert report.goals.get().value_reached is None


def test_non_numeric_value_is_refused_at_the_field(report, persona):
    response = persona("contact_person").post(
        reverse("planning:report_edit", args=[2027, "bibliotek"]),
        _form_data(report, value_reached="ganska många"),
    )
    assert "Ange ett tal, till exempel 25 eller 12,5." in response.content.decode()


def _networks_and_accounts():
    demo.load_networks()
    demo.ensure_accounts()


@pytest.fixture
def network_report(demo_data):
    load_once("networks+accounts", _networks_and_accounts)
    return services.report_create(
        group=Group.objects.get(slug="landsbygdsnatverket"),
        year=open_year(2027),
        actor=user("natverk"),
    )


def test_network_gets_the_light_report(network_report):
    assert network_report.kind == AnnualReport.Kind.LIGHT
    assert network_report.municipalities.exists()


@pytest.mark.parametrize(
    ("meetings", "message"),
    [
        ("-2", "Antalet träffar kan inte vara negativt."),
        ("sex", "Ange antalet träffar som ett heltal, till exempel 6."),
    ],
)
def test_bad_meeting_count_is_refused_at_the_field(network_report, meetings, message):
    client = Client()
    client.force_login(user("natverk"))
    response = client.post(
        reverse("planning:report_edit", args=[2027, "landsbygdsnatverket"]),
        {
            "lock_version": network_report.lock_version,
            "meetings": meetings,
            "network_activities": "Vi träffas.",
            "goal-TOTAL_FORMS": 0,
            "goal-INITIAL_FORMS": 0,
            "act-TOTAL_FORMS": 0,
            "act-INITIAL_FORMS": 0,
            "prio-TOTAL_FORMS": 0,
            "prio-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    network_report.refresh_from_db()
    assert network_report.meetings is None


def test_network_report_submitted_and_accepted(network_report):
    with pytest.raises(ValidationError) as exc:
        services.report_submit(report=network_report, actor=user("natverk"))
    assert "meetings" in exc.value.message_dict
    services.report_update(
        report=network_report,
        fields={"meetings": 6, "network_activities": "Vi delar erfarenheter."},
        rows=[],
        expected_lock=None,
        actor=user("natverk"),
    )
    services.report_submit(report=network_report, actor=user("natverk"))
    services.report_accept(report=network_report, actor=user("kansli"))
    network_report.refresh_from_db()
    assert network_report.status == ReportStatus.ACCEPTED
    pdf = registry.get("report_pdf").render(network_report, public=True)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Nätverksrapport 2027 för Landsbygdsnätverket" in text and "6" in text


def test_exports_look_like_mall_2_and_hide_contacts_in_public(report):
    _fill(report)
    loaded = selectors.report_for("bibliotek", 2027)
    contact, _members = selectors.report_people(loaded)
    pdf = registry.get("report_pdf").render(loaded, public=False)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for expected in (
        "Verksamhetsberättelse 2027 för Umeåregionens Bibliotek-arbetsgrupp",
        "Måluppfyllelse 2027",
        "Det här planerade vi att genomföra",
        "Resultat – genomfört/ej genomfört",
        "Delvis",
        "Đuolja",
        "Revideringar under året",
    ):
        assert expected in text, expected
    assert contact.email in text.replace("\n", "")
    public = registry.get("report_docx").render(loaded, public=True)
    document = Document(io.BytesIO(public.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Måluppfyllelse 2027" in body and "@" not in body


@pytest.mark.parametrize("role", ["visitor", "signed_in_visitor"])
def test_visitors_see_accepted_reports_only(report, persona, role):
    url = reverse("planning:report", args=[2027, "bibliotek"])
    assert persona(role).get(url).status_code == 404
    _fill(report)
    services.report_submit(report=report, actor=user("kontaktperson"))
    assert persona(role).get(url).status_code == 404
    services.report_accept(report=report, actor=user("kansli"))
    response = persona(role).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    if role == "visitor":
        assert "@" not in html.split("<main")[1]
    assert "Historik" not in html


def test_refused_report_transition_by_post_is_403(report, persona):
    _fill(report)
    url = reverse("planning:report_transition", args=[2027, "bibliotek", "submit"])
    assert persona("group_member").post(url).status_code == 403
    assert persona("contact_person").post(url).status_code == 302
    accept = reverse("planning:report_transition", args=[2027, "bibliotek", "accept"])
    for role in ("contact_person", "chief_executive", "council_member"):
        assert persona(role).post(accept).status_code == 403, role
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_goals_plan_and_result_read_as_a_sentence_with_their_units():
    goal = SimpleNamespace(
        baseline_value=Decimal("12"),
        target_value=Decimal("30"),
        value_reached=Decimal("31.8"),
        unit="platser",
        deadline=date(2025, 12, 31),
        fulfilment="fully",
        get_fulfilment_display=lambda: "Helt",
        statement="Fler pendlarparkeringar",
        comment="",
        reason="",
    )
    with translation.override("sv"):
        line = _goal("1", goal)
    assert line.planned == "utgångsläge 12 platser, mål 30 platser senast 2025-12-31"
    assert line.outcome == "Helt – uppnått 31,8 platser"
