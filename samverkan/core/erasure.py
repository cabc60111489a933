"""Erasing a person's contact details from the copies other apps keep of them.

accounts.retention erases a person's e-mail and phone from the register, but apps above it
copied them: the people frozen into a submitted plan or report, what the Word import read,
the address a reminder went to. accounts may not import those apps (the layers), so it
sends `contact_details_erased` and each app connects a receiver in its ready() that erases
its own copies, inside the same transaction. `redact` is the one rule they share.

Names stay: they are in decisions and accepted documents, which are public records.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal

# Sent with contact=Contact(...), before the register's own fields are emptied.
contact_details_erased = Signal()

ERASED = "[borttagen]"


@dataclass(frozen=True)
class Contact:
    """The details being erased, as the register held them."""

    person_id: int
    email: str
    phone: str

    @property
    def phone_digits(self) -> str:
        return re.sub(r"\D", "", self.phone)

    def is_email(self, value: Any) -> bool:
        return bool(self.email) and str(value or "").strip().lower() == self.email.lower()

    def is_phone(self, value: Any) -> bool:
        # Six digits at least: a short number would match other people's by chance.
        digits = self.phone_digits
        return len(digits) >= 6 and re.sub(r"\D", "", str(value or "")) == digits

    def _patterns(self) -> list[re.Pattern[str]]:
        found = []
        if self.email:
            found.append(re.compile(re.escape(self.email), re.IGNORECASE))
        if len(self.phone_digits) >= 6:
            # The number as written anywhere in a text, whatever its spaces and hyphens.
            found.append(re.compile(r"[\s-]?".join(re.escape(d) for d in self.phone_digits)))
        return found

    def scrub(self, text: str) -> str:
        for pattern in self._patterns():
            text = pattern.sub(ERASED, text)
        return text


def redact(data: Any, contact: Contact) -> Any:
    """`data` (JSON) without the contact's e-mail and phone: a person line that is theirs
    (by person_id, e-mail or phone) has both emptied; any text that contains either has it
    replaced by ERASED. Everything else is returned as it was."""
    if isinstance(data, dict):
        if {"email", "phone"} & data.keys() and (
            data.get("person_id") == contact.person_id
            or contact.is_email(data.get("email"))
            or contact.is_phone(data.get("phone"))
        ):
            data = {**data, **{k: "" for k in ("email", "phone") if k in data}}
        return {key: redact(value, contact) for key, value in data.items()}
    if isinstance(data, list):
        return [redact(item, contact) for item in data]
    if isinstance(data, str):
        return contact.scrub(data)
    return data
