"""What the Word import does when a person's contact details are erased (core/erasure.py):
what it read from the files (people with their phone and e-mail) loses them too."""

from typing import Any

from samverkan.core.erasure import Contact, contact_details_erased, redact
from samverkan.wordimport.models import ImportedDocument


def erase_contact_details(sender: Any, contact: Contact, **kwargs: Any) -> None:
    rows = ImportedDocument.objects.filter(parsed__isnull=False).only("pk", "parsed", "message")
    for row in rows.iterator():
        parsed, message = redact(row.parsed, contact), contact.scrub(row.message)
        if (parsed, message) != (row.parsed, row.message):
            ImportedDocument.objects.filter(pk=row.pk).update(parsed=parsed, message=message)


def connect() -> None:
    contact_details_erased.connect(erase_contact_details, dispatch_uid="wordimport.erase_contact")
