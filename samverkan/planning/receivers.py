"""What planning does when a person's contact details are erased (core/erasure.py): the
phone and e-mail frozen into plan versions and reports, and the address reminders went to,
go too. The names stay: a submitted or accepted document is a public record."""

from typing import Any

from samverkan.core.erasure import Contact, contact_details_erased, redact
from samverkan.planning.models import AnnualReport, PlanVersion, ReminderLog


def erase_contact_details(sender: Any, contact: Contact, **kwargs: Any) -> None:
    for model in (PlanVersion, AnnualReport):
        rows = model.objects.filter(frozen_members__isnull=False)
        for row in rows.only("pk", "frozen_contact", "frozen_members").iterator():
            contact_line = redact(row.frozen_contact, contact)
            members = redact(row.frozen_members, contact)
            if (contact_line, members) != (row.frozen_contact, row.frozen_members):
                # update(): erasing is not an edit, so the document's "changed" stays.
                model.objects.filter(pk=row.pk).update(
                    frozen_contact=contact_line, frozen_members=members
                )
    if contact.email:
        ReminderLog.objects.filter(recipient__iexact=contact.email).update(recipient="")


def connect() -> None:
    contact_details_erased.connect(erase_contact_details, dispatch_uid="planning.erase_contact")
