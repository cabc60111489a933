"""Writes for the yearly cycle: closing a year, reopening a document, sending reminders."""

from dataclasses import dataclass
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
from samverkan.core.types import AnyUser
from samverkan.planning.models import (
    AnnualReport,
    InterimReport,
    InterimRound,
    InterimStatus,
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
    interim: InterimReport | None = None,
) -> Reopening:
    """Reopen one plan, report or interim report of a closed year; the reason is recorded."""
    if not permissions.can_manage_cycle(actor):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is reopened.")})
    year = PlanningYear.objects.get(pk=year.pk)
    if not year.is_closed:
        raise ValidationError(_("%(year)s is not closed.") % {"year": year.year})
    with transaction.atomic():
        reopening = Reopening.objects.create(
            year=year, plan=plan, report=report, interim=interim, reason=reason, by=actor
        )
        document = plan or report or interim
        assert document is not None  # the desk always reopens one of them
        audit_log(
            action="samverkan.planning_year.reopened",
            actor=actor,
            obj=document,
            comment=reason,
        )
    return reopening


# When a missing plan or report is chased: days from its due date in the year's wheel.
# Each step is sent once per group, year, stage and due date, so that moving the date in the
# wheel starts the schedule afresh against the new day. A run that finds several steps
# passed sends only the latest.
REMINDER_SCHEDULE = (-14, -7, -1, 1, 7, 14)


@dataclass(frozen=True)
class DueReminder:
    row: desk.DeskRow
    stage: ReminderLog.Stage
    late: bool
    step: int
    due: date
    round: InterimRound | None = None  # the interim follow-up reminded of, if that is the stage


def reminder_step(due: date, today: date) -> int | None:
    """The latest step of the schedule reached on `today`, or None before the first."""
    reached = [step for step in REMINDER_SCHEDULE if today >= due + timedelta(days=step)]
    return reached[-1] if reached else None


def reminders_due(
    year: PlanningYear, *, today: date, sent: set[tuple[int, str, int | None, date | None]]
) -> list[DueReminder]:
    """The reminders the schedule asks for today, for every group of the year whose plan,
    report or interim report is missing, leaving out the steps already `sent` ((group,
    stage, step, due))."""
    rows = desk.desk_rows(year, today=today)
    due: list[DueReminder] = []
    rounds = list(InterimRound.objects.all())
    interim_in = (
        set(
            InterimReport.objects.filter(
                year=year, status__in=[InterimStatus.SUBMITTED, InterimStatus.NOTED]
            ).values_list("group_id", "round_id")
        )
        if rounds
        else set()
    )

    def step_due(
        row: desk.DeskRow,
        stage: ReminderLog.Stage,
        day: date,
        late: bool,
        round: InterimRound | None = None,
    ) -> None:
        step = reminder_step(day, today)
        if step is not None and (row.group.pk, stage, step, day) not in sent:
            due.append(DueReminder(row, stage, late, step, day, round))

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
            if not sent_on:
                step_due(row, ReminderLog.Stage.PLAN, year.plans_due, row.plan_overdue)
        if row.report_required and today > year.last_day:
            submitted = row.report is not None and row.report.status in {
                ReportStatus.SUBMITTED,
                ReportStatus.ACCEPTED,
            }
            if not submitted:
                step_due(row, ReminderLog.Stage.REPORT, year.reports_due, row.report_overdue)
        for round in rounds:
            if round.applies_to(row.group) and (row.group.pk, round.pk) not in interim_in:
                day = round.due_on(year.year)
                step_due(row, ReminderLog.Stage.INTERIM, day, today > day, round)
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
    base_url: str = "",
) -> list[ReminderLog]:
    """E-mail the contact persons of groups whose plan or report is missing, on the steps of
    REMINDER_SCHEDULE around the due dates of the year's wheel: for the year given, or for
    every open year. The mails go when the logs are committed.

    Safe to run every day: each step is sent once.
    """
    today = today or timezone.localdate()
    sent: list[ReminderLog] = []
    years = PlanningYear.objects.filter(closed_at__isnull=True).order_by("year")
    if year is not None:
        years = years.filter(pk=year.pk)
    for open_year in years:
        done = {
            (group_id, stage, step, day)
            for group_id, stage, step, day in ReminderLog.objects.filter(
                year=open_year, step__isnull=False
            ).values_list("group_id", "stage", "step", "due")
        }
        for reminder in reminders_due(open_year, today=today, sent=done):
            row, stage = reminder.row, reminder.stage
            assert row.contact is not None  # reminders_due passes over groups without one
            person = row.contact.person
            with translation.override("sv"):
                context = {
                    "person": person,
                    "group": row.group,
                    "year": open_year,
                    "stage": stage,
                    "late": reminder.late,
                    "due": reminder.due,
                    "round": reminder.round,
                    "base_url": base_url.rstrip("/"),
                }
                if reminder.round is not None:
                    subject = _("Reminder: %(round)s %(year)s for %(group)s") % {
                        "round": reminder.round.name,
                        "year": open_year.year,
                        "group": row.group.name,
                    }
                elif stage == ReminderLog.Stage.PLAN:
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
                    late=reminder.late,
                    step=reminder.step,
                    due=reminder.due,
                )
                _mail_after_commit(log, body)
                sent.append(log)
    return sent


def wheel_update(*, year: PlanningYear, actor: AnyUser, **dates: date | None) -> PlanningYear:
    """The secretariat sets the dates of the year's wheel; every deadline derives from them.
    The audit entry names each date that moved, from and to."""
    if not permissions.can_manage_planning_years(actor):
        raise PermissionDenied
    unknown = set(dates) - set(WHEEL_FIELDS)
    if unknown:
        raise ValueError(f"not a date of the wheel: {sorted(unknown)}")
    with transaction.atomic():
        year = PlanningYear.objects.select_for_update().get(pk=year.pk)
        changes = {}
        for name, value in dates.items():
            old = getattr(year, name)
            if old != value:
                changes[name] = [_iso(old), _iso(value)]
                setattr(year, name, value)
        if not changes:
            return year
        year.full_clean()
        year.save(update_fields=list(changes))
        audit_log(
            action="samverkan.planning_year.wheel_changed", actor=actor, obj=year, changes=changes
        )
    return year


WHEEL_FIELDS = (
    "plans_due",
    "anchoring_due",
    "approval_meeting_on",
    "reports_due",
    "plan_review_on",
)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
