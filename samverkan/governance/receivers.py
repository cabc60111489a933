"""What governance does when a person's contact details are erased (core/erasure.py): the
address adoption reminders went to goes too."""

from typing import Any

from samverkan.core.erasure import Contact, contact_details_erased
from samverkan.governance.models import AdoptionReminder


def erase_contact_details(sender: Any, contact: Contact, **kwargs: Any) -> None:
    if contact.email:
        # Not empty: the address is part of "one reminder per board meeting and recipient",
        # and two erased people reminded of the same decision must not collide.
        AdoptionReminder.objects.filter(recipient__iexact=contact.email).update(
            recipient=f"borttagen-{contact.person_id}@borttagen.invalid"
        )


def connect() -> None:
    contact_details_erased.connect(erase_contact_details, dispatch_uid="governance.erase_contact")
