"""Writes to operational plans. Each checks its rule inside a transaction, saves, and
records who did it in the plan's history and the audit log."""

from collections.abc import Iterable
from datetime import date
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
from samverkan.followup.selectors import latest_regional_value
from samverkan.organisation.models import Group, Membership, Person, current_q
from samverkan.organisation.selectors import page_limit
from samverkan.planning import smart, workflow
from samverkan.planning.documents import plans as exports
from samverkan.planning.models import (
    Activity,
    Anchoring,
    AnnualReport,
    Goal,
    InterimReport,
    OperationalPlan,
    PlanEvent,
    PlanningYear,
    PlanVersion,
    Status,
)
from samverkan.planning.selectors import plans as selectors
from samverkan.strategy.models import Objective, PriorityCommitment


class ConcurrentEditError(ValidationError):
    """Someone else saved the plan after this form was loaded."""


def planning_year_open(
    *, year: int, plans_due: date, reports_due: date, actor: AnyUser
) -> PlanningYear:
    """The secretariat opens a year for planning with its deadlines."""
    if not permissions.can_manage_planning_years(actor):
        raise PermissionDenied
    with transaction.atomic():
        planning_year = PlanningYear(year=year, plans_due=plans_due, reports_due=reports_due)
        planning_year.full_clean()
        planning_year.save()
        audit_log(
            action="samverkan.planning_year.opened",
            actor=actor,
            obj=planning_year,
            changes={"plans_due": plans_due.isoformat(), "reports_due": reports_due.isoformat()},
        )
    return planning_year


def plan_create(*, group: Group, year: PlanningYear, actor: User) -> OperationalPlan:
    """A member starts the group's plan for a year; at most one plan per group and year."""
    if not permissions.can_create_plan(actor, group):
        raise PermissionDenied
    # Read the year afresh: it may have been closed since the caller loaded it.
    if PlanningYear.objects.filter(pk=year.pk, closed_at__isnull=False).exists():
        raise ValidationError(
            _("%(year)s is closed: ask the secretariat to reopen it.") % {"year": year.year}
        )
    with transaction.atomic():
        Group.objects.select_for_update().get(pk=group.pk)
        if OperationalPlan.objects.filter(group=group, year=year).exists():
            raise ValidationError(
                _("The group already has a plan for %(year)s.") % {"year": year.year}
            )
        plan = OperationalPlan.objects.create(group=group, year=year)
        version = PlanVersion.objects.create(
            plan=plan, number=1, field_of_work=group.field_of_work, updated_by=actor
        )
        version.objectives.set(group.objectives.all())
        PlanEvent.objects.create(version=version, to_status=Status.DRAFT, actor=actor)
        audit_log(action="samverkan.plan.created", actor=actor, obj=plan)
    return plan


def _lock_for_edit(version: PlanVersion, expected_lock: int | None, actor: User) -> PlanVersion:
    """Lock the version row, refuse stale forms and non-members, and bump the lock."""
    locked = (
        PlanVersion.objects.select_for_update().select_related("plan__group").get(pk=version.pk)
    )
    if not permissions.can_edit_plan_version(actor, locked):
        raise PermissionDenied
    claim_for_edit(
        locked,
        expected_lock,
        actor,
        _(
            "%(who)s saved the plan at %(time)s while you were editing. What you typed is "
            "kept below: compare it with the plan and save again."
        ),
    )
    return locked


def claim_for_edit(
    obj: PlanVersion | AnnualReport | InterimReport,
    expected_lock: int | None,
    actor: User,
    message: str,
) -> None:
    """Refuse a form loaded before someone else's save, else bump the lock for this save.

    `obj` is a locked row with lock_version, updated_by and updated_at (plans and reports).
    """
    if expected_lock is not None and obj.lock_version != expected_lock:
        who = (
            obj.updated_by.get_full_name() or obj.updated_by.username
            if obj.updated_by
            else (_("someone"))
        )
        raise ConcurrentEditError(
            message % {"who": who, "time": timezone.localtime(obj.updated_at).strftime("%H:%M")}
        )
    obj.lock_version += 1
    obj.updated_by = actor


def plan_update(
    *,
    version: PlanVersion,
    fields: dict[str, Any],
    objectives: Iterable[Objective],
    priority_commitments: Iterable[PriorityCommitment],
    expected_lock: int | None,
    actor: User,
) -> PlanVersion:
    """Save the plan's own fields; incomplete drafts are fine."""
    with transaction.atomic():
        locked = _lock_for_edit(version, expected_lock, actor)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        locked.objectives.set(objectives)
        locked.priority_commitments.set(priority_commitments)
        audit_log(
            action="samverkan.plan.edited",
            actor=actor,
            obj=locked,
            changes={"fields": sorted(fields)},
        )
    return locked


def _check_goal(goal: Goal, year: int) -> None:
    errors: dict[str, str] = {}
    if goal.deadline and goal.deadline.year != year and not goal.deadline_reason.strip():
        errors["deadline_reason"] = _(
            "The deadline is outside %(year)s: say why, or choose a date in the year."
        ) % {"year": year}
    parent = goal.parent if goal.parent_id else None
    if parent is not None and parent.parent_id:
        errors["parent"] = _("A sub-goal cannot have sub-goals of its own.")
    if parent is not None and parent.version_id != goal.version_id:
        errors["parent"] = _("Choose a long-term goal in this plan.")
    if errors:
        raise ValidationError(errors)


def goal_save(*, goal: Goal, expected_lock: int | None, actor: User) -> Goal:
    """Add or change a goal; a deadline outside the year needs a reason. A goal measured by
    an indicator gets its baseline from the indicator's latest regional value."""
    if goal.indicator_id and goal.baseline_value is None:
        indicator = goal.indicator
        assert indicator is not None  # indicator_id is set
        latest = latest_regional_value(indicator)
        if latest is not None:
            year, value = latest
            goal.baseline_value, goal.baseline_date = value, date(year, 12, 31)
            goal.measure = goal.measure or indicator.title
            goal.unit = goal.unit or indicator.unit
    with transaction.atomic():
        _lock_for_edit(goal.version, expected_lock, actor).save()
        _check_goal(goal, goal.version.plan.year.year)
        created = goal.pk is None
        goal.full_clean()
        goal.save()
        audit_log(
            action=f"samverkan.goal.{'created' if created else 'changed'}", actor=actor, obj=goal
        )
    return goal


def goal_delete(*, goal: Goal, expected_lock: int | None, actor: User) -> None:
    with transaction.atomic():
        _lock_for_edit(goal.version, expected_lock, actor).save()
        audit_log(action="samverkan.goal.deleted", actor=actor, obj=goal)
        goal.delete()


def _check_activity(activity: Activity, goals: Iterable[Goal]) -> None:
    errors: dict[str, str] = {}
    plan = activity.version.plan
    if (
        activity.responsible_id
        and not Membership.objects.filter(
            current_q(), group=plan.group, person_id=activity.responsible_id
        ).exists()
    ):
        errors["responsible"] = _("%(name)s is not a member of %(group)s. Choose a member.") % {
            "name": activity.responsible,
            "group": plan.group.name,
        }
    if any(goal.version_id != activity.version_id for goal in goals):
        errors["goals"] = _("Choose goals from this plan.")
    if errors:
        raise ValidationError(errors)


def activity_save(
    *, activity: Activity, goals: Iterable[Goal], expected_lock: int | None, actor: User
) -> Activity:
    """Add or change an activity; its responsible person must be a member of the group."""
    with transaction.atomic():
        _lock_for_edit(activity.version, expected_lock, actor).save()
        _check_activity(activity, goals)
        created = activity.pk is None
        activity.full_clean()
        activity.save()
        activity.goals.set(goals)
        audit_log(
            action=f"samverkan.activity.{'created' if created else 'changed'}",
            actor=actor,
            obj=activity,
        )
    return activity


def activity_delete(*, activity: Activity, expected_lock: int | None, actor: User) -> None:
    with transaction.atomic():
        _lock_for_edit(activity.version, expected_lock, actor).save()
        audit_log(action="samverkan.activity.deleted", actor=actor, obj=activity)
        activity.delete()


def activity_status_update(*, activity: Activity, status: str, actor: AnyUser) -> Activity:
    """Keep an approved plan's activity status up during the year, without a revision."""
    if not permissions.can_update_activity_status(actor, activity.version.plan):
        raise PermissionDenied
    if status not in Activity.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses in the list.")})
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        old = activity.status
        activity.status = status
        activity.save(update_fields=["status"])
        audit_log(
            action="samverkan.activity.status_changed",
            actor=actor,
            obj=activity,
            changes={"status": [old, status]},
        )
    return activity


# --- Completeness, page count and SMART: what submission looks at -------------------------


def completeness_errors(version: PlanVersion) -> dict[str, list[str]]:
    """What Mall 1 asks for that the version still lacks, by field."""
    version = selectors.loaded_version(version)
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not version.field_of_work.strip():
        add("field_of_work", _("Describe the group's field of work."))
    if not version.purpose.strip():
        add(
            "purpose",
            _("Describe how the group serves the objectives: “By xx we contribute to yy.”"),
        )
    if not version.objectives.all():
        add("objectives", _("Choose at least one of the objectives."))
    if not version.priority_commitments.all():
        add("priority_commitments", _("Choose at least one priority area and commitment."))
    if not version.top_goals:
        add("goals", _("Write at least one goal for the year."))
    if not version.activities.all():
        add("activities", _("Plan at least one activity."))
    year = version.plan.year.year
    for goal in version.top_goals:
        for g in [goal, *goal.sub_goals.all()]:
            if g.deadline and g.deadline.year != year and not g.deadline_reason.strip():
                add(
                    "goals",
                    _("Goal “%(goal)s”: the deadline is outside %(year)s without a reason.")
                    % {"goal": g.statement[:60], "year": year},
                )
    for activity in version.activities.all():
        if not activity.when or not activity.responsible_id:
            add(
                "activities",
                _("Activity “%(what)s”: give a date and a responsible member.")
                % {"what": activity.what[:60]},
            )
    if version.is_revision:
        if not version.revision_when:
            add("revision_when", _("Say from when the revision applies."))
        if not version.revision_how.strip():
            add("revision_how", _("Say how the plan changes."))
        if not version.revision_why.strip():
            add("revision_why", _("Say why the plan changes."))
    return errors


def pages_of(version: PlanVersion) -> int:
    loaded = selectors.loaded_version(version)
    return exports.page_count(exports.render_pdf(loaded))


def page_limit_error(version: PlanVersion, pages: int) -> str | None:
    limit = page_limit()
    if pages <= limit:
        return None
    loaded = selectors.loaded_version(version)
    sizes = {
        _("the field of work"): len(loaded.field_of_work),
        _("the purpose"): len(loaded.purpose),
        _("the goals"): sum(len(g.statement) for g in loaded.goals.all()),
        _("the activity plan"): sum(len(a.what) + len(a.how) for a in loaded.activities.all()),
    }
    longest = sorted(sizes, key=sizes.__getitem__, reverse=True)[:2]
    return _(
        "The plan is %(pages)s pages; at most %(max)s are allowed. Shorten %(first)s and "
        "%(second)s first, and keep more detailed plans for the group's own use."
    ) % {"pages": pages, "max": limit, "first": longest[0], "second": longest[1]}


def smart_summary(version: PlanVersion) -> list[tuple[Goal, list[smart.Letter]]]:
    loaded = selectors.loaded_version(version)
    anchored = selectors.anchoring_state(loaded).complete or loaded.status == Status.APPROVED
    year = loaded.plan.year.year
    return [
        (g, smart.check(g, anchored=anchored, year=year))
        for goal in loaded.top_goals
        for g in [goal, *goal.sub_goals.all()]
    ]


# --- Workflow -----------------------------------------------------------------------------


def _before(version: PlanVersion, transition: Transition, actor: AnyUser, comment: str) -> None:
    """What a plan's transition checks and changes before its new status is saved."""
    _preconditions(version, transition)
    now = timezone.now()
    if transition.target == Status.SUBMITTED:
        contact, members = selectors.snapshot(selectors.current_members(version.plan.group))
        version.frozen_contact, version.frozen_members = contact, members
        version.submitted_at = now
    if transition.target in {Status.DRAFT, Status.ANCHORING}:
        # Each round of anchoring starts afresh: a plan reopened, or returned and edited,
        # is no longer the text the members anchored.
        version.anchorings.all().delete()
    if transition.target == Status.APPROVED:
        version.approved_at = now
    version.lock_version += 1


def _after(version: PlanVersion, transition: Transition, actor: User, comment: str) -> None:
    PlanEvent.objects.create(
        version=version,
        from_status=core_workflow.old_status(version),
        to_status=version.status,
        actor=actor,
        comment=comment,
    )
    if version.status == Status.APPROVED:
        events.plan_approved.send(sender=PlanVersion, plan_version=version)


def _refused(version: PlanVersion, action: str) -> str:
    return _("A plan that is “%(status)s” cannot be %(action)s.") % {
        "status": version.get_status_display(),
        "action": _ACTION_WORDS[action],
    }


# Context keeps these apart from field labels such as “submitted” (a date).
_ACTION_WORDS = {
    "start_anchoring": pgettext_lazy("a plan or report cannot be …", "sent for anchoring"),
    "reopen": pgettext_lazy("a plan or report cannot be …", "reopened"),
    "submit": pgettext_lazy("a plan or report cannot be …", "submitted"),
    "forward": pgettext_lazy("a plan or report cannot be …", "forwarded"),
    "approve": pgettext_lazy("a plan or report cannot be …", "approved"),
    "return": pgettext_lazy("a plan or report cannot be …", "returned"),
}


def _preconditions(version: PlanVersion, transition: Transition) -> None:
    if transition.action in {"start_anchoring", "submit"}:
        errors = completeness_errors(version)
        if errors:
            raise ValidationError(errors)
        limit = page_limit_error(version, pages_of(version))
        if limit:
            raise ValidationError({"__all__": [limit]})
    if transition.action == "submit" and not version.is_revision:
        state = selectors.anchoring_state(selectors.version_detail(version.plan, version.number))
        if not state.complete:
            names = ", ".join(line.name for line in state.waiting)
            raise ValidationError(
                _("Every member must anchor the plan first. Still waiting for: %(names)s.")
                % {"names": names}
            )


PLANS = core_workflow.register(
    Workflow(
        name="plan",
        model=PlanVersion,
        transitions=workflow.TRANSITIONS,
        allowed=permissions.can_take_transition,
        kind_of=workflow.kind_of,
        before=_before,
        after=_after,
        refused=_refused,
        comment_required=gettext_lazy("Say why the plan is returned."),
        lock_related=("plan__group", "plan__year"),
    )
)


def plan_start_anchoring(*, version: PlanVersion, actor: AnyUser) -> PlanVersion:
    """The contact person sends a complete draft of at most two pages to the members."""
    return core_workflow.transition(version, "start_anchoring", actor=actor)


def plan_reopen(*, version: PlanVersion, actor: AnyUser) -> PlanVersion:
    """Back to draft from anchoring; confirmations already given are cleared."""
    return core_workflow.transition(version, "reopen", actor=actor)


def plan_submit(*, version: PlanVersion, actor: AnyUser) -> PlanVersion:
    """The contact person submits an anchored plan (or a revision); members are frozen."""
    return core_workflow.transition(version, "submit", actor=actor)


def plan_forward(*, version: PlanVersion, actor: AnyUser, comment: str = "") -> PlanVersion:
    """The secretariat forwards a revision to the chief executives."""
    return core_workflow.transition(version, "forward", actor=actor, comment=comment)


def plan_approve(*, version: PlanVersion, actor: AnyUser, comment: str = "") -> PlanVersion:
    """A chief executive approves; the version becomes the plan in force and is frozen."""
    return core_workflow.transition(version, "approve", actor=actor, comment=comment)


def plan_return(*, version: PlanVersion, actor: AnyUser, comment: str) -> PlanVersion:
    """Returned with a comment, the plan can be edited again."""
    return core_workflow.transition(version, "return", actor=actor, comment=comment)


def plan_anchor(
    *, version: PlanVersion, actor: User, manager: str = "", person: Person | None = None
) -> Anchoring:
    """A member confirms the plan is anchored with their nearest manager.

    The contact person may record another member's confirmation (given by phone or
    e-mail); the record says who entered it.
    """
    with transaction.atomic():
        version = (
            PlanVersion.objects.select_for_update().select_related("plan__group").get(pk=version.pk)
        )
        if not permissions.can_anchor(actor, version):
            raise PermissionDenied
        own = Person.objects.filter(user=actor).first()
        recorded_by = None
        if person is None or (own is not None and person.pk == own.pk):
            if own is None:
                raise PermissionDenied
            person = own
        else:
            if not permissions.is_contact_person(actor, version.plan.group):
                raise PermissionDenied
            if not Membership.objects.filter(
                current_q(), group=version.plan.group, person=person
            ).exists():
                raise ValidationError(
                    _("%(name)s is not a member of the group.") % {"name": person}
                )
            recorded_by = actor
        anchoring, created = Anchoring.objects.get_or_create(
            version=version,
            person=person,
            defaults={"manager": manager, "recorded_by": recorded_by},
        )
        if created:
            audit_log(
                action="samverkan.plan.anchored",
                actor=actor,
                obj=version,
                changes={"member": str(person), "manager": manager},
            )
    return anchoring


def plan_revision_start(*, plan: OperationalPlan, actor: User) -> PlanVersion:
    """Start a revision as a copy of the approved plan in force; one revision at a time."""
    if not permissions.can_propose_revision(actor, plan):
        raise PermissionDenied
    with transaction.atomic():
        OperationalPlan.objects.select_for_update().get(pk=plan.pk)
        latest = selectors.latest(plan)
        assert latest is not None  # plan_create makes the first version with the plan
        if latest.status != Status.APPROVED:
            raise ValidationError(
                _("Only an approved plan can be revised, and one revision at a time.")
            )
        source = selectors.version_detail(plan, latest.number)
        version = PlanVersion.objects.create(
            plan=plan,
            number=latest.number + 1,
            field_of_work=source.field_of_work,
            purpose=source.purpose,
            updated_by=actor,
        )
        version.objectives.set(source.objectives.all())
        version.priority_commitments.set(source.priority_commitments.all())
        copies: dict[int, Goal] = {}
        for goal in source.top_goals:
            for original in [goal, *goal.sub_goals.all()]:
                parent_id = original.parent_id
                original_pk = original.pk
                original.pk = None
                original.id = None
                original.version = version
                original.parent = copies.get(parent_id) if parent_id else None
                original.save()
                copies[original_pk] = original
        for activity in source.activities.all():
            goal_ids = [g.pk for g in activity.goals.all()]
            activity.pk = None
            activity.id = None
            activity.version = version
            activity.save()
            activity.goals.set([copies[i] for i in goal_ids if i in copies])
        PlanEvent.objects.create(
            version=version,
            to_status=Status.DRAFT,
            actor=actor,
            comment=_("Revision of version %(n)s") % {"n": latest.number},
        )
        audit_log(action="samverkan.plan.revision_started", actor=actor, obj=version)
    return version
