"""The secretariat's desk: the cycle at a glance, reminders, closing and reopening."""

import re
from datetime import date
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverkan.core.models import AuditEntry
from samverkan.datasets import demo_plans
from samverkan.planning.models import (
    AnnualReport,
    OperationalPlan,
    PlanningYear,
    PlanVersion,
    ReminderLog,
)
from samverkan.planning.selectors import cycle as desk
from samverkan.planning.services import cycle
from samverkan.planning.services import plans as plan_services
from samverkan.planning.services import reports as report_services
from tests.factories import GroupFactory, MembershipFactory
from tests.planning_helpers import complete_plan, user
from tests.snapshots import load_once


@pytest.fixture
def year_2026(demo_data):
    load_once("plans", demo_plans.load_plans)
    return PlanningYear.objects.get(year=2026)


def _row(rows, slug):
    return next(r for r in rows if r.group.slug == slug)


def test_rows_show_status_overdue_and_who_is_waiting(year_2026):
    rows = desk.desk_rows(year_2026, today=date(2026, 11, 28))
    assert not _row(rows, "bibliotek").waiting
    assert _row(rows, "kultur").plan_overdue  # a draft long after the due date
    assert _row(rows, "kultur").waiting == [desk.WAITING_GROUP]
    assert _row(rows, "turism").waiting == [desk.WAITING_MEMBERS]
    assert _row(rows, "folkhalsa").waiting == [desk.WAITING_CHIEFS]
    assert not _row(rows, "folkhalsa").plan_overdue  # submitted in time
    assert _row(rows, "personal").plan_overdue  # no plan at all
    assert not _row(rows, "kulturhuvudstad").plan_required  # projects write no plan


def test_filters(year_2026):
    rows = desk.desk_rows(year_2026, objective=3, today=date(2026, 11, 28))
    assert {r.group.slug for r in rows} == {
        "kommunikation",
        "medicinskt-ansvarig-sjukskoterskor",
        "oversiktsplanering",
    }
    overdue = desk.desk_rows(year_2026, status="overdue", today=date(2026, 11, 28))
    assert overdue and all(r.overdue for r in overdue)
    chiefs = desk.desk_rows(year_2026, status=desk.WAITING_CHIEFS, today=date(2026, 11, 28))
    assert [r.group.slug for r in chiefs] == ["folkhalsa"]
    umea = desk.desk_rows(year_2026, municipality="2480", today=date(2026, 11, 28))
    assert 0 < len(umea) < len(desk.desk_rows(year_2026, today=date(2026, 11, 28)))


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
def test_desk_is_the_secretariats(year_2026, persona, role):
    response = persona(role).get(reverse("desk:year", args=[2026]))
    assert response.status_code == 403
    assert persona(role).post(reverse("desk:reminders", args=[2026])).status_code == 403
    assert persona(role).post(reverse("desk:close", args=[2026])).status_code == 403
    assert not mail.outbox
    year_2026.refresh_from_db()
    assert not year_2026.is_closed


@pytest.mark.usefixtures("demo_today")  # what is overdue depends on the day
def test_desk_page_for_the_secretariat(year_2026, persona):
    response = persona("secretariat").get(reverse("desk:year", args=[2026]), {"status": "overdue"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kultur" in html and "Försenad" in html
    assert "Bibliotek" not in html.split("<tbody>")[1]


def test_reminders_are_sent_once_per_step_and_logged(year_2026, django_capture_on_commit_callbacks):
    # The mails go when the logs are committed: run the test's commit hooks.
    with django_capture_on_commit_callbacks(execute=True):
        sent = cycle.reminders_send(today=date(2026, 11, 28))
    recipients = {log.group.slug for log in sent}
    assert {"kultur", "personal"} <= recipients and "bibliotek" not in recipients
    assert "turism" not in recipients  # waiting for anchoring, not for the contact person
    assert len(mail.outbox) == len(sent)
    message = next(m for m in mail.outbox if "Kultur" in m.subject)
    assert message.subject == "Påminnelse: verksamhetsplanen 2026 för Kultur"
    assert "/verksamhetsplaner/2026/" in message.body and "Hej" in message.body
    log = ReminderLog.objects.get(group__slug="kultur", stage="plan")
    assert log.late and log.recipient == message.to[0]
    # Run again the same day, as cron would: nothing new.
    assert cycle.reminders_send(today=date(2026, 11, 28)) == []
    assert len(mail.outbox) == len(sent)
    # Long past the schedule's last step (14 days after), which has been sent: nothing more.
    again = cycle.reminders_send(today=date(2026, 12, 6))
    assert not [log for log in again if log.year.year == 2026]
    assert log.step == 14 and log.due == date(2025, 12, 15)


def test_send_reminders_command(year_2026, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--base-url", "https://samverkan.example")
    out = capsys.readouterr().out
    assert "reminder(s) sent" in out
    assert any("https://samverkan.example/verksamhetsplaner/2026/" in m.body for m in mail.outbox)


TODAY = date(2026, 12, 2)  # 2026's plans are late and 2027's are due within a fortnight


@pytest.fixture
def two_open_years(year_2026, monkeypatch):
    """2026 and 2027 both open, both with reminders due on the day the desk is used."""
    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda *args, **kwargs: real(*args, **kwargs) if args else TODAY
    )
    year_2027 = PlanningYear.objects.get(year=2027)
    for year in (year_2026, year_2027):
        assert not year.is_closed and cycle.reminders_due(year, today=TODAY, sent=set())
    return year_2026, year_2027


def _subject_year(message) -> int:
    return int(re.search(r" (\d{4}) för ", message.subject).group(1))


@pytest.mark.parametrize("asked", [2026, 2027])
def test_reminders_from_the_desk_are_for_the_year_asked(
    two_open_years, persona, asked, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = persona("secretariat").post(reverse("desk:reminders", args=[asked]))
    assert response.status_code == 302
    logs = ReminderLog.objects.all()
    assert logs.exists() and {log.year.year for log in logs} == {asked}
    assert {_subject_year(m) for m in mail.outbox} == {asked}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(log.recipient for log in logs)


def test_send_reminders_command_takes_a_year(
    two_open_years, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--year", "2027")
    assert {log.year.year for log in ReminderLog.objects.all()} == {2027}
    assert mail.outbox and {_subject_year(m) for m in mail.outbox} == {2027}
    with pytest.raises(CommandError, match="1999"):
        call_command("send_reminders", "--year", "1999")


def test_a_rollback_after_the_reminders_are_queued_sends_nothing(
    year_2026, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert cycle.reminders_send(today=TODAY)  # logged, and the mails queued ...
        raise RuntimeError("something fails before the transaction commits")
    assert not callbacks and not mail.outbox  # ... but nothing is sent
    assert not ReminderLog.objects.exists()


def test_a_reminder_that_cannot_be_mailed_is_not_logged_as_sent(
    year_2026, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise SMTPException("the mail server is away")

    monkeypatch.setattr(cycle, "send_mail", refuse)
    with pytest.raises(SMTPException), django_capture_on_commit_callbacks(execute=True):
        sent = cycle.reminders_send(year=year_2026, today=TODAY)
    # Not logged, so the next run tries again.
    assert not ReminderLog.objects.filter(pk=sent[0].pk).exists()


def test_closing_locks_and_reopening_one_unlocks(demo_data):
    draft = complete_plan()
    year = draft.plan.year
    with pytest.raises(PermissionDenied):
        cycle.year_close(year=year, actor=user("kommunchef"))
    cycle.year_close(year=year, actor=user("kansli"))
    with pytest.raises(PermissionDenied):
        plan_services.plan_update(
            version=draft,
            fields={"purpose": "x"},
            objectives=[],
            priority_commitments=[],
            expected_lock=None,
            actor=user("medlem"),
        )
    with pytest.raises(ValidationError):
        cycle.document_reopen(year=year, actor=user("kansli"), reason=" ", plan=draft.plan)
    cycle.document_reopen(year=year, actor=user("kansli"), reason="Fel målvärde.", plan=draft.plan)
    plan_services.plan_update(
        version=draft,
        fields={"purpose": "Rättat."},
        objectives=[],
        priority_commitments=[],
        expected_lock=None,
        actor=user("medlem"),
    )
    draft.refresh_from_db()
    assert draft.purpose == "Rättat."
    entry = AuditEntry.objects.get(action="samverkan.planning_year.reopened")
    assert entry.comment == "Fel målvärde."


def test_closed_year_refuses_new_plans(demo_data):
    draft = complete_plan()
    cycle.year_close(year=draft.plan.year, actor=user("kansli"))

    with pytest.raises(ValidationError) as exc:
        report_services.report_create(
            group=draft.plan.group, year=draft.plan.year, actor=user("medlem")
        )
    assert "stängt" in exc.value.messages[0]


def test_desk_query_count_does_not_grow(year_2026, persona):
    client = persona("secretariat")
    url = reverse("desk:year", args=[2026])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for group in GroupFactory.create_batch(10):
        MembershipFactory(group=group, role="contact_person")
        plan = OperationalPlan.objects.create(group=group, year=year_2026)
        PlanVersion.objects.create(plan=plan, number=1)
        AnnualReport.objects.create(group=group, year=year_2026)
    assert count() == before


def test_a_closed_year_reports_no_group_as_late(demo_data, persona):
    """A past year brought in closed (by the Word import, say) is history: groups without a
    plan or report that year are not "late"."""
    year = PlanningYear.objects.create(
        year=2013,
        plans_due=date(2012, 12, 15),
        reports_due=date(2014, 2, 15),
        closed_at=timezone.now(),
    )
    rows = desk.desk_rows(year, today=date(2026, 11, 28))
    assert rows and not any(r.overdue or r.due_soon for r in rows)
    assert desk.summarise(rows).overdue == 0
    html = persona("secretariat").get(reverse("desk:year", args=[2013])).content.decode()
    assert "<dt>Försenad</dt><dd>0</dd>" in html
    rows_html = html.split("<tbody>")[1]
    assert '<tr class="overdue">' not in rows_html and "Försenad" not in rows_html
    # The same year open again would show them late: it is the closing that decides.
    year.closed_at = None
    year.save()
    assert any(r.overdue for r in desk.desk_rows(year, today=date(2026, 11, 28)))
