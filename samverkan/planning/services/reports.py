"""Writes to annual reports: create from the approved plan, save, submit, accept, return."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from samverkan.accounts import permissions
from samverkan.core import events
from samverkan.core import workflow as core_workflow
from samverkan.core.audit import audit_log
from samverkan.core.types import AnyUser
from samverkan.core.workflow import Transition, Workflow
from samverkan.organisation.models import Group, Municipality
from samverkan.organisation.selectors import page_limit
from samverkan.planning import workflow
from samverkan.planning.documents import plans as exports
from samverkan.planning.documents import reports as report_exports
from samverkan.planning.models import (
    Activity,
    ActivityResult,
    AnnualReport,
    Fulfilment,
    OperationalPlan,
    PlanningYear,
    ReportActivity,
    ReportEvent,
    ReportGoal,
    ReportPriority,
    ReportStatus,
)
from samverkan.planning.selectors import plans as selectors
from samverkan.planning.selectors.plans import LoadedVersion
from samverkan.planning.services.plans import claim_for_edit


def _revisions_text(plan: OperationalPlan | None) -> str:
    if plan is None:
        return ""
    lines = [
        _("From %(when)s (version %(n)s): %(how)s Why: %(why)s")
        % {
            "when": version.revision_when.isoformat() if version.revision_when else "–",
            "n": version.number,
            "how": version.revision_how.strip(),
            "why": version.revision_why.strip(),
        }
        for version in selectors.revision_log(plan)
    ]
    return "\n".join(lines)


def report_create(*, group: Group, year: PlanningYear, actor: User) -> AnnualReport:
    """Start the year's report from the last approved plan, so nothing is pasted by hand.

    A group without an approved plan can still report; the report then starts empty and
    says so. A network gets the light report.
    """
    if not permissions.can_create_report(actor, group):
        raise PermissionDenied
    # Read the year afresh: it may have been closed since the caller loaded it.
    if PlanningYear.objects.filter(pk=year.pk, closed_at__isnull=False).exists():
        raise ValidationError(
            _("%(year)s is closed: ask the secretariat to reopen it.") % {"year": year.year}
        )
    with transaction.atomic():
        Group.objects.select_for_update().get(pk=group.pk)
        if AnnualReport.objects.filter(group=group, year=year).exists():
            raise ValidationError(
                _("The group already has a report for %(year)s.") % {"year": year.year}
            )
        light = group.kind == Group.Kind.NETWORK
        plan = OperationalPlan.objects.filter(group=group, year=year).first()
        approved = selectors.current_approved(plan) if plan else None
        report = AnnualReport.objects.create(
            group=group,
            year=year,
            kind=AnnualReport.Kind.LIGHT if light else AnnualReport.Kind.FULL,
            based_on=approved,
            revisions=_revisions_text(plan),
            updated_by=actor,
        )
        if light:
            members = selectors.current_members(group)
            report.municipalities.set(
                Municipality.objects.filter(pk__in={m.person.municipality_id for m in members})
            )
        elif approved is not None:
            _copy_plan(report, selectors.version_detail(approved.plan, approved.number))
        ReportEvent.objects.create(report=report, to_status=ReportStatus.DRAFT, actor=actor)
        audit_log(action="samverkan.report.created", actor=actor, obj=report)
    return report


def _copy_plan(report: AnnualReport, version: LoadedVersion) -> None:
    copies: dict[int, ReportGoal] = {}
    order = 0
    for goal in version.top_goals:
        for source in [goal, *goal.sub_goals.all()]:
            order += 1
            copies[source.pk] = ReportGoal.objects.create(
                report=report,
                source=source,
                parent=copies.get(source.parent_id) if source.parent_id else None,
                order=order,
                statement=source.statement,
                measure=source.measure,
                unit=source.unit,
                baseline_value=source.baseline_value,
                target_value=source.target_value,
                deadline=source.deadline,
                is_measurable=source.is_measurable,
            )
    ReportActivity.objects.bulk_create(
        ReportActivity(
            report=report,
            source=activity,
            order=i,
            planned=activity.what + (f" – {activity.how}" if activity.how else ""),
            result=(
                ActivityResult.DONE
                if activity.status == Activity.Status.DONE
                else ActivityResult.NOT_DONE
                if activity.status == Activity.Status.NOT_DONE
                else ""
            ),
        )
        for i, activity in enumerate(version.activities.all(), start=1)
    )
    ReportPriority.objects.bulk_create(
        ReportPriority(report=report, priority_commitment=pc)
        for pc in version.priority_commitments.all()
    )


def _lock_for_edit(report: AnnualReport, expected_lock: int | None, actor: User) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().select_related("group").get(pk=report.pk)
    if not permissions.can_edit_report(actor, locked):
        raise PermissionDenied
    claim_for_edit(
        locked,
        expected_lock,
        actor,
        _(
            "%(who)s saved the report at %(time)s while you were editing. What you typed is "
            "kept below: compare it with the report and save again."
        ),
    )
    return locked


def report_update(
    *,
    report: AnnualReport,
    fields: dict[str, Any],
    rows: Iterable[ReportGoal | ReportActivity | ReportPriority],
    municipalities: Iterable[Municipality] | None = None,
    expected_lock: int | None,
    actor: User,
) -> AnnualReport:
    """Save the report and its goal, activity and priority rows together; drafts may be
    incomplete. Rows must belong to this report."""
    with transaction.atomic():
        locked = _lock_for_edit(report, expected_lock, actor)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        if municipalities is not None:
            locked.municipalities.set(municipalities)
        for row in rows:
            if row.report_id != locked.pk:
                raise PermissionDenied
            row.full_clean()
            row.save()
        audit_log(action="samverkan.report.edited", actor=actor, obj=locked)
    return locked


def completeness_errors(report: AnnualReport) -> dict[str, list[str]]:
    """What Mall 2 (or the network report) still lacks before submission."""
    report = selectors.loaded_report(report)
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if report.is_light:
        if report.meetings is None:
            add("meetings", _("Give the number of times the network met."))
        if not report.network_activities.strip():
            add("network_activities", _("Describe what the network does."))
        return errors
    if not report.summary.strip():
        add("summary", _("Summarise the year in the group's own words."))
    for goal in report.top_goals:
        for g in [goal, *goal.sub_goals.all()]:
            if not g.fulfilment:
                add(
                    "goals",
                    _("Goal “%(goal)s”: say whether it was met fully, partly or not at all.")
                    % {"goal": g.statement[:60]},
                )
            elif g.fulfilment != Fulfilment.FULLY and not g.reason.strip():
                add(
                    "goals",
                    _("Goal “%(goal)s”: say why it was not fully met.")
                    % {"goal": g.statement[:60]},
                )
    for activity in report.activities.all():
        if not activity.result:
            add(
                "activities",
                _("Activity “%(what)s”: say whether it was done.")
                % {"what": activity.planned[:60]},
            )
        elif activity.result == ActivityResult.NOT_DONE and not activity.reason.strip():
            add(
                "activities",
                _("Activity “%(what)s”: say why it was not done.")
                % {"what": activity.planned[:60]},
            )
    touched = [p for p in report.priorities.all() if p.touched]
    if not touched:
        add("priorities", _("Report the work in at least one priority area."))
    for priority in touched:
        if not priority.what_was_done.strip():
            add(
                "priorities",
                _("Priority %(code)s: describe what was done.")
                % {"code": priority.priority_commitment.commitment.code},
            )
    return errors


def pages_of(report: AnnualReport) -> int:
    loaded = selectors.loaded_report(report)
    return exports.page_count(report_exports.render_pdf(loaded))


def page_limit_error(report: AnnualReport, pages: int) -> str | None:
    limit = page_limit()
    if pages <= limit:
        return None
    return _(
        "The report is %(pages)s pages; at most %(max)s are allowed. Shorten the comments on "
        "the goals and the summary, and keep more detailed descriptions for the group's own use."
    ) % {"pages": pages, "max": limit}


def _before(report: AnnualReport, transition: Transition, actor: AnyUser, comment: str) -> None:
    """What a report's transition checks and changes before its new status is saved."""
    if transition.action == "submit":
        errors = completeness_errors(report)
        if errors:
            raise ValidationError(errors)
        limit = page_limit_error(report, pages_of(report))
        if limit:
            raise ValidationError({"__all__": [limit]})
        contact, members = selectors.snapshot(selectors.current_members(report.group))
        report.frozen_contact, report.frozen_members = contact, members
        report.submitted_at = timezone.now()
    if transition.target == ReportStatus.ACCEPTED:
        report.accepted_at = timezone.now()
    report.lock_version += 1


def _after(report: AnnualReport, transition: Transition, actor: User, comment: str) -> None:
    ReportEvent.objects.create(
        report=report,
        from_status=core_workflow.old_status(report),
        to_status=report.status,
        actor=actor,
        comment=comment,
    )
    if report.status == ReportStatus.ACCEPTED:
        events.report_accepted.send(sender=AnnualReport, report=report)


def _refused(report: AnnualReport, action: str) -> str:
    return _("A report that is “%(status)s” cannot be %(action)s.") % {
        "status": report.get_status_display(),
        "action": _ACTION_WORDS[action],
    }


# Context keeps these apart from field labels such as “submitted” (a date).
_ACTION_WORDS = {
    "submit": pgettext_lazy("a plan or report cannot be …", "submitted"),
    "accept": pgettext_lazy("a plan or report cannot be …", "accepted"),
    "return": pgettext_lazy("a plan or report cannot be …", "returned"),
}


REPORTS = core_workflow.register(
    Workflow(
        name="report",
        model=AnnualReport,
        transitions=workflow.REPORT_TRANSITIONS,
        allowed=permissions.can_take_report_transition,
        before=_before,
        after=_after,
        refused=_refused,
        comment_required=gettext_lazy("Say why the report is returned."),
        lock_related=("group", "year"),
    )
)


def report_submit(*, report: AnnualReport, actor: AnyUser) -> AnnualReport:
    """The contact person submits a complete report of at most two pages."""
    return core_workflow.transition(report, "submit", actor=actor)


def report_accept(*, report: AnnualReport, actor: AnyUser, comment: str = "") -> AnnualReport:
    """The secretariat accepts; an accepted report is never changed again."""
    return core_workflow.transition(report, "accept", actor=actor, comment=comment)


def report_return(*, report: AnnualReport, actor: AnyUser, comment: str) -> AnnualReport:
    """Returned with a comment, the report can be edited again."""
    return core_workflow.transition(report, "return", actor=actor, comment=comment)
