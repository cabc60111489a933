"""Writes for assignments, matters, the council's decisions and the groups' lifecycle."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.accounts import permissions
from samverkan.core.audit import audit_log
from samverkan.governance.models import Adoption, Assignment, Decision, Matter, Meeting
from samverkan.organisation.models import Group, Membership, Municipality, current_q
from samverkan.strategy.models import PlanObjective, PlanVersion, SubObjective
from samverkan.strategy.selectors import current_plan_version


def assignment_give(*, actor, **fields) -> Assignment:
    """The chief executives give a group or the secretariat an assignment with a due date."""
    if not permissions.can_give_assignments(actor):
        raise PermissionDenied
    with transaction.atomic():
        assignment = Assignment(given_by=actor, **fields)
        assignment.full_clean()
        assignment.save()
        audit_log(action="samverkan.assignment.given", actor=actor, obj=assignment)
    return assignment


def assignment_update(*, assignment: Assignment, status: str, outcome: str, actor) -> Assignment:
    """The assignee (or the secretariat) keeps status and outcome up to date."""
    if not permissions.can_report_on_assignment(actor, assignment):
        raise PermissionDenied
    if status not in Assignment.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses in the list.")})
    if status == Assignment.Status.DONE and not outcome.strip():
        raise ValidationError({"outcome": _("Describe the outcome of a finished assignment.")})
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
        old = assignment.status
        assignment.status, assignment.outcome = status, outcome
        assignment.save(update_fields=["status", "outcome"])
        audit_log(
            action="samverkan.assignment.updated",
            actor=actor,
            obj=assignment,
            changes={"status": [old, status]},
        )
    return assignment


def matter_raise(*, group: Group, kind: str, title: str, description: str, actor) -> Matter:
    """A group proposes an area for cooperation or an improvement; a summons is the
    secretariat's."""
    if kind == Matter.Kind.SUMMONS:
        if not permissions.can_forward_matters(actor):
            raise PermissionDenied
    elif not permissions.can_raise_matter(actor, group):
        raise PermissionDenied
    with transaction.atomic():
        matter = Matter(
            group=group, kind=kind, title=title, description=description, raised_by=actor
        )
        matter.full_clean()
        matter.save()
        audit_log(action="samverkan.matter.raised", actor=actor, obj=matter)
    return matter


def matter_forward(*, matter: Matter, actor) -> Matter:
    """The head of secretariat takes the matter on to the chief executives."""
    if not permissions.can_forward_matters(actor):
        raise PermissionDenied
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.status != Matter.Status.RAISED:
            raise ValidationError(_("Only a matter with the head of secretariat can be forwarded."))
        matter.status = Matter.Status.FORWARDED
        matter.save(update_fields=["status"])
        audit_log(action="samverkan.matter.forwarded", actor=actor, obj=matter)
    return matter


def matter_decide(*, matter: Matter, decision: str, decided_on: date, actor) -> Matter:
    """The chief executives record their decision on a forwarded matter."""
    if not permissions.can_decide_matters(actor):
        raise PermissionDenied
    if not decision.strip():
        raise ValidationError({"decision": _("Write the decision.")})
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.status != Matter.Status.FORWARDED:
            raise ValidationError(
                _(
                    "The head of secretariat forwards a matter before the chief "
                    "executives decide it."
                )
            )
        if decided_on < matter.raised_on:
            raise ValidationError(
                {"decided_on": _("A matter cannot be decided before it was raised.")}
            )
        matter.status, matter.decision, matter.decided_on = (
            Matter.Status.DECIDED,
            decision,
            decided_on,
        )
        matter.save(update_fields=["status", "decision", "decided_on"])
        audit_log(action="samverkan.matter.decided", actor=actor, obj=matter, comment=decision)
    return matter


def decision_record(
    *, meeting: Meeting, actor, valid_from: date | None = None, **fields
) -> Decision:
    """Record a council decision. One that concerns the municipalities is then tracked per
    municipality; one that adopts a strategic plan version puts that version in force."""
    if not permissions.can_record_decisions(actor):
        raise PermissionDenied
    with transaction.atomic():
        decision = Decision(meeting=meeting, recorded_by=actor, **fields)
        decision.full_clean()
        decision.save()
        if decision.concerns_municipalities:
            Adoption.objects.bulk_create(
                Adoption(decision=decision, municipality=m)
                for m in Municipality.objects.filter(is_member=True)
            )
        if decision.kind == Decision.Kind.ADOPT_PLAN:
            version = PlanVersion.objects.select_for_update().get(pk=decision.plan_version_id)
            if version.decision_date is not None:
                raise ValidationError({"plan_version": _("That version is already adopted.")})
            version.decision_date = meeting.date
            version.valid_from = valid_from or meeting.date
            version.decided_by = meeting.body
            version.full_clean()
            version.save()
        audit_log(action="samverkan.decision.recorded", actor=actor, obj=decision)
    return decision


def adoption_record(
    *, adoption: Adoption, status: str, decided_on: date | None, reference: str, actor
) -> Adoption:
    """A municipality has taken the council's decision again: adopted or rejected."""
    if not permissions.can_record_decisions(actor):
        raise PermissionDenied
    with transaction.atomic():
        adoption = (
            Adoption.objects.select_for_update()
            .select_related("decision__meeting")
            .get(pk=adoption.pk)
        )
        adoption.status, adoption.decided_on, adoption.reference = status, decided_on, reference
        adoption.full_clean()
        adoption.save()
        audit_log(
            action="samverkan.adoption.recorded",
            actor=actor,
            obj=adoption,
            changes={"status": status},
        )
    return adoption


def plan_version_draft(*, year: int, actor) -> PlanVersion:
    """The yearly review: a proposal for `year`, copied from the version in force."""

    if not permissions.can_record_decisions(actor):
        raise PermissionDenied
    current = current_plan_version()
    if current is None:
        raise ValidationError(_("There is no strategic plan in force to start from."))
    with transaction.atomic():
        if PlanVersion.objects.filter(year=year).exists():
            raise ValidationError(_("There is already a version for %(year)s.") % {"year": year})
        version = PlanVersion.objects.create(
            year=year,
            title=current.title,
            decided_by=current.decided_by,
            preamble=current.preamble,
        )
        for po in current.objectives.all():
            copy = PlanObjective.objects.create(
                version=version, objective=po.objective, title=po.title
            )
            SubObjective.objects.bulk_create(
                SubObjective(plan_objective=copy, order=s.order, text=s.text)
                for s in po.sub_objectives.all()
            )
        audit_log(action="samverkan.plan_version.drafted", actor=actor, obj=version)
    return version


# --- The groups' lifecycle ----------------------------------------------------------------


def group_form(*, name: str, kind: str, objectives, field_of_work: str, actor) -> Group:
    """The head of secretariat forms a group, for example for a prioritised area."""
    if not permissions.can_change_groups(actor):
        raise PermissionDenied
    with transaction.atomic():
        group = Group(
            name=name,
            slug=_unique_slug(name),
            kind=kind,
            field_of_work=field_of_work,
            start_year=date.today().year,
        )
        group.full_clean()
        group.save()
        group.objectives.set(objectives)
        audit_log(action="samverkan.group.formed", actor=actor, obj=group)
    return group


def _unique_slug(name: str) -> str:
    base = slugify(name) or "grupp"
    slug, n = base, 2
    while Group.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def group_wind_down(*, group: Group, on: date, reason: str, actor) -> Group:
    """A group that fulfilled its task is wound down; its memberships end that day."""
    if not permissions.can_change_groups(actor):
        raise PermissionDenied
    with transaction.atomic():
        group = Group.objects.select_for_update().get(pk=group.pk)
        if group.status != Group.Status.ACTIVE:
            raise ValidationError(_("Only an active group can be wound down."))
        group.status, group.wound_down_on, group.wound_down_reason = (
            Group.Status.WOUND_DOWN,
            on,
            reason,
        )
        group.end_year = on.year
        group.full_clean()
        group.save()
        Membership.objects.filter(current_q(on), group=group).update(end=on)
        audit_log(action="samverkan.group.wound_down", actor=actor, obj=group, comment=reason)
    return group


def group_convert_to_network(*, group: Group, name: str, on: date, actor) -> Group:
    """Replace a working group by an informal network, carrying its members over."""
    if not permissions.can_change_groups(actor):
        raise PermissionDenied
    with transaction.atomic():
        group = Group.objects.select_for_update().get(pk=group.pk)
        if group.status != Group.Status.ACTIVE or group.kind != Group.Kind.WORKING_GROUP:
            raise ValidationError(_("Only an active working group can become a network."))
        network = Group(
            name=name,
            slug=_unique_slug(name),
            kind=Group.Kind.NETWORK,
            field_of_work=group.field_of_work,
            start_year=on.year,
        )
        network.full_clean()
        network.save()
        network.objectives.set(group.objectives.all())
        current = list(Membership.objects.filter(current_q(on), group=group))
        day_before = on - timedelta(days=1)
        for membership in current:
            Membership.objects.create(
                group=network, person_id=membership.person_id, role=membership.role, start=on
            )
        Membership.objects.filter(pk__in=[m.pk for m in current]).update(end=day_before)
        group.status, group.converted_into, group.end_year = (
            Group.Status.CONVERTED,
            network,
            on.year,
        )
        group.save(update_fields=["status", "converted_into", "end_year"])
        audit_log(
            action="samverkan.group.converted",
            actor=actor,
            obj=group,
            changes={"network": network.name, "members": len(current)},
        )
    return network
