"""Writes for the yearly cycle: closing a year, reopening a document, sending reminders."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.accounts import permissions
from samverkan.core.audit import audit_log
from samverkan.planning.models import (
    AnnualReport,
    OperationalPlan,
    PlanningYear,
    ReminderLog,
    Reopening,
    ReportStatus,
)
from samverkan.planning.selectors import cycle as desk


def year_close(*, year: PlanningYear, actor: User) -> PlanningYear:
    """Closing a year locks its plans and reports."""
    if not permissions.can_manage_cycle(actor):
        raise PermissionDenied
    with transaction.atomic():
        year = PlanningYear.objects.select_for_update().get(pk=year.pk)
        if year.is_closed:
            raise ValidationError(_("%(year)s is already closed.") % {"year": year.year})
        year.closed_at, year.closed_by = timezone.now(), actor
        year.save(update_fields=["closed_at", "closed_by"])
        audit_log(action="samverkan.planning_year.closed", actor=actor, obj=year)
    return year


def document_reopen(
    *,
    year: PlanningYear,
    actor: User,
    reason: str,
    plan: OperationalPlan | None = None,
    report: AnnualReport | None = None,
) -> Reopening:
    """Reopen one plan or report of a closed year; the reason is recorded."""
    if not permissions.can_manage_cycle(actor):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is reopened.")})
    year = PlanningYear.objects.get(pk=year.pk)
    if not year.is_closed:
        raise ValidationError(_("%(year)s is not closed.") % {"year": year.year})
    with transaction.atomic():
        reopening = Reopening.objects.create(
            year=year, plan=plan, report=report, reason=reason, by=actor
        )
        document = plan or report
        assert document is not None  # the desk always reopens one of them
        audit_log(
            action="samverkan.planning_year.reopened",
            actor=actor,
            obj=document,
            comment=reason,
        )
    return reopening


DEFAULT_INTERVAL_DAYS = 7
DUE_SOON_DAYS = 14


def reminders_due(
    year: PlanningYear, *, today: date, recent: set[tuple[int, str]]
) -> list[tuple[desk.DeskRow, ReminderLog.Stage, bool]]:
    """(row, stage, late) for every group of the year that should be reminded now and has
    not been reminded of that stage (of any year) within the interval: `recent`."""
    rows = desk.desk_rows(year, today=today)
    due: list[tuple[desk.DeskRow, ReminderLog.Stage, bool]] = []
    for row in rows:
        if row.contact is None or not row.contact.person.email:
            continue
        # A plan is only worth chasing while its year has not ended; afterwards, the report.
        if (
            row.plan_required
            and today <= year.last_day
            and not row.has_approved_plan
            and desk.WAITING_GROUP in row.waiting
        ):
            # A plan the group has sent on waits for others, not for the group.
            sent_on = row.plan_version is not None and not row.plan_version.is_editable
            if (
                today >= year.plans_due - timedelta(days=DUE_SOON_DAYS)
                and not sent_on
                and (row.group.pk, ReminderLog.Stage.PLAN) not in recent
            ):
                due.append((row, ReminderLog.Stage.PLAN, row.plan_overdue))
        if row.report_required and today > year.last_day:
            submitted = row.report is not None and row.report.status in {
                ReportStatus.SUBMITTED,
                ReportStatus.ACCEPTED,
            }
            if (
                not submitted
                and today >= year.reports_due - timedelta(days=DUE_SOON_DAYS)
                and (row.group.pk, ReminderLog.Stage.REPORT) not in recent
            ):
                due.append((row, ReminderLog.Stage.REPORT, row.report_overdue))
    return due


def _mail_after_commit(log: ReminderLog, body: str) -> None:
    """Send the reminder once its log is committed, so that a rollback sends nothing. If the
    mail cannot be sent, the log goes, so that the next run tries again."""

    def send() -> None:
        try:
            send_mail(log.subject, body, settings.DEFAULT_FROM_EMAIL, [log.recipient])
        except Exception:
            ReminderLog.objects.filter(pk=log.pk).delete()
            raise

    transaction.on_commit(send)


def reminders_send(
    *,
    year: PlanningYear | None = None,
    today: date | None = None,
    interval_days: int = DEFAULT_INTERVAL_DAYS,
    base_url: str = "",
) -> list[ReminderLog]:
    """E-mail the contact persons of groups whose plan or report is missing or late: for the
    year given, or for every open year. The mails go when the logs are committed.

    Safe to run every day: each group gets at most one reminder per stage per interval.
    """
    today = today or timezone.localdate()
    since = timezone.now() - timedelta(days=interval_days)
    # One reminder per group and stage per interval, whichever year it concerns: the oldest
    # open year goes first, being the most overdue.
    recent = set(ReminderLog.objects.filter(sent_at__gte=since).values_list("group_id", "stage"))
    sent: list[ReminderLog] = []
    years = PlanningYear.objects.filter(closed_at__isnull=True).order_by("year")
    if year is not None:
        years = years.filter(pk=year.pk)
    for open_year in years:
        for row, stage, late in reminders_due(open_year, today=today, recent=recent):
            recent.add((row.group.pk, stage))
            assert row.contact is not None  # reminders_due passes over groups without one
            person = row.contact.person
            with translation.override("sv"):
                context = {
                    "person": person,
                    "group": row.group,
                    "year": open_year,
                    "stage": stage,
                    "late": late,
                    "due": open_year.plans_due
                    if stage == ReminderLog.Stage.PLAN
                    else open_year.reports_due,
                    "base_url": base_url.rstrip("/"),
                }
                if stage == ReminderLog.Stage.PLAN:
                    subject = _("Reminder: the operational plan %(year)s for %(group)s") % {
                        "year": open_year.year,
                        "group": row.group.name,
                    }
                else:
                    subject = _("Reminder: the annual report %(year)s for %(group)s") % {
                        "year": open_year.year,
                        "group": row.group.name,
                    }
                body = render_to_string("planning/email/reminder.txt", context)
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    group=row.group,
                    year=open_year,
                    stage=stage,
                    recipient=person.email,
                    subject=subject,
                    late=late,
                )
                _mail_after_commit(log, body)
                sent.append(log)
    return sent
