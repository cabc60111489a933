"""Interim follow-ups (delårsuppföljning): rounds a cooperation defines, and each group's report.

The demo is Umeåregionen, which has no rounds; each test here gives it one, as the
secretariat would in the admin or a set-up file, so that nothing depends on a cooperation.
"""

import io
from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from samverkan.core.models import AuditEntry
from samverkan.governance import selectors as governance_selectors
from samverkan.organisation.models import Group
from samverkan.planning.models import (
    ActivityState,
    InterimActivity,
    InterimReport,
    InterimRound,
    InterimStatus,
    PlanningYear,
)
from samverkan.planning.selectors import interim as selectors
from samverkan.planning.selectors.plans import todos_for
from samverkan.planning.services import cycle
from samverkan.planning.services import interim as services
from samverkan.planning.services.plans import ConcurrentEditError
from tests import pdf_checks
from tests.planning_helpers import approved_plan, open_year, user

YEAR = 2027


def _round() -> InterimRound:
    return InterimRound.objects.create(
        name="Delårsuppföljning", name_en="Interim follow-up", due_month=8, due_day=31
    )


@pytest.fixture
def round_(demo_data):
    return _round()


@pytest.fixture
def interim(demo_data):
    # The approved plan first: it comes from the session's snapshot only on untouched data.
    version = approved_plan(YEAR)
    return services.interim_report_create(
        group=version.plan.group, year=version.plan.year, round=_round(), actor=user("medlem")
    )


def _url(report: InterimReport, name: str = "planning:interim", *extra) -> str:
    return reverse(name, args=[report.year.year, report.group.slug, report.round_id, *extra])


def _fill(report: InterimReport, actor: str = "medlem") -> InterimReport:
    rows = list(report.activities.all())
    for row in rows:
        row.state, row.comment = ActivityState.DELAYED, "Tryckeriet var sent."
    return services.interim_report_update(
        report=report,
        fields={
            "situation": "Arbetet med Đuolja-samlingen går enligt plan.",
            "attention": "Vi behöver hjälp med upphandlingen.",
        },
        rows=rows,
        expected_lock=None,
        actor=user(actor),
    )


# --- The round ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.django_db
def test_a_round_falls_on_the_same_day_every_year_and_refuses_a_day_not_every_year_has():
    round_ = InterimRound(name="Delår", due_month=8, due_day=31)
    round_.full_clean()
    assert round_.due_on(2027) == date(2027, 8, 31)
    for month, day in [(2, 29), (4, 31), (13, 1)]:
        with pytest.raises(ValidationError) as refused:
            InterimRound(name="Delår", due_month=month, due_day=day).full_clean()
        assert "Välj en dag som alla år har" in str(refused.value)


@pytest.mark.django_db
def test_two_rounds_cannot_fall_on_the_same_day():
    """Reminders go per group and due day: a second round on the same day is refused at the
    field rather than failing the reminder run."""
    InterimRound.objects.create(name="Delår", due_month=8, due_day=31)
    with pytest.raises(ValidationError) as refused:
        InterimRound(name="Tertial", due_month=8, due_day=31).full_clean()
    assert "en annan uppföljning" in str(refused.value.message_dict["due_day"]).lower()


@pytest.mark.django_db
def test_a_round_applies_to_the_kinds_that_report_unless_it_names_its_own():
    working, network, project = (
        Group(name=k, slug=k, kind=k)
        for k in (Group.Kind.WORKING_GROUP, Group.Kind.NETWORK, Group.Kind.PROJECT)
    )
    every = InterimRound(name="Delår", due_month=8, due_day=31)
    assert every.applies_to(working) and every.applies_to(network)
    assert not every.applies_to(project)
    networks_only = InterimRound(
        name="Nätverk", due_month=8, due_day=31, group_kinds=[Group.Kind.NETWORK]
    )
    assert networks_only.applies_to(network) and not networks_only.applies_to(working)


# --- Creating and saving --------------------------------------------------------------------


def test_the_report_starts_from_the_approved_plan(interim):
    approved = interim.based_on
    assert interim.status == InterimStatus.DRAFT and approved.status == "approved"
    planned = [a.what for a in approved.activities.all()]
    assert [a.planned.split(" – ")[0] for a in interim.activities.all()] == planned
    assert list(interim.events.values_list("to_status", flat=True)) == ["draft"]
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "samverkan.interim_report.created" and entry.actor == user("medlem")


def test_a_group_reports_each_round_once(interim):
    with pytest.raises(ValidationError, match="redan"):
        services.interim_report_create(
            group=interim.group, year=interim.year, round=interim.round, actor=user("medlem")
        )


def test_a_round_for_other_kinds_cannot_be_started(round_):
    round_.group_kinds = [Group.Kind.NETWORK]
    round_.save()
    with pytest.raises(ValidationError, match="rapporteras inte"):
        services.interim_report_create(
            group=Group.objects.get(slug="bibliotek"),
            year=open_year(YEAR),
            round=round_,
            actor=user("medlem"),
        )


@pytest.mark.parametrize("username", ["kansli", "kommunchef", "regionrad", "besokare", "admin"])
def test_only_the_groups_members_start_its_report(round_, username):
    with pytest.raises(PermissionDenied):
        services.interim_report_create(
            group=Group.objects.get(slug="bibliotek"),
            year=open_year(YEAR),
            round=round_,
            actor=user(username),
        )


def test_a_closed_year_takes_no_new_interim_report(round_):
    year = open_year(YEAR)
    PlanningYear.objects.filter(pk=year.pk).update(closed_at=timezone.now())
    with pytest.raises(ValidationError, match="stängt"):
        services.interim_report_create(
            group=Group.objects.get(slug="bibliotek"), year=year, round=round_, actor=user("medlem")
        )


def test_a_group_without_an_approved_plan_reports_the_situation_only(round_):
    report = services.interim_report_create(
        group=Group.objects.get(slug="bibliotek"),
        year=open_year(2029),
        round=round_,
        actor=user("medlem"),
    )
    assert report.based_on is None and not report.activities.exists()
    assert services.completeness_errors(report) == {
        "situation": ["Beskriv läget med några meningar."]
    }


def test_a_draft_saves_incomplete_and_is_audited(interim):
    saved = services.interim_report_update(
        report=interim,
        fields={"situation": "Halvvägs."},
        rows=[],
        expected_lock=interim.lock_version,
        actor=user("kontaktperson"),
    )
    saved.refresh_from_db()
    assert saved.situation == "Halvvägs." and saved.lock_version == interim.lock_version + 1
    assert saved.updated_by == user("kontaktperson")
    assert AuditEntry.objects.latest("pk").action == "samverkan.interim_report.edited"


def test_a_stale_save_is_refused_with_who_saved_it(interim):
    _fill(interim)
    with pytest.raises(ConcurrentEditError) as refused:
        services.interim_report_update(
            report=interim,
            fields={"situation": "Min version."},
            rows=[],
            expected_lock=interim.lock_version,  # loaded before the other save
            actor=user("kontaktperson"),
        )
    assert "sparade delårsrapporten" in refused.value.messages[0]
    interim.refresh_from_db()
    assert interim.situation.startswith("Arbetet")


def test_rows_of_another_report_are_refused(interim):
    other = services.interim_report_create(
        group=interim.group, year=open_year(2029), round=interim.round, actor=user("medlem")
    )
    stray = InterimActivity.objects.create(report=other, planned="Annat", order=1)
    with pytest.raises(PermissionDenied):
        services.interim_report_update(
            report=interim, fields={}, rows=[stray], expected_lock=None, actor=user("medlem")
        )


@pytest.mark.parametrize("username", ["kansli", "kommunchef", "regionrad", "besokare", "admin"])
def test_only_the_groups_members_write_it(interim, username):
    with pytest.raises(PermissionDenied):
        services.interim_report_update(
            report=interim,
            fields={"situation": "X"},
            rows=[],
            expected_lock=None,
            actor=user(username),
        )


# --- The workflow ---------------------------------------------------------------------------


def test_an_incomplete_report_cannot_be_submitted(interim):
    with pytest.raises(ValidationError) as refused:
        services.interim_report_submit(report=interim, actor=user("kontaktperson"))
    errors = refused.value.message_dict
    assert "situation" in errors and "activities" in errors
    interim.refresh_from_db()
    assert interim.status == InterimStatus.DRAFT


def test_a_delayed_activity_needs_a_why(interim):
    rows = list(interim.activities.all())
    for row in rows:
        row.state = ActivityState.DELAYED
    services.interim_report_update(
        report=interim,
        fields={"situation": "Läget."},
        rows=rows,
        expected_lock=None,
        actor=user("medlem"),
    )
    interim.refresh_from_db()
    errors = services.completeness_errors(interim)
    assert list(errors) == ["activities"] and "försenad" in errors["activities"][0]


def test_submitted_returned_resubmitted_and_noted(interim):
    _fill(interim)
    with pytest.raises(PermissionDenied):
        services.interim_report_submit(report=interim, actor=user("medlem"))
    report = services.interim_report_submit(report=interim, actor=user("kontaktperson"))
    assert report.status == InterimStatus.SUBMITTED and report.submitted_at
    with pytest.raises(PermissionDenied):
        services.interim_report_note(report=report, actor=user("kontaktperson"))
    with pytest.raises(ValidationError):
        services.interim_report_return(report=report, actor=user("kansli"), comment=" ")
    report = services.interim_report_return(
        report=report, actor=user("kansli"), comment="Beskriv förseningen närmare."
    )
    assert report.status == InterimStatus.RETURNED
    _fill(report, actor="kontaktperson")
    report = services.interim_report_submit(report=report, actor=user("kontaktperson"))
    report = services.interim_report_note(report=report, actor=user("kansli"), comment="Tack!")
    assert report.status == InterimStatus.NOTED and report.noted_at
    with pytest.raises(ValidationError, match="kan inte"):
        services.interim_report_note(report=report, actor=user("kansli"))
    assert list(report.events.values_list("to_status", flat=True)) == [
        "draft",
        "submitted",
        "returned",
        "submitted",
        "noted",
    ]
    actions = AuditEntry.objects.filter(object_id=str(report.pk), action__contains="interim")
    assert list(actions.order_by("pk").values_list("action", flat=True))[-3:] == [
        "samverkan.interim_report.edited",
        "samverkan.interim_report.submitted",
        "samverkan.interim_report.noted",
    ]
    with pytest.raises(PermissionDenied):
        _fill(report)  # noted: never changed again


def test_a_closed_year_locks_its_interim_reports(interim):
    _fill(interim)
    PlanningYear.objects.filter(pk=interim.year_id).update(closed_at=timezone.now())
    interim.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.interim_report_submit(report=interim, actor=user("kontaktperson"))
    with pytest.raises(PermissionDenied):
        _fill(interim)


# --- Pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("signed_in_visitor", 404),
        ("group_member", 200),
        ("contact_person", 200),
        ("secretariat", 200),
        ("chief_executive", 200),
        ("council_member", 200),
        ("administrator", 200),
    ],
)
def test_a_draft_is_for_the_group_and_those_who_follow_it(interim, persona, role, status):
    assert persona(role).get(_url(interim)).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 302),  # to sign in
        ("signed_in_visitor", 404),
        ("group_member", 200),
        ("contact_person", 200),
        ("secretariat", 403),
        ("chief_executive", 403),
        ("council_member", 403),
        ("administrator", 403),
    ],
)
def test_only_members_open_the_form(interim, persona, role, status):
    assert persona(role).get(_url(interim, "planning:interim_edit")).status_code == status


def test_the_form_saves_and_keeps_what_was_typed_on_a_stale_save(interim, persona):
    client = persona("group_member")
    form = client.get(_url(interim, "planning:interim_edit"))
    assert "Läget" in form.content.decode() and "Försenad" in form.content.decode()
    rows = list(interim.activities.all())
    data = {
        "lock_version": interim.lock_version,
        "situation": "Det går bra.",
        "attention": "",
        "act-TOTAL_FORMS": len(rows),
        "act-INITIAL_FORMS": len(rows),
    }
    for i, row in enumerate(rows):
        data[f"act-{i}-id"] = row.pk
        data[f"act-{i}-state"] = "on_track"
        data[f"act-{i}-comment"] = ""
    response = client.post(_url(interim, "planning:interim_edit"), data)
    assert response.status_code == 302
    interim.refresh_from_db()
    assert interim.situation == "Det går bra."
    assert set(interim.activities.values_list("state", flat=True)) == {"on_track"}
    # The same form again, now out of date: refused, and the typed text is still there.
    data["situation"] = "Min andra text."
    stale = persona("contact_person").post(_url(interim, "planning:interim_edit"), data)
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "medan du redigerade" in page and "Min andra text." in page
    interim.refresh_from_db()
    assert interim.situation == "Det går bra."


def test_the_buttons_follow_the_table_and_refused_posts_are_403(interim, persona):
    _fill(interim)
    submit = _url(interim, "planning:interim_transition", "submit")
    assert persona("group_member").post(submit).status_code == 403
    page = persona("contact_person").get(_url(interim)).content.decode()
    assert "Lämna in till kansliet" in page
    assert persona("contact_person").post(submit).status_code == 302
    note = _url(interim, "planning:interim_transition", "note")
    for role in ("group_member", "contact_person", "chief_executive", "council_member"):
        assert persona(role).post(note).status_code == 403, role
    assert "Notera delårsrapporten" in persona("secretariat").get(_url(interim)).content.decode()
    assert persona("secretariat").post(note).status_code == 302
    interim.refresh_from_db()
    assert interim.status == InterimStatus.NOTED
    assert (
        persona("group_member").post(_url(interim, "planning:interim_transition", "x")).status_code
        == 404
    )


def test_a_noted_report_is_public_without_contact_details(interim, persona):
    _fill(interim)
    report = services.interim_report_submit(report=interim, actor=user("kontaktperson"))
    services.interim_report_note(report=report, actor=user("kansli"))
    page = Client().get(_url(interim))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Vi behöver hjälp med upphandlingen." in text and "Försenad" in text
    assert "@" not in text.split("<main", 1)[1].split("</main>", 1)[0]
    group_page = Client().get(interim.group.get_absolute_url()).content.decode()
    assert _url(interim) in group_page and "Noterade delårsrapporter" in group_page


def test_the_group_page_offers_the_round_to_its_members_only(round_, persona):
    group = Group.objects.get(slug="bibliotek")
    open_year(YEAR)
    create = reverse("planning:interim_create", args=[YEAR, group.slug, round_.pk])
    member = persona("group_member").get(group.get_absolute_url()).content.decode()
    assert "Delårsuppföljningar" in member and create in member
    secretariat = persona("secretariat").get(group.get_absolute_url()).content.decode()
    assert "Delårsuppföljningar" in secretariat and create not in secretariat
    public = Client().get(group.get_absolute_url()).content.decode()
    assert "Delårsuppföljningar" not in public and create not in public
    assert persona("secretariat").post(create).status_code == 403
    assert not InterimReport.objects.exists()
    response = persona("group_member").post(create)
    report = InterimReport.objects.get()
    assert response.status_code == 302 and response["Location"] == _url(
        report, "planning:interim_edit"
    )


def test_without_rounds_nothing_changes(demo_data, persona):
    group = Group.objects.get(slug="bibliotek")
    open_year(YEAR)
    for role in ("group_member", "secretariat"):
        page = persona(role).get(group.get_absolute_url()).content.decode()
        assert "Delårsuppföljning" not in page and "/delar/" not in page
    desk = persona("secretariat").get(reverse("desk:year", args=[YEAR])).content.decode()
    assert "Delårsuppföljning" not in desk


# --- The desk and the wheel -----------------------------------------------------------------


def test_the_desk_lists_reports_to_note_and_the_overdue(interim, persona):
    _fill(interim)
    services.interim_report_submit(report=interim, actor=user("kontaktperson"))
    page = persona("secretariat").get(reverse("desk:year", args=[YEAR])).content.decode()
    assert "Delårsuppföljningar" in page and _url(interim) in page
    # On 15 September every other working group that reports is late, Bibliotek is not.
    late = selectors.overdue(interim.year, today=date(YEAR, 9, 15))
    assert late and interim.group not in {o.group for o in late}
    assert {o.group.kind for o in late} <= {Group.Kind.WORKING_GROUP, Group.Kind.NETWORK}
    assert selectors.overdue(interim.year, today=date(YEAR, 8, 31)) == []
    assert persona("group_member").get(reverse("desk:year", args=[YEAR])).status_code == 403


def test_the_wheel_shows_the_rounds_day(round_):
    open_year(YEAR)
    dates = governance_selectors.wheel_dates(YEAR, boards=False)
    interim = [d for d in dates if d.kind == "interim_due"]
    assert [(d.day, d.label) for d in interim] == [(date(YEAR, 8, 31), f"Delårsuppföljning {YEAR}")]
    mine = governance_selectors.deadlines_for(
        user("medlem"), start=date(YEAR, 1, 1), end=date(YEAR, 12, 31)
    )
    assert any(d.kind == "interim_due" and "Bibliotek" in d.label for d in mine)


def test_the_wheel_has_no_interim_day_without_rounds(demo_data):
    open_year(YEAR)
    assert not [d for d in governance_selectors.wheel_dates(YEAR) if d.kind == "interim_due"]


# --- The admin ------------------------------------------------------------------------------


def test_the_secretariat_edits_the_rounds_in_the_admin(demo_data, persona):
    client = persona("secretariat")
    response = client.post(
        reverse("admin:planning_interimround_add"),
        {
            "name": "Tertial 2",
            "name_en": "",
            "due_month": 8,
            "due_day": 31,
            "order": 1,
            "group_kinds": ["network"],
        },
    )
    assert response.status_code == 302
    round_ = InterimRound.objects.get(name="Tertial 2")
    assert round_.group_kinds == ["network"]
    assert AuditEntry.objects.filter(object_id=str(round_.pk)).exists()
    refused = client.post(
        reverse("admin:planning_interimround_add"),
        {"name": "Fel", "due_month": 2, "due_day": 30, "order": 1},
    )
    assert refused.status_code == 200 and "Välj en dag som alla år har" in refused.content.decode()
    assert persona("group_member").get(reverse("admin:planning_interimround_add")).status_code in {
        302,
        403,
    }


# --- Exports --------------------------------------------------------------------------------


def test_the_pdf_is_tagged_and_prints_what_was_written(interim, persona, tmp_path):
    _fill(interim)
    response = persona("group_member").get(_url(interim, "planning:interim_export", "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="delarsuppfoljning-2027-bibliotek.pdf"' in response["Content-Disposition"]
    title = f"Delårsuppföljning {YEAR} för Bibliotek"
    reading = pdf_checks.assert_accessible(response.content, title=title, tmp_path=tmp_path)
    assert {"Table", "TH"} <= set(reading.tags)
    text = pdf_checks.text(response.content)
    # The Sámi letters are drawn by the bundled font; no person's details are in it.
    assert "Đuolja" in text and "Försenad" in text and "@" not in text


def test_the_docx_and_who_may_download(interim, persona):
    _fill(interim)
    url = _url(interim, "planning:interim_export", "docx")
    assert persona("visitor").get(url).status_code == 404  # a draft
    response = persona("secretariat").get(url)
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Đuolja" in text and "Vi behöver hjälp med upphandlingen." in text
    assert document.tables[0].rows[1].cells[1].text == "Försenad"
    assert (
        persona("secretariat").get(_url(interim, "planning:interim_export", "odt")).status_code
        == 404
    )


# --- My pages -------------------------------------------------------------------------------


def test_my_page_lists_the_interim_reports_to_write(interim, persona, demo_today):
    open_year(2026)
    texts = [t.text for t in todos_for(user("medlem"))]
    # Started for 2027: a draft to finish. Not started for the year under way (2026): due.
    assert f"Bibliotek, Delårsuppföljning {YEAR}: Utkast." in texts
    assert "Bibliotek har inte påbörjat Delårsuppföljning 2026 (ska vara inne 2026-08-31)." in texts
    page = persona("group_member").get(reverse("desk:my_page")).content.decode()
    assert "Delårsuppföljning 2026" in page and _url(interim) in page
    assert not [t for t in todos_for(user("kommunchef")) if "Delårs" in t.text]


# --- Reminders ------------------------------------------------------------------------------


def test_contact_persons_are_reminded_of_the_round_until_they_submit(
    interim, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = cycle.reminders_send(year=interim.year, today=date(YEAR, 8, 24))
    mine = [log for log in sent if log.stage == "interim" and log.group == interim.group]
    assert [(log.step, log.due, log.late) for log in mine] == [(-7, date(YEAR, 8, 31), False)]
    assert mine[0].subject == f"Påminnelse: Delårsuppföljning {YEAR} för Bibliotek"
    (mail,) = [m for m in mailoutbox if m.subject == mine[0].subject]
    assert f"Delårsuppföljning {YEAR} för Bibliotek ska lämnas senast {YEAR}-08-31." in mail.body
    assert "/organisation/grupper/bibliotek/#interim" in mail.body
    # Once submitted, the later steps leave the group alone; the others are still reminded.
    _fill(interim)
    services.interim_report_submit(report=interim, actor=user("kontaktperson"))
    with django_capture_on_commit_callbacks(execute=True):
        later = cycle.reminders_send(year=interim.year, today=date(YEAR, 9, 1))
    interim_logs = [log for log in later if log.stage == "interim"]
    assert interim.group not in {log.group for log in interim_logs}


def test_without_rounds_no_interim_reminder(demo_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = cycle.reminders_send(year=open_year(YEAR), today=date(YEAR, 9, 1))
    assert sent and {log.stage for log in sent} <= {"plan", "report"}


def test_an_english_page_names_the_round_in_english(round_, persona):
    group = Group.objects.get(slug="bibliotek")
    open_year(YEAR)
    client = persona("group_member")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(group.get_absolute_url()).content.decode()
    assert f"Start Interim follow-up {YEAR}" in page


def test_the_desk_reopens_one_interim_report_of_a_closed_year(interim, persona):
    _fill(interim)
    year = interim.year
    cycle.year_close(year=year, actor=user("kansli"))
    interim.refresh_from_db()
    assert interim.is_locked
    desk = reverse("desk:year", args=[YEAR])
    page = persona("secretariat").get(desk).content.decode()
    reopen = reverse("desk:reopen", args=[YEAR, "interim", interim.pk])
    assert reopen in page
    assert persona("group_member").post(reopen, {"reason": "X"}).status_code == 403
    assert persona("secretariat").post(reopen, {"reason": "Fel i läget."}).status_code == 302
    interim.refresh_from_db()
    assert not interim.is_locked
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == "samverkan.planning_year.reopened" and entry.comment == "Fel i läget."
    # Reopened, the group writes and submits it again.
    _fill(interim)
    services.interim_report_submit(report=interim, actor=user("kontaktperson"))
