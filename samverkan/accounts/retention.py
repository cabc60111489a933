"""Personal data over time: accounts of people who left are closed, their contact details
erased later. Run daily from cron: `samverkan personal_data` (docs/roles.md)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max, Q, TextField
from django.db.models.functions import Cast

from samverkan.accounts.models import Invitation
from samverkan.core import cache
from samverkan.core.audit import audit_log
from samverkan.core.erasure import Contact, contact_details_erased, redact
from samverkan.core.models import AuditEntry
from samverkan.organisation.models import BodyMembership, Membership, Person


@dataclass
class Outcome:
    deactivated: list[Person] = field(default_factory=list)
    erased: list[Person] = field(default_factory=list)


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    # The same day of that month, or its last day if it is shorter (31 March -> 28 February).
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def left_since(today: date) -> dict[int, date]:
    """People who hold no membership today or later, with the day their last one ended."""
    ongoing = Q(end__isnull=True) | Q(end__gte=today)
    holding = set(Membership.objects.filter(ongoing).values_list("person_id", flat=True))
    holding |= set(BodyMembership.objects.filter(ongoing).values_list("person_id", flat=True))
    ended: dict[int, date] = {}
    for model in (Membership, BodyMembership):
        rows = model.objects.exclude(person_id__in=holding).values("person_id")
        for row in rows.annotate(last=Max("end")):
            if row["last"] is not None:
                previous = ended.get(row["person_id"])
                ended[row["person_id"]] = max(row["last"], previous or row["last"])
    return ended


def apply(
    *, today: date, deactivate_after_days: int, erase_after_months: int, dry_run: bool
) -> Outcome:
    """Deactivate the accounts of people gone `deactivate_after_days`; erase the contact
    details of people gone `erase_after_months` (names stay: they are in decisions and plans).
    Administrators' accounts are left alone: they hold no membership by design."""
    outcome = Outcome()
    ended = left_since(today)
    deactivate_before = today - timedelta(days=deactivate_after_days)
    erase_before = _months_before(today, erase_after_months)
    people = Person.objects.filter(pk__in=ended).select_related("user").order_by("pk")
    with transaction.atomic():
        for person in people:
            gone = ended[person.pk]
            user: User | None = person.user
            if (
                user is not None
                and user.is_active
                and not user.is_superuser
                and gone < deactivate_before
            ):
                outcome.deactivated.append(person)
                if not dry_run:
                    user.is_active = False
                    user.save(update_fields=["is_active"])
                    audit_log(
                        action="samverkan.account.deactivated",
                        actor=None,
                        obj=person,
                        changes={"left": gone.isoformat(), "username": user.username},
                    )
            if gone < erase_before and (person.email or person.phone):
                outcome.erased.append(person)
                if not dry_run:
                    _erase_copies(Contact(person.pk, person.email, person.phone))
                    # The account may hold an older address (its user name, or an e-mail
                    # changed since): the copies of that go too.
                    for old in _older_addresses(person, user):
                        _erase_copies(Contact(person.pk, old, ""))
                    person.email = person.phone = ""
                    person.save(update_fields=["email", "phone"])
                    # The invitations kept the address they were sent to.
                    Invitation.objects.filter(person=person).update(email="")
                    if user is not None and not user.is_superuser:
                        user.email = ""
                        user.username = f"borttagen-{person.pk}"
                        user.set_unusable_password()
                        user.is_active = False
                        user.save()
                    audit_log(
                        action="samverkan.person.contact_details_erased",
                        actor=None,
                        obj=person,
                        changes={"left": gone.isoformat()},
                    )
        if outcome.erased and not dry_run:
            # Cached public pages and documents made earlier may show the details.
            cache.bump()
    return outcome


def _older_addresses(person: Person, user: Any) -> set[str]:
    if user is None:
        return set()
    found = {a.strip().lower() for a in (user.email, user.username) if a and "@" in a}
    return found - {person.email.strip().lower()}


def _erase_copies(contact: Contact) -> None:
    """The person's phone and e-mail, wherever they were copied: the apps above keep their
    own copies and erase them on the signal (core/erasure.py); the audit log is here."""
    contact_details_erased.send(sender=Person, contact=contact)
    needles = [n for n in (contact.email, contact.phone) if n]
    if not needles:
        return
    # The log is append-only but for this: what it recorded of the details is redacted.
    text = Cast("changes", TextField())
    found = Q()
    for needle in needles:
        found |= Q(changes_text__icontains=needle) | Q(object_repr__icontains=needle)
        found |= Q(comment__icontains=needle)
    # Entries about the person and their invitations lose every address and number, also
    # ones the person had before (a changed address is no less theirs).
    own = Q(object_type="organisation.person", object_id=str(contact.person_id))
    invitations = Invitation.objects.filter(person_id=contact.person_id).values_list(
        "pk", flat=True
    )
    own |= Q(object_type="accounts.invitation", object_id__in=[str(pk) for pk in invitations])
    entries = AuditEntry.objects.annotate(changes_text=text).filter(found | own)
    for entry in entries.only("pk", "changes", "object_repr", "comment").iterator():
        changes = redact(entry.changes, contact)
        if isinstance(changes, dict) and _is_own(entry, contact.person_id, invitations):
            changes = {k: "" if k in ("email", "phone") else v for k, v in changes.items()}
        object_repr, comment = contact.scrub(entry.object_repr), contact.scrub(entry.comment)
        if (changes, object_repr, comment) != (entry.changes, entry.object_repr, entry.comment):
            AuditEntry.objects.filter(pk=entry.pk).update(
                changes=changes, object_repr=object_repr, comment=comment
            )


def _is_own(entry: AuditEntry, person_id: int, invitations: Any) -> bool:
    if entry.object_type == "organisation.person":
        return entry.object_id == str(person_id)
    return entry.object_type == "accounts.invitation" and entry.object_id in {
        str(pk) for pk in invitations
    }
