"""Who may see and do what. Every view and the admin ask this module, nothing else.

Roles are not stored on the account: they follow from what the person behind the account
currently is — a member or contact person of a group, a member of a body — so that ending
a membership ends the rights it gave, with nothing else to remember.
"""

from typing import Protocol

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from samverkan.core.types import AnyUser
from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Group,
    Membership,
    Person,
    current_q,
)


class Role(TextChoices):
    VISITOR = "visitor", _("Visitor")
    GROUP_MEMBER = "group_member", _("Group member")
    CONTACT_PERSON = "contact_person", _("Contact person")
    SECRETARIAT = "secretariat", _("Secretariat")
    CHIEF_EXECUTIVE = "chief_executive", _("Chief executive")
    COUNCIL_MEMBER = "council_member", _("Elected member")
    ADMINISTRATOR = "administrator", _("Administrator")


_BODY_ROLES: dict[str, Role] = {
    Body.Kind.SECRETARIAT: Role.SECRETARIAT,
    Body.Kind.CHIEF_EXECUTIVES: Role.CHIEF_EXECUTIVE,
    Body.Kind.COUNCIL: Role.COUNCIL_MEMBER,
}


# What the checks read of the documents they judge. The models live in the layers above
# (planning, governance), so they are described here by shape rather than imported.


class _Transition(Protocol):
    @property
    def role(self) -> str: ...


class _Plan(Protocol):
    @property
    def group(self) -> Group: ...
    @property
    def is_locked(self) -> bool: ...


class _PlanVersion(Protocol):
    @property
    def plan(self) -> _Plan: ...
    @property
    def is_approved(self) -> bool: ...
    @property
    def is_editable(self) -> bool: ...
    @property
    def is_anchoring(self) -> bool: ...


class _Report(Protocol):
    @property
    def group(self) -> Group: ...
    @property
    def is_accepted(self) -> bool: ...
    @property
    def is_editable(self) -> bool: ...
    @property
    def is_locked(self) -> bool: ...


class _InterimReport(Protocol):
    @property
    def group(self) -> Group: ...
    @property
    def is_noted(self) -> bool: ...
    @property
    def is_editable(self) -> bool: ...
    @property
    def is_locked(self) -> bool: ...


class _Adoption(Protocol):
    @property
    def municipality_id(self) -> int: ...


class _Assignment(Protocol):
    @property
    def group(self) -> Group | None: ...


def roles_of(user: AnyUser) -> frozenset[Role]:
    """The user's current roles, computed once per request and kept on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset({Role.VISITOR})
    cached: frozenset[Role] | None = getattr(user, "_samverkan_roles", None)
    if cached is not None:
        return cached
    roles: set[Role] = set()
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    person_id = Person.objects.filter(user=user).values_list("pk", flat=True).first()
    if person_id is not None:
        for role in Membership.objects.filter(current_q(), person_id=person_id).values_list(
            "role", flat=True
        ):
            roles.add(Role.GROUP_MEMBER)
            if role == Membership.Role.CONTACT_PERSON:
                roles.add(Role.CONTACT_PERSON)
        body_kinds = BodyMembership.objects.filter(current_q(), person_id=person_id).values_list(
            "body__kind", flat=True
        )
        roles.update(_BODY_ROLES[kind] for kind in body_kinds)
    if not roles:
        # Signed in but holding no office: treated as a visitor who may see contact details.
        roles.add(Role.VISITOR)
    result = frozenset(roles)
    user.__dict__["_samverkan_roles"] = result
    return result


def has_role(user: AnyUser, *wanted: str) -> bool:
    """`wanted` are Roles, or a transition's role: the same values as plain strings."""
    roles: frozenset[str] = roles_of(user)
    return bool(roles & set(wanted))


def can_see_contact_details(user: AnyUser) -> bool:
    """Phone numbers and e-mail addresses are personal data: signed-in users only."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_edit_organisation(user: AnyUser) -> bool:
    """The secretariat keeps the organisation up to date; administrators may too."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def can_see_plan_proposals(user: AnyUser) -> bool:
    """Undecided versions of the strategic plan are for those who prepare and decide them."""
    return has_role(
        user, Role.SECRETARIAT, Role.CHIEF_EXECUTIVE, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR
    )


def can_view_audit_log(user: AnyUser) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def can_manage_accounts(user: AnyUser) -> bool:
    """Accounts carry the power to sign in as someone: administrators only."""
    return has_role(user, Role.ADMINISTRATOR)


def can_invite_people(user: AnyUser) -> bool:
    """The secretariat brings people in: it adds and invites them, and unlocks locked accounts."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def must_use_second_factor(user: AnyUser) -> bool:
    """Those who can change the organisation and every plan's status sign in with two factors."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


# --- Groups and their plans ---------------------------------------------------------------


def _person_id(user: AnyUser) -> int | None:
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, "_samverkan_person_id"):
        user.__dict__["_samverkan_person_id"] = (
            Person.objects.filter(user=user).values_list("pk", flat=True).first()
        )
    person_id: int | None = user.__dict__["_samverkan_person_id"]
    return person_id


def _group_roles(user: AnyUser, group_id: int) -> set[str]:
    """The user's current roles in one group ("member", "contact_person"), cached per user."""
    person_id = _person_id(user)
    if person_id is None:
        return set()
    cache: dict[int, set[str]] = user.__dict__.setdefault("_samverkan_group_roles", {})
    if group_id not in cache:
        cache[group_id] = set(
            Membership.objects.filter(
                current_q(), person_id=person_id, group_id=group_id
            ).values_list("role", flat=True)
        )
    return cache[group_id]


def member_group_ids(user: AnyUser) -> set[int]:
    """Every group the user currently belongs to, in one query (for lists of groups)."""
    person_id = _person_id(user)
    if person_id is None:
        return set()
    return set(
        Membership.objects.filter(current_q(), person_id=person_id).values_list(
            "group_id", flat=True
        )
    )


def is_group_member(user: AnyUser, group: Group) -> bool:
    return bool(_group_roles(user, group.pk))


def is_contact_person(user: AnyUser, group: Group) -> bool:
    return Membership.Role.CONTACT_PERSON in _group_roles(user, group.pk)


def can_manage_cycle(user: AnyUser) -> bool:
    """The desk, reminders, closing and reopening: the secretariat's follow-up work."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def can_read_unapproved_plans(user: AnyUser) -> bool:
    """Drafts and plans under way: the secretariat follows them, the bodies above read them."""
    return has_role(
        user, Role.SECRETARIAT, Role.CHIEF_EXECUTIVE, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR
    )


def can_view_plan_version(user: AnyUser, version: _PlanVersion) -> bool:
    if version.is_approved:
        return True
    return can_read_unapproved_plans(user) or is_group_member(user, version.plan.group)


def can_edit_plan_version(user: AnyUser, version: _PlanVersion) -> bool:
    """Only the group's own members write its plan, and only while it is a draft."""
    return (
        version.is_editable
        and is_group_member(user, version.plan.group)
        and not version.plan.is_locked
    )


def can_create_plan(user: AnyUser, group: Group) -> bool:
    return is_group_member(user, group)


def can_take_transition(user: AnyUser, version: _PlanVersion, transition: _Transition) -> bool:
    if version.plan.is_locked:
        return False
    group = version.plan.group
    if transition.role == Role.CONTACT_PERSON:
        return is_contact_person(user, group)
    return has_role(user, transition.role)


def can_anchor(user: AnyUser, version: _PlanVersion) -> bool:
    return (
        version.is_anchoring
        and is_group_member(user, version.plan.group)
        and not version.plan.is_locked
    )


def can_propose_revision(user: AnyUser, plan: _Plan) -> bool:
    return is_group_member(user, plan.group) and not plan.is_locked


def can_update_activity_status(user: AnyUser, plan: _Plan) -> bool:
    """Keeping the activity plan's status up during the year is the group's own follow-up."""
    return is_group_member(user, plan.group) and not plan.is_locked


def can_manage_planning_years(user: AnyUser) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def can_import_word(user: AnyUser) -> bool:
    """Bringing old Word plans and reports in as approved history is the secretariat's task."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


# --- Annual reports -----------------------------------------------------------------------


def can_view_report(user: AnyUser, report: _Report) -> bool:
    """Accepted reports are public; others are for the group and those who follow it."""
    if report.is_accepted:
        return True
    return can_read_unapproved_plans(user) or is_group_member(user, report.group)


def can_edit_report(user: AnyUser, report: _Report) -> bool:
    return report.is_editable and is_group_member(user, report.group) and not report.is_locked


def can_create_report(user: AnyUser, group: Group) -> bool:
    return is_group_member(user, group)


def can_take_report_transition(user: AnyUser, report: _Report, transition: _Transition) -> bool:
    if report.is_locked:
        return False
    if transition.role == Role.CONTACT_PERSON:
        return is_contact_person(user, report.group)
    return has_role(user, transition.role)


# --- Interim follow-ups --------------------------------------------------------------------


def can_view_interim_report(user: AnyUser, report: _InterimReport) -> bool:
    """Noted interim reports are public; others are for the group and those who follow it."""
    if report.is_noted:
        return True
    return can_read_unapproved_plans(user) or is_group_member(user, report.group)


def can_edit_interim_report(user: AnyUser, report: _InterimReport) -> bool:
    """The group's own members write it, while it is a draft or returned."""
    return report.is_editable and is_group_member(user, report.group) and not report.is_locked


def can_create_interim_report(user: AnyUser, group: Group) -> bool:
    return is_group_member(user, group)


def can_take_interim_transition(
    user: AnyUser, report: _InterimReport, transition: _Transition
) -> bool:
    """The contact person submits; the secretariat notes or returns."""
    if report.is_locked:
        return False
    if transition.role == Role.CONTACT_PERSON:
        return is_contact_person(user, report.group)
    return has_role(user, transition.role)


def can_read_compilations(user: AnyUser) -> bool:
    """The compilations go to the chief executives and the council; the secretariat makes them."""
    return has_role(
        user, Role.SECRETARIAT, Role.CHIEF_EXECUTIVE, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR
    )


def can_read_generated_document(user: AnyUser, kind: str) -> bool:
    """A document made in the background is read by whoever may ask for it: compilations by
    their readers, the council's follow-up by everyone (it is public, as the indicators are)."""
    if kind == "compilation":
        return can_read_compilations(user)
    return kind == "followup"


# --- Assignments, matters and decisions -------------------------------------------------


def can_give_assignments(user: AnyUser) -> bool:
    """Assignments come from the chief executives' group."""
    return has_role(user, Role.CHIEF_EXECUTIVE, Role.ADMINISTRATOR)


def can_report_on_assignment(user: AnyUser, assignment: _Assignment) -> bool:
    if has_role(user, Role.SECRETARIAT, Role.CHIEF_EXECUTIVE, Role.ADMINISTRATOR):
        return True
    group = assignment.group
    return group is not None and is_group_member(user, group)


def can_raise_matter(user: AnyUser, group: Group) -> bool:
    return is_group_member(user, group)


def can_forward_matters(user: AnyUser) -> bool:
    """Matters go to the chief executives through the head of secretariat."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def can_decide_matters(user: AnyUser) -> bool:
    return has_role(user, Role.CHIEF_EXECUTIVE, Role.ADMINISTRATOR)


def can_record_decisions(user: AnyUser) -> bool:
    """The secretariat keeps the council's minutes and the municipalities' adoptions."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def represented_municipality_id(user: AnyUser) -> int | None:
    """The member municipality the user represents in the cooperation: a chief executive
    (of the chief executives' group) speaks for their own municipality."""
    if not has_role(user, Role.CHIEF_EXECUTIVE):
        return None
    person_id = _person_id(user)
    if person_id is None:
        return None
    municipality_id: int | None = (
        Person.objects.filter(pk=person_id, municipality__is_member=True)
        .values_list("municipality_id", flat=True)
        .first()
    )
    return municipality_id


def can_record_adoption(user: AnyUser, adoption: _Adoption) -> bool:
    """A municipality's adoption of a council decision is recorded by its representative
    (its chief executive) or by the secretariat."""
    if has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR):
        return True
    municipality_id = represented_municipality_id(user)
    return municipality_id is not None and municipality_id == adoption.municipality_id


def can_take_step(user: AnyUser, document: object, transition: _Transition) -> bool:
    """A row of a governance table (matters, adoptions, groups' lifecycle) is taken by the
    role it names, or by an administrator."""
    return has_role(user, transition.role, Role.ADMINISTRATOR)


def can_change_groups(user: AnyUser) -> bool:
    """Forming, winding down and converting groups is the head of secretariat's task."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def can_manage_indicators(user: AnyUser) -> bool:
    """Indicators, targets, syncs and imports are the secretariat's; everyone reads them."""
    return has_role(user, Role.SECRETARIAT, Role.ADMINISTRATOR)


def can_set_up_cooperation(user: AnyUser) -> bool:
    """Setting up or re-declaring the whole cooperation from a file: administrators only."""
    return has_role(user, Role.ADMINISTRATOR)
