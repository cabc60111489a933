"""Writes to interim follow-ups: create from the approved plan, save, submit, note, return."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from samverkan.accounts import permissions
from samverkan.core import workflow as core_workflow
from samverkan.core.audit import audit_log
from samverkan.core.types import AnyUser
from samverkan.core.workflow import Transition, Workflow
from samverkan.organisation.models import Group
from samverkan.planning import workflow
from samverkan.planning.models import (
    Activity,
    ActivityState,
    InterimActivity,
    InterimEvent,
    InterimReport,
    InterimRound,
    InterimStatus,
    OperationalPlan,
    PlanningYear,
)
from samverkan.planning.selectors import plans as selectors
from samverkan.planning.services.plans import claim_for_edit

# An activity the plan already marks done starts as done; the rest are for the group to say.
_FROM_PLAN: dict[str, str] = {Activity.Status.DONE: ActivityState.DONE}


def interim_report_create(
    *, group: Group, year: PlanningYear, round: InterimRound, actor: User
) -> InterimReport:
    """Start the group's report for a round from the year's approved plan, once per round.

    Only a round that applies to the group's kind can be started. A group without an
    approved plan can still report; the report then has no activities to go through.
    """
    if not permissions.can_create_interim_report(actor, group):
        raise PermissionDenied
    if not round.applies_to(group):
        raise ValidationError(
            _("“%(round)s” is not reported by this kind of group.") % {"round": round.name}
        )
    if PlanningYear.objects.filter(pk=year.pk, closed_at__isnull=False).exists():
        raise ValidationError(
            _("%(year)s is closed: ask the secretariat to reopen it.") % {"year": year.year}
        )
    with transaction.atomic():
        Group.objects.select_for_update().get(pk=group.pk)
        if InterimReport.objects.filter(group=group, year=year, round=round).exists():
            raise ValidationError(
                _("The group already has the report “%(round)s” for %(year)s.")
                % {"round": round.name, "year": year.year}
            )
        plan = OperationalPlan.objects.filter(group=group, year=year).first()
        approved = selectors.current_approved(plan) if plan else None
        report = InterimReport.objects.create(
            group=group, year=year, round=round, based_on=approved, updated_by=actor
        )
        if approved is not None:
            InterimActivity.objects.bulk_create(
                InterimActivity(
                    report=report,
                    source=activity,
                    order=i,
                    planned=activity.what + (f" – {activity.how}" if activity.how else ""),
                    state=_FROM_PLAN.get(activity.status, ""),
                )
                for i, activity in enumerate(approved.activities.all(), start=1)
            )
        InterimEvent.objects.create(report=report, to_status=InterimStatus.DRAFT, actor=actor)
        audit_log(action="samverkan.interim_report.created", actor=actor, obj=report)
    return report


def interim_report_update(
    *,
    report: InterimReport,
    fields: dict[str, Any],
    rows: Iterable[InterimActivity],
    expected_lock: int | None,
    actor: User,
) -> InterimReport:
    """Save the report and its activity rows together; a draft may be incomplete. A form
    loaded before someone else's save is refused, so neither overwrites the other."""
    with transaction.atomic():
        locked = (
            InterimReport.objects.select_for_update()
            .select_related("group", "year", "round")
            .get(pk=report.pk)
        )
        if not permissions.can_edit_interim_report(actor, locked):
            raise PermissionDenied
        claim_for_edit(
            locked,
            expected_lock,
            actor,
            _(
                "%(who)s saved the interim report at %(time)s while you were editing. What you "
                "typed is kept below: compare it with the report and save again."
            ),
        )
        for name in ("situation", "attention"):
            if name in fields:
                setattr(locked, name, fields[name])
        locked.full_clean()
        locked.save()
        for row in rows:
            if row.report_id != locked.pk:
                raise PermissionDenied
            row.full_clean()
            row.save(update_fields=["state", "comment"])
        audit_log(action="samverkan.interim_report.edited", actor=actor, obj=locked)
    return locked


def completeness_errors(report: InterimReport) -> dict[str, list[str]]:
    """What the interim report still lacks before it can be submitted."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not report.situation.strip():
        add("situation", _("Describe the situation in a few sentences."))
    for activity in report.activities.all():
        if not activity.state:
            add(
                "activities",
                _("Activity “%(what)s”: say how it stands.") % {"what": activity.planned[:60]},
            )
        elif (
            activity.state in {ActivityState.DELAYED, ActivityState.NOT_STARTED}
            and not activity.comment.strip()
        ):
            add(
                "activities",
                _("Activity “%(what)s”: say why it is delayed or not started.")
                % {"what": activity.planned[:60]},
            )
    return errors


def _before(report: InterimReport, transition: Transition, actor: AnyUser, comment: str) -> None:
    if transition.action == "submit":
        errors = completeness_errors(report)
        if errors:
            raise ValidationError(errors)
        report.submitted_at = timezone.now()
    if transition.target == InterimStatus.NOTED:
        report.noted_at = timezone.now()
    # A form loaded before a transition is out of date: its save must be refused.
    report.lock_version += 1


def _after(report: InterimReport, transition: Transition, actor: User, comment: str) -> None:
    InterimEvent.objects.create(
        report=report,
        from_status=core_workflow.old_status(report),
        to_status=report.status,
        actor=actor,
        comment=comment,
    )


# Context keeps these apart from field labels such as “submitted” (a date).
_ACTION_WORDS = {
    "submit": pgettext_lazy("a plan or report cannot be …", "submitted"),
    "note": pgettext_lazy("a plan or report cannot be …", "noted"),
    "return": pgettext_lazy("a plan or report cannot be …", "returned"),
}


def _refused(report: InterimReport, action: str) -> str:
    return _("An interim report that is “%(status)s” cannot be %(action)s.") % {
        "status": report.get_status_display(),
        "action": _ACTION_WORDS[action],
    }


INTERIM = core_workflow.register(
    Workflow(
        name="interim_report",
        model=InterimReport,
        transitions=workflow.INTERIM_TRANSITIONS,
        allowed=permissions.can_take_interim_transition,
        before=_before,
        after=_after,
        refused=_refused,
        comment_required=gettext_lazy("Say why the interim report is returned."),
        lock_related=("group", "year", "round"),
    )
)


def interim_report_submit(*, report: InterimReport, actor: AnyUser) -> InterimReport:
    """The contact person submits a complete interim report."""
    return core_workflow.transition(report, "submit", actor=actor)


def interim_report_note(
    *, report: InterimReport, actor: AnyUser, comment: str = ""
) -> InterimReport:
    """The secretariat notes it; a noted interim report is public and never changed again."""
    return core_workflow.transition(report, "note", actor=actor, comment=comment)


def interim_report_return(*, report: InterimReport, actor: AnyUser, comment: str) -> InterimReport:
    """Returned with a comment, the interim report can be edited again."""
    return core_workflow.transition(report, "return", actor=actor, comment=comment)
