"""Writes to the organisation that enforce rules beyond a plain save."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import audit_log
from samverkan.core.types import AnyUser
from samverkan.organisation.models import Group, Membership, Person


def membership_create(
    *,
    group: Group,
    person: Person,
    role: str,
    start: date,
    end: date | None = None,
    actor: AnyUser = None,
) -> Membership:
    """Add a person to a group; at most one contact person at a time, members' towns only."""
    with transaction.atomic():
        # Lock the group so two secretaries cannot both add a contact person at once.
        Group.objects.select_for_update().get(pk=group.pk)
        membership = Membership(group=group, person=person, role=role, start=start, end=end)
        membership.full_clean()
        membership.save()
        audit_log(
            action="samverkan.membership.created",
            actor=actor,
            obj=membership,
            changes={"group": group.name, "person": str(person), "role": role},
        )
    return membership


def membership_end(*, membership: Membership, end: date, actor: AnyUser = None) -> Membership:
    """End a membership on `end`; the period must stay valid."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        membership.end = end
        membership.full_clean()
        membership.save(update_fields=["end"])
        audit_log(
            action="samverkan.membership.ended",
            actor=actor,
            obj=membership,
            changes={"end": end.isoformat()},
        )
    return membership


def contact_person_change(
    *, group: Group, person: Person, on: date, actor: AnyUser = None
) -> Membership:
    """Hand the contact person role to `person` from `on`; the previous one steps back to member.

    Both changes happen together so the group never has two contact persons or none.
    """
    with transaction.atomic():
        Group.objects.select_for_update().get(pk=group.pk)
        open_memberships = Membership.objects.filter(group=group, end__isnull=True)
        previous = open_memberships.filter(role=Membership.Role.CONTACT_PERSON).first()
        own = open_memberships.filter(person=person, role=Membership.Role.MEMBER).first()
        for membership in (previous, own):
            if membership is None:
                continue
            if membership.start >= on:
                raise ValidationError(
                    {
                        "start": _("The change must be dated after %(date)s.")
                        % {"date": membership.start.isoformat()}
                    }
                )
            membership.end = on - timedelta(days=1)
            membership.save(update_fields=["end"])
        if previous is not None and previous.person_id != person.pk:
            Membership.objects.create(
                group=group, person=previous.person, role=Membership.Role.MEMBER, start=on
            )
        return membership_create(
            group=group, person=person, role=Membership.Role.CONTACT_PERSON, start=on, actor=actor
        )
