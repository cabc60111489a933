"""The yearly wheel: its dates drive the desk's "overdue" and "due soon", the reminders'
schedule and "My pages"; moving a date moves everything derived from it. Time is frozen."""

import xml.etree.ElementTree as ET
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samverkan.core.models import AuditEntry
from samverkan.datasets import demo_plans
from samverkan.governance import selectors as wheel_selectors
from samverkan.governance.models import BoardMeeting
from samverkan.governance.wheel import wheel_svg
from samverkan.organisation.models import Municipality
from samverkan.planning.models import PlanningYear, ReminderLog
from samverkan.planning.selectors import cycle as desk
from samverkan.planning.services import cycle
from tests.planning_helpers import user
from tests.snapshots import load_once

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def year_2027(demo_data):
    load_once("plans", demo_plans.load_plans)
    return PlanningYear.objects.get(year=2027)


def _row(rows, slug):
    return next(r for r in rows if r.group.slug == slug)


def _at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=STOCKHOLM))


def _move(year: PlanningYear, **dates) -> PlanningYear:
    return cycle.wheel_update(year=year, actor=user("kansli"), **dates)


# --- The desk --------------------------------------------------------------------------------


def test_due_soon_and_overdue_follow_the_plans_due_date(year_2027):
    # Kultur has no approved plan for 2027 (or none at all).
    with _at(date(2026, 12, 5)):
        row = _row(desk.desk_rows(year_2027), "personal")
        assert row.plan_due_soon and not row.plan_overdue  # due 15 December
    year_2027 = _move(year_2027, plans_due=date(2027, 1, 15))
    with _at(date(2026, 12, 5)):
        row = _row(desk.desk_rows(year_2027), "personal")
        assert not row.plan_due_soon and not row.plan_overdue  # now six weeks away
    year_2027 = _move(year_2027, plans_due=date(2026, 11, 30))
    with _at(date(2026, 12, 5)):
        row = _row(desk.desk_rows(year_2027), "personal")
        assert row.plan_overdue and not row.plan_due_soon
        assert row in desk.desk_rows(year_2027, status="overdue")


@pytest.mark.usefixtures("year_2027")
def test_anchoring_date_makes_a_plan_stuck_in_anchoring_late():
    # Turism's plan for 2026 is with the members for anchoring.
    year = _move(
        PlanningYear.objects.get(year=2026),
        plans_due=date(2025, 11, 1),
        anchoring_due=date(2025, 11, 20),
    )
    turism = _row(desk.desk_rows(year, today=date(2025, 11, 15)), "turism")
    assert turism.waiting == [desk.WAITING_MEMBERS]
    assert turism.plan_due_soon and not turism.plan_overdue
    assert _row(desk.desk_rows(year, today=date(2025, 11, 21)), "turism").plan_overdue
    # Without an anchoring date, the plan should have been through it when due.
    year = _move(year, anchoring_due=None)
    assert _row(desk.desk_rows(year, today=date(2025, 11, 2)), "turism").plan_overdue


@pytest.mark.usefixtures("year_2027")
def test_the_desk_page_shows_due_soon(persona):
    with _at(date(2026, 12, 5)):
        response = persona("secretariat").get(reverse("desk:year", args=[2027]))
    html = response.content.decode()
    assert "Förfaller snart" in html and "Årshjulet 2027" in html


# --- The reminders' schedule ----------------------------------------------------------------


def _plan_reminders(today, year):
    with _at(today):
        return [
            log
            for log in cycle.reminders_send(year=year, today=today)
            if log.stage == ReminderLog.Stage.PLAN
        ]


def test_each_step_of_the_schedule_is_sent_once(year_2027, django_capture_on_commit_callbacks):
    # Plans for 2027 are due 15 December 2026.
    with django_capture_on_commit_callbacks(execute=True):
        assert _plan_reminders(date(2026, 11, 30), year_2027) == []  # 15 days before
        first = _plan_reminders(date(2026, 12, 1), year_2027)
        assert first and {log.step for log in first} == {-14}
        assert "personal" in {log.group.slug for log in first}
        assert _plan_reminders(date(2026, 12, 1), year_2027) == []  # the same day again
        assert _plan_reminders(date(2026, 12, 5), year_2027) == []  # between two steps
        assert {log.step for log in _plan_reminders(date(2026, 12, 8), year_2027)} == {-7}
        # A run that missed some steps sends only the latest, once.
        late = _plan_reminders(date(2026, 12, 18), year_2027)
        assert {log.step for log in late} == {1} and all(log.late for log in late)
        assert _plan_reminders(date(2026, 12, 18), year_2027) == []
    assert len(mail.outbox) == ReminderLog.objects.count()


def test_moving_the_date_starts_the_schedule_afresh(year_2027, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert {log.step for log in _plan_reminders(date(2026, 12, 8), year_2027)} == {-7}
        _move(year_2027, plans_due=date(2027, 1, 10))
        # 8 December is 33 days before the new date: nothing yet.
        year = PlanningYear.objects.get(pk=year_2027.pk)
        assert _plan_reminders(date(2026, 12, 9), year) == []
        again = _plan_reminders(date(2026, 12, 27), year)
        assert {(log.step, log.due) for log in again} == {(-14, date(2027, 1, 10))}
    message = mail.outbox[-1]
    assert "2027-01-10" in message.body


def test_reminder_step():
    due = date(2027, 2, 15)
    assert cycle.reminder_step(due, date(2027, 1, 31)) is None
    assert cycle.reminder_step(due, date(2027, 2, 1)) == -14
    assert cycle.reminder_step(due, date(2027, 2, 14)) == -1
    assert cycle.reminder_step(due, date(2027, 2, 15)) == -1
    assert cycle.reminder_step(due, date(2027, 2, 16)) == 1
    assert cycle.reminder_step(due, date(2028, 2, 16)) == 14


# --- Setting the wheel -----------------------------------------------------------------------


def test_the_secretariat_sets_the_wheel_and_it_is_audited(year_2027, persona):
    url = reverse("governance:wheel_edit", args=[2027])
    client = persona("secretariat")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "form": "wheel",
            "wheel-plans_due": "2026-12-10",
            "wheel-anchoring_due": "2027-01-20",
            "wheel-approval_meeting_on": "2027-02-05",
            "wheel-reports_due": "2028-02-15",
            "wheel-plan_review_on": "2027-09-30",
        },
    )
    assert response.status_code == 302
    year = PlanningYear.objects.get(pk=year_2027.pk)
    assert year.plans_due == date(2026, 12, 10) and year.anchoring_due == date(2027, 1, 20)
    entry = AuditEntry.objects.get(action="samverkan.planning_year.wheel_changed")
    assert entry.actor.username == "kansli"
    assert entry.changes["plans_due"] == ["2026-12-15", "2026-12-10"]
    assert entry.changes["approval_meeting_on"] == ["2027-02-04", "2027-02-05"]


def test_a_refused_date_is_shown_in_swedish_at_its_field(year_2027, persona):
    response = persona("secretariat").post(
        reverse("governance:wheel_edit", args=[2027]),
        {
            "form": "wheel",
            "wheel-plans_due": "2026-12-15",
            "wheel-anchoring_due": "2026-12-01",  # before the plans are due
            "wheel-approval_meeting_on": "15/1",
            "wheel-reports_due": "",
            "wheel-plan_review_on": "",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "Ange datum som ÅÅÅÅ-MM-DD" in form.errors["approval_meeting_on"][0]
    assert form.errors["reports_due"] == ["Ange datumet."]
    html = response.content.decode()
    assert 'value="2026-12-01"' in html  # what was typed is kept
    assert PlanningYear.objects.get(pk=year_2027.pk).anchoring_due == date(2027, 1, 20)
    response = persona("secretariat").post(
        reverse("governance:wheel_edit", args=[2027]),
        {
            "form": "wheel",
            "wheel-plans_due": "2026-12-15",
            "wheel-anchoring_due": "2026-12-01",
            "wheel-reports_due": "2028-02-15",
        },
    )
    assert "förankringen" in response.context["form"].errors["anchoring_due"][0].lower()
    assert not AuditEntry.objects.filter(action="samverkan.planning_year.wheel_changed").exists()


@pytest.mark.parametrize(
    "role",
    [
        "visitor",
        "signed_in_visitor",
        "group_member",
        "contact_person",
        "chief_executive",
        "council_member",
    ],
)
def test_only_the_secretariat_sets_the_wheel(year_2027, persona, role):
    url = reverse("governance:wheel_edit", args=[2027])
    client = persona(role)
    expected = 302 if role == "visitor" else 403  # the visitor is sent to sign in
    assert client.get(url).status_code == expected
    client.post(url, {"form": "wheel", "wheel-plans_due": "2026-12-01"})
    client.post(url, {"form": "board", "board-date": "2027-03-01", "board-body": "KS"})
    assert PlanningYear.objects.get(pk=year_2027.pk).plans_due == date(2026, 12, 15)
    assert not BoardMeeting.objects.exists()
    with pytest.raises(PermissionDenied):
        cycle.wheel_update(year=year_2027, actor=user("kommunchef"), plans_due=date(2026, 12, 1))


def test_the_administrator_may_set_the_wheel(year_2027, persona):
    assert (
        persona("administrator").get(reverse("governance:wheel_edit", args=[2027])).status_code
        == 200
    )


def test_board_meetings_are_added_and_removed_audited(year_2027, persona):
    vannas = Municipality.objects.get(name="Vännäs")
    url = reverse("governance:wheel_edit", args=[2027])
    client = persona("secretariat")
    response = client.post(
        url,
        {"form": "board", "board-municipality": vannas.pk, "board-body": "", "board-date": "x"},
    )
    assert response.status_code == 400
    errors = response.context["board_form"].errors
    assert errors["body"] and "ÅÅÅÅ-MM-DD" in errors["date"][0]
    response = client.post(
        url,
        {
            "form": "board",
            "board-municipality": vannas.pk,
            "board-body": "Kommunstyrelsen",
            "board-date": "2027-03-09",
        },
    )
    assert response.status_code == 302
    meeting = BoardMeeting.objects.get()
    assert AuditEntry.objects.filter(action="samverkan.board_meeting.added").exists()
    assert (
        persona("chief_executive")
        .post(reverse("governance:board_meeting_remove", args=[meeting.pk]))
        .status_code
        == 403
    )
    client.post(reverse("governance:board_meeting_remove", args=[meeting.pk]))
    assert not BoardMeeting.objects.exists()
    assert AuditEntry.objects.filter(action="samverkan.board_meeting.removed").exists()


# --- The wheel page --------------------------------------------------------------------------


def test_the_wheel_page_draws_and_lists_the_same_dates(year_2027, persona):
    _move(year_2027, approval_meeting_on=date(2027, 2, 5), plan_review_on=date(2027, 9, 30))
    BoardMeeting.objects.create(
        municipality=Municipality.objects.get(name="Vännäs"),
        body="Kommunstyrelsen",
        date=date(2027, 3, 9),
    )
    dates = wheel_selectors.wheel_dates(2027)
    kinds = [d.kind for d in dates]
    # 2026's reports and 2028's plans fall in 2027 too.
    assert "reports_due" in kinds and "approval" in kinds and "board" in kinds
    assert [d.day for d in dates] == sorted(d.day for d in dates)
    # The page shows one member's board meetings at a time.
    response = persona("visitor").get(reverse("governance:wheel", args=[2027]), {"kommun": "2460"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<time datetime=") == len(dates)
    assert "2027-02-05" in html and "Vännäs: Kommunstyrelsen" in html
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    tree = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    marks = tree.findall(f"{ns}g")
    assert len(marks) == len(dates)
    assert tree.get("role") == "img" and tree.find(f"{ns}title") is not None


def test_moving_a_date_moves_its_mark():
    dates = [wheel_selectors.WheelDate(date(2027, 1, 1), "plans_due", "a")]
    start = wheel_svg(2027, dates)
    moved = wheel_svg(2027, [wheel_selectors.WheelDate(date(2027, 7, 2), "plans_due", "a")])
    assert start != moved
    assert wheel_svg(2027, dates) == start  # deterministic


def test_a_year_outside_the_range_is_not_found(persona):
    assert persona("visitor").get("/arshjul/1900/").status_code == 404


# --- My pages --------------------------------------------------------------------------------


def test_my_pages_follow_the_wheel(year_2027, persona):
    _move(year_2027, plans_due=date(2026, 12, 20), approval_meeting_on=date(2027, 2, 5))
    with _at(date(2026, 12, 10)):
        contact = persona("contact_person").get(reverse("desk:my_page")).content.decode()
        chief = persona("chief_executive").get(reverse("desk:my_page")).content.decode()
        visitor = persona("signed_in_visitor").get(reverse("desk:my_page")).content.decode()
    # Bibliotek is a working group: its plan for 2027 is due on the moved date.
    assert "2026-12-20" in contact and "om 10 dagar" in contact
    assert "2027-02-05" not in contact
    assert "2027-02-05" in chief
    assert "Inga datum i årshjulet" in visitor


def test_the_wheel_rejects_an_unknown_field(year_2027):
    with pytest.raises(ValueError):
        cycle.wheel_update(year=year_2027, actor=user("kansli"), closed_at=None)


def test_the_models_rules(year_2027):
    year_2027.plan_review_on = date(2028, 1, 10)
    with pytest.raises(ValidationError) as exc:
        year_2027.full_clean()
    assert "plan_review_on" in exc.value.error_dict
