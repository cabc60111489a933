"""Writes for assignments, matters, the council's decisions and the groups' lifecycle."""

from collections.abc import Iterable
from datetime import date, time, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.accounts import permissions
from samverkan.core import events
from samverkan.core import workflow as core_workflow
from samverkan.core.audit import audit_log
from samverkan.core.types import AnyUser
from samverkan.core.workflow import Transition, Workflow
from samverkan.governance import workflow
from samverkan.governance.models import (
    Adoption,
    AdoptionReminder,
    AgendaItem,
    Assignment,
    BoardMeeting,
    Decision,
    Matter,
    Meeting,
)
from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Group,
    Membership,
    Municipality,
    Person,
    current_q,
)
from samverkan.organisation.services import membership_create, membership_end
from samverkan.strategy.models import Objective, PlanObjective, PlanVersion, SubObjective
from samverkan.strategy.selectors import current_plan_version

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def assignment_give(*, actor: User, **fields: Any) -> Assignment:
    """The chief executives give a group or the secretariat an assignment with a due date."""
    if not permissions.can_give_assignments(actor):
        raise PermissionDenied
    with transaction.atomic():
        assignment = Assignment(given_by=actor, **fields)
        assignment.full_clean()
        assignment.save()
        audit_log(action="samverkan.assignment.given", actor=actor, obj=assignment)
    return assignment


def _assignment_before(
    assignment: Assignment, transition: Transition, actor: AnyUser, comment: str
) -> None:
    if transition.target == Assignment.Status.DONE and not assignment.outcome.strip():
        raise ValidationError({"outcome": _("Describe the outcome of a finished assignment.")})


ASSIGNMENTS = core_workflow.register(
    Workflow(
        name="assignment",
        model=Assignment,
        transitions=workflow.ASSIGNMENT_TRANSITIONS,
        allowed=lambda user, assignment, t: permissions.can_report_on_assignment(user, assignment),
        before=_assignment_before,
        audit_suffix=lambda transition: "updated",
    )
)


def assignment_update(
    *, assignment: Assignment, status: str, outcome: str, actor: AnyUser
) -> Assignment:
    """The assignee (or the secretariat) keeps status and outcome up to date."""
    if status not in Assignment.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses in the list.")})
    return core_workflow.transition(assignment, status, actor=actor, changes={"outcome": outcome})


def matter_raise(*, group: Group, kind: str, title: str, description: str, actor: User) -> Matter:
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


def _matter_before(matter: Matter, transition: Transition, actor: AnyUser, comment: str) -> None:
    if transition.action != "decide":
        return
    assert matter.decided_on is not None  # matter_decide passes it along with the transition
    if matter.decided_on < matter.raised_on:
        raise ValidationError({"decided_on": _("A matter cannot be decided before it was raised.")})


_MATTER_REFUSALS = {
    "forward": gettext_lazy("Only a matter with the head of secretariat can be forwarded."),
    "decide": gettext_lazy("The head of secretariat forwards a matter before it can be decided."),
}

MATTERS = core_workflow.register(
    Workflow(
        name="matter",
        model=Matter,
        transitions=workflow.MATTER_TRANSITIONS,
        allowed=permissions.can_take_step,
        before=_matter_before,
        refused=lambda matter, action: str(_MATTER_REFUSALS[action]),
    )
)


def matter_forward(*, matter: Matter, actor: AnyUser) -> Matter:
    """The head of secretariat takes the matter on to the chief executives."""
    return core_workflow.transition(matter, "forward", actor=actor)


def matter_decide(*, matter: Matter, decision: str, decided_on: date, actor: AnyUser) -> Matter:
    """The chief executives record their decision on a forwarded matter."""
    if not decision.strip():
        raise ValidationError({"decision": _("Write the decision.")})
    return core_workflow.transition(
        matter,
        "decide",
        actor=actor,
        comment=decision,
        changes={"decision": decision, "decided_on": decided_on},
    )


def meeting_add(
    *,
    date: date,
    place: str,
    actor: AnyUser,
    starts_at: time | None = None,
    ends_at: time | None = None,
) -> Meeting:
    """The secretariat adds a meeting of the regional council, to record its decisions."""
    if not permissions.can_record_decisions(actor):
        raise PermissionDenied
    with transaction.atomic():
        meeting = Meeting(
            body=Body.objects.get(kind=Body.Kind.COUNCIL),
            date=date,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
        )
        meeting.full_clean()
        meeting.save()
        audit_log(action="samverkan.meeting.added", actor=actor, obj=meeting)
    return meeting


def agenda_item_add(
    *,
    meeting: Meeting,
    title: str,
    actor: AnyUser,
    description: str = "",
    matter: Matter | None = None,
    assignment: Assignment | None = None,
) -> AgendaItem:
    """The secretariat puts a point on a council meeting's agenda, numbered in order."""
    if not permissions.can_record_decisions(actor):
        raise PermissionDenied
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        last = meeting.agenda.order_by("-number").values_list("number", flat=True).first()
        item = AgendaItem(
            meeting=meeting,
            number=(last or 0) + 1,
            title=title.strip(),
            description=description,
            matter=matter,
            assignment=assignment,
        )
        item.full_clean()
        item.save()
        audit_log(action="samverkan.agenda_item.added", actor=actor, obj=item)
    return item


def minutes_save(
    *,
    meeting: Meeting,
    minutes: str,
    actor: AnyUser,
    approved_on: date | None = None,
    approved_by: str = "",
) -> Meeting:
    """The secretariat writes a meeting's minutes; given the day they were approved
    (justerade) and by whom, they are published and no longer change."""
    if not permissions.can_record_decisions(actor):
        raise PermissionDenied
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.minutes_approved_on is not None:
            raise ValidationError(
                _("The minutes were approved on %(date)s and can no longer be changed.")
                % {"date": meeting.minutes_approved_on.isoformat()}
            )
        meeting.minutes = minutes
        meeting.minutes_approved_on = approved_on
        meeting.minutes_approved_by = approved_by.strip()
        meeting.full_clean()
        meeting.save(update_fields=["minutes", "minutes_approved_on", "minutes_approved_by"])
        audit_log(
            action="samverkan.meeting.minutes_approved"
            if approved_on
            else "samverkan.meeting.minutes_saved",
            actor=actor,
            obj=meeting,
        )
    return meeting


def board_meeting_add(
    *, municipality: Municipality, body: str, date: date, actor: AnyUser
) -> BoardMeeting:
    """The secretariat puts a member's board meeting into the yearly wheel."""
    if not permissions.can_manage_planning_years(actor):
        raise PermissionDenied
    with transaction.atomic():
        meeting = BoardMeeting(municipality=municipality, body=body.strip(), date=date)
        meeting.full_clean()
        meeting.save()
        audit_log(action="samverkan.board_meeting.added", actor=actor, obj=meeting)
    return meeting


def board_meeting_remove(*, meeting: BoardMeeting, actor: AnyUser) -> None:
    if not permissions.can_manage_planning_years(actor):
        raise PermissionDenied
    with transaction.atomic():
        audit_log(
            action="samverkan.board_meeting.removed",
            actor=actor,
            obj=meeting,
            comment=str(meeting),
        )
        meeting.delete()


def decision_record(
    *, meeting: Meeting, actor: User, valid_from: date | None = None, **fields: Any
) -> Decision:
    """Record a council decision. One that concerns the municipalities is then tracked per
    municipality; one that adopts a strategic plan version puts that version in force."""
    if not permissions.can_record_decisions(actor):
        raise PermissionDenied
    matters = fields.pop("matters", None) or []
    assignments = fields.pop("assignments", None) or []
    with transaction.atomic():
        decision = Decision(meeting=meeting, recorded_by=actor, **fields)
        decision.full_clean()
        decision.save()
        decision.matters.set(matters)
        decision.assignments.set(assignments)
        if decision.concerns_municipalities:
            Adoption.objects.bulk_create(
                Adoption(decision=decision, municipality=m)
                # Those that are members on the day of the meeting decide in their own boards.
                for m in Municipality.objects.members_on(meeting.date)
            )
        if decision.kind == Decision.Kind.ADOPT_PLAN:
            # full_clean() above requires the version of a decision that adopts one.
            assert decision.plan_version_id is not None
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


def _adoption_before(
    adoption: Adoption, transition: Transition, actor: AnyUser, comment: str
) -> None:
    adoption.status = transition.target
    adoption.full_clean()


ADOPTIONS = core_workflow.register(
    Workflow(
        name="adoption",
        model=Adoption,
        transitions=workflow.ADOPTION_TRANSITIONS,
        allowed=lambda user, adoption, t: permissions.can_record_adoption(user, adoption),
        before=_adoption_before,
        lock_related=("decision__meeting",),
        audit_suffix=lambda transition: "recorded",
    )
)


TRACK_FIELDS = (
    "sent_on",
    "agenda_on",
    "agenda_body",
    "decided_on",
    "reference",
    "paragraph",
    "minutes_url",
    "changes_made",
)


def adoption_record(*, adoption: Adoption, status: str, actor: AnyUser, **track: Any) -> Adoption:
    """Keep up a municipality's track of a council decision: sent, on the agenda, decided
    (adopted, adopted with changes, declined) with its case number, paragraph and minutes.
    The audit entry names every field that changed."""
    if status not in Adoption.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses in the list.")})
    unknown = set(track) - set(TRACK_FIELDS)
    if unknown:
        raise ValueError(f"not a field of the track: {sorted(unknown)}")
    before = Adoption.objects.get(pk=adoption.pk)
    with transaction.atomic():
        moved = core_workflow.transition(adoption, status, actor=actor, changes=track)
        changed = {
            name: [_plain(getattr(before, name)), _plain(getattr(moved, name))]
            for name in TRACK_FIELDS
            if getattr(before, name) != getattr(moved, name)
        }
        if changed:
            audit_log(
                action="samverkan.adoption.track_changed", actor=actor, obj=moved, changes=changed
            )
        if moved.is_decided and before.status != moved.status:
            events.member_decided.send(sender=Adoption, adoption=moved)
    return moved


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


# A pending decision is reminded of this many days before the member's next board meeting.
ADOPTION_REMINDER_DAYS = 14


def adoption_reminders_send(
    *, today: date | None = None, base_url: str = ""
) -> list[AdoptionReminder]:
    """Remind each member's representative (its chief executive) of the council decisions
    still waiting for the member, before its next board meeting in the wheel: once per
    decision and board meeting. The mails go when the reminders are committed."""
    today = today or timezone.localdate()
    pending = (
        Adoption.objects.filter(
            status=Adoption.Status.PENDING,
            decision__concerns_municipalities=True,
            decision__meeting__date__lt=today,
        )
        .select_related("decision__meeting__body", "municipality")
        .order_by("municipality__name", "decision__meeting__date")
    )
    boards: dict[int, BoardMeeting | None] = {}
    sent: list[AdoptionReminder] = []
    for adoption in pending:
        if adoption.municipality_id not in boards:
            boards[adoption.municipality_id] = (
                BoardMeeting.objects.filter(
                    municipality_id=adoption.municipality_id, date__gte=today
                )
                .order_by("date")
                .first()
            )
        board = boards[adoption.municipality_id]
        if board is None or (board.date - today).days > ADOPTION_REMINDER_DAYS:
            continue
        for person in representatives(adoption.municipality):
            if AdoptionReminder.objects.filter(
                adoption=adoption, board_meeting=board, recipient=person.email
            ).exists():
                continue
            with translation.override("sv"):
                subject = _("Reminder: %(decision)s waits for %(municipality)s") % {
                    "decision": adoption.decision.title,
                    "municipality": adoption.municipality.name,
                }
                body = render_to_string(
                    "governance/email/adoption_reminder.txt",
                    {
                        "person": person,
                        "adoption": adoption,
                        "board": board,
                        "base_url": base_url.rstrip("/"),
                    },
                )
            with transaction.atomic():
                reminder = AdoptionReminder.objects.create(
                    adoption=adoption, board_meeting=board, recipient=person.email
                )
                recipient = person.email
                transaction.on_commit(
                    partial(send_mail, subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
                )
                sent.append(reminder)
    return sent


def representatives(municipality: Municipality) -> list[Person]:
    """Who speaks for a member in the cooperation: its chief executive(s) in the chief
    executives' group, with an e-mail address."""
    return list(
        Person.objects.filter(
            municipality=municipality,
            body_memberships__in=BodyMembership.objects.filter(
                current_q(), body__kind=Body.Kind.CHIEF_EXECUTIVES
            ),
        )
        .exclude(email="")
        .distinct()
        .order_by("last_name", "first_name")
    )


def plan_version_draft(*, year: int, actor: AnyUser) -> PlanVersion:
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


def group_form(
    *, name: str, kind: str, objectives: Iterable[Objective], field_of_work: str, actor: AnyUser
) -> Group:
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


def _passed(group: Group, name: str) -> Any:
    """A value the service passed along with the transition: core.workflow sets its `changes`
    on the document as attributes (`_on`, `_network_name`), which the model does not declare."""
    return getattr(group, name)


def _group_before(group: Group, transition: Transition, actor: AnyUser, comment: str) -> None:
    on: date = _passed(group, "_on")
    group.end_year = on.year
    if transition.action == "wind_down":
        group.wound_down_on, group.wound_down_reason = on, comment
        group.status = transition.target
        group.full_clean()
    else:
        network_name: str = _passed(group, "_network_name")
        network = Group(
            name=network_name,
            slug=_unique_slug(network_name),
            kind=Group.Kind.NETWORK,
            field_of_work=group.field_of_work,
            start_year=on.year,
        )
        network.full_clean()
        network.save()
        network.objectives.set(group.objectives.all())
        group.converted_into = network


def _group_after(group: Group, transition: Transition, actor: AnyUser, comment: str) -> None:
    """The group's memberships end with it; a network carries them over from `on`."""
    on: date = _passed(group, "_on")
    current = list(Membership.objects.filter(current_q(on), group=group))
    if transition.action == "convert":
        network = group.converted_into
        assert network is not None  # _group_before made it
        for membership in current:
            membership_create(
                group=network,
                person=membership.person,
                role=membership.role,
                start=on,
                actor=actor,
            )
        end = on - timedelta(days=1)
    else:
        end = on
    for membership in current:
        membership_end(membership=membership, end=end, actor=actor)


GROUPS = core_workflow.register(
    Workflow(
        name="group",
        model=Group,
        transitions=workflow.GROUP_TRANSITIONS,
        allowed=permissions.can_take_step,
        kind_of=workflow.group_kind,
        before=_group_before,
        after=_group_after,
        refused=lambda group, action: str(_GROUP_REFUSALS[action]),
        comment_field="reason",
        comment_required=gettext_lazy("Say why the group is wound down."),
    )
)

_GROUP_REFUSALS: "dict[str, StrPromise]" = {
    "wind_down": gettext_lazy("Only an active group can be wound down."),
    "convert": gettext_lazy("Only an active working group can become a network."),
}


def group_wind_down(*, group: Group, on: date, reason: str, actor: AnyUser) -> Group:
    """A group that fulfilled its task is wound down; its memberships end that day."""
    return core_workflow.transition(
        group, "wind_down", actor=actor, comment=reason, changes={"_on": on}
    )


def group_convert_to_network(*, group: Group, name: str, on: date, actor: AnyUser) -> Group:
    """Replace a working group by an informal network, carrying its members over."""
    group = core_workflow.transition(
        group, "convert", actor=actor, changes={"_on": on, "_network_name": name}
    )
    network = group.converted_into
    assert network is not None  # the transition made it
    return network
