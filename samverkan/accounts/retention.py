"""Personal data over time: accounts of people who left are closed, their contact details
erased later. Run daily from cron: `samverkan personal_data` (docs/roles.md)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max, Q

from samverkan.accounts.models import Invitation
from samverkan.core.audit import audit_log
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
    return outcome
