"""Reads for the secretariat's desk: every group against its plan and report for a year.

Everything is fetched in a fixed number of queries, whatever the number of groups.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.organisation.models import Group, Membership, current_q
from samverkan.planning.models import (
    AnnualReport,
    PlanningYear,
    PlanVersion,
    ReminderLog,
    ReportStatus,
    Status,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# A deadline within this many days, and not yet met, is "due soon" on the desk.
DUE_SOON_DAYS = 14

WAITING_GROUP = "group"
WAITING_MEMBERS = "members"
WAITING_SECRETARIAT = "secretariat"
WAITING_CHIEFS = "chiefs"

WAITING_LABELS = {
    WAITING_GROUP: _("the group"),
    WAITING_MEMBERS: _("the members' anchoring"),
    WAITING_SECRETARIAT: _("the secretariat"),
    WAITING_CHIEFS: _("the chief executives"),
}

STATUS_FILTERS = {
    "overdue": _("Overdue"),
    "due_soon": _("Due soon"),
    WAITING_GROUP: _("Waiting for the group"),
    WAITING_MEMBERS: _("Waiting for anchoring"),
    WAITING_SECRETARIAT: _("Waiting for the secretariat"),
    WAITING_CHIEFS: _("Waiting for approval"),
    "done": _("Done for the year"),
}


@dataclass
class DeskRow:
    group: Group
    contact: Membership | None
    plan_version: PlanVersion | None
    has_approved_plan: bool
    report: AnnualReport | None
    plan_required: bool
    report_required: bool
    plan_overdue: bool = False
    report_overdue: bool = False
    plan_due_soon: bool = False
    report_due_soon: bool = False
    waiting: list[str] = field(default_factory=list)
    last_reminder: ReminderLog | None = None

    @property
    def overdue(self) -> bool:
        return self.plan_overdue or self.report_overdue

    @property
    def due_soon(self) -> bool:
        return self.plan_due_soon or self.report_due_soon

    @property
    def waiting_labels(self) -> "list[StrPromise]":
        return [WAITING_LABELS[w] for w in self.waiting]


def _plan_waiting(version: PlanVersion | None) -> str | None:
    if version is None or version.status in {Status.DRAFT, Status.RETURNED}:
        return WAITING_GROUP
    if version.status == Status.ANCHORING:
        return WAITING_MEMBERS
    if version.status == Status.SUBMITTED:
        return WAITING_SECRETARIAT if version.is_revision else WAITING_CHIEFS
    if version.status == Status.FORWARDED:
        return WAITING_CHIEFS
    return None


def _report_waiting(report: AnnualReport | None) -> str | None:
    if report is None or report.status in {ReportStatus.DRAFT, ReportStatus.RETURNED}:
        return WAITING_GROUP
    if report.status == ReportStatus.SUBMITTED:
        return WAITING_SECRETARIAT
    return None


def _soon(due: date, today: date) -> bool:
    return due - timedelta(days=DUE_SOON_DAYS) <= today <= due


def plan_lateness(
    year: PlanningYear, version: PlanVersion | None, today: date
) -> tuple[bool, bool]:
    """(overdue, due soon) of a group's plan against the year's wheel: it should be written
    and sent to the members' anchoring by the plans' due date and, where the wheel gives
    one, be through the anchoring by that day."""
    status = version.status if version is not None else Status.DRAFT
    unsent = status in {Status.DRAFT, Status.RETURNED}
    unanchored = unsent or status == Status.ANCHORING
    if year.anchoring_due is None:
        # Without an anchoring date the plan should be through the anchoring when due.
        unsent = unanchored
        overdue = unanchored and today > year.plans_due
        return overdue, unanchored and _soon(year.plans_due, today)
    overdue = (unsent and today > year.plans_due) or (unanchored and today > year.anchoring_due)
    soon = (unsent and _soon(year.plans_due, today)) or (
        unanchored and _soon(year.anchoring_due, today)
    )
    return overdue, soon and not overdue


def desk_rows(
    year: PlanningYear,
    *,
    objective: int | None = None,
    municipality: str | None = None,
    status: str | None = None,
    today: date | None = None,
) -> list[DeskRow]:
    today = today or timezone.localdate()
    groups = Group.objects.filter(status=Group.Status.ACTIVE).prefetch_related("objectives")
    if objective:
        groups = groups.filter(objectives__number=objective)
    if municipality:
        groups = groups.filter(
            Exists(
                Membership.objects.filter(
                    current_q(), group=OuterRef("pk"), person__municipality__code=municipality
                )
            )
        )
    groups = groups.order_by("kind", "name").distinct()
    contacts = {
        m.group_id: m
        for m in Membership.objects.filter(
            current_q(), role=Membership.Role.CONTACT_PERSON
        ).select_related("person__municipality")
    }
    latest: dict[int, PlanVersion] = {}
    version: PlanVersion | None
    approved: set[int] = set()
    for version in (
        PlanVersion.objects.filter(plan__year=year)
        # plan__year and plan__group: each row links to its version, whose address needs both.
        .select_related("plan__year", "plan__group")
        .order_by("plan_id", "number")
    ):
        latest[version.plan.group_id] = version
        if version.status == Status.APPROVED:
            approved.add(version.plan.group_id)
    reports = {
        r.group_id: r
        for r in AnnualReport.objects.filter(year=year).select_related("year", "group")
    }
    reminders: dict[int, ReminderLog] = {}
    for log in ReminderLog.objects.filter(year=year).order_by("sent_at"):
        reminders[log.group_id] = log
    year_over = today > year.last_day
    # A closed year is history (say, one brought in from old Word files): nothing in it is
    # late or due any more, whether a group then had a plan or even existed.
    closed = year.is_closed
    rows = []
    for group in groups:
        plan_required = group.kind == Group.Kind.WORKING_GROUP
        report_required = group.kind in {Group.Kind.WORKING_GROUP, Group.Kind.NETWORK}
        version = latest.get(group.pk)
        report = reports.get(group.pk)
        row = DeskRow(
            group=group,
            contact=contacts.get(group.pk),
            plan_version=version,
            has_approved_plan=group.pk in approved,
            report=report,
            plan_required=plan_required,
            report_required=report_required,
            last_reminder=reminders.get(group.pk),
        )
        if plan_required and group.pk not in approved:
            waiting = _plan_waiting(version)
            if waiting:
                row.waiting.append(waiting)
            if not closed:
                row.plan_overdue, row.plan_due_soon = plan_lateness(year, version, today)
        if report_required and (year_over or report is not None):
            waiting = _report_waiting(report)
            if waiting and waiting not in row.waiting:
                row.waiting.append(waiting)
            submitted = report is not None and report.status in {
                ReportStatus.SUBMITTED,
                ReportStatus.ACCEPTED,
            }
            if not closed:
                row.report_overdue = today > year.reports_due and not submitted
                row.report_due_soon = not submitted and _soon(year.reports_due, today)
        rows.append(row)
    if status == "overdue":
        rows = [r for r in rows if r.overdue]
    elif status == "due_soon":
        rows = [r for r in rows if r.due_soon]
    elif status == "done":
        rows = [r for r in rows if not r.waiting]
    elif status in WAITING_LABELS:
        rows = [r for r in rows if status in r.waiting]
    return rows


@dataclass
class DeskSummary:
    groups: int
    plans_approved: int
    plans_required: int
    reports_accepted: int
    reports_required: int
    overdue: int
    due_soon: int
    waiting: "dict[StrPromise, int]" = field(default_factory=dict)


def summarise(rows: list[DeskRow]) -> DeskSummary:
    summary = DeskSummary(
        groups=len(rows),
        plans_approved=sum(1 for r in rows if r.plan_required and r.has_approved_plan),
        plans_required=sum(1 for r in rows if r.plan_required),
        reports_accepted=sum(
            1 for r in rows if r.report and r.report.status == ReportStatus.ACCEPTED
        ),
        reports_required=sum(1 for r in rows if r.report_required),
        overdue=sum(1 for r in rows if r.overdue),
        due_soon=sum(1 for r in rows if r.due_soon),
    )
    for key, label in WAITING_LABELS.items():
        summary.waiting[label] = sum(1 for r in rows if key in r.waiting)
    return summary


def reminder_log(year: PlanningYear, limit: int = 50) -> QuerySet[ReminderLog]:
    return (
        ReminderLog.objects.filter(year=year).select_related("group").order_by("-sent_at")[:limit]
    )
