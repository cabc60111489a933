"""The plan workflow as an explicit table: which action moves which status where, for whom.

Version 1 of a plan is anchored by the members, submitted by the contact person and
approved or returned by the chief executives. A revision (version 2 and later) goes from
the contact person through the secretariat to the chief executives.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from samverkan.accounts.permissions import Role
from samverkan.planning.models import Status

FIRST, REVISION = "first", "revision"


@dataclass(frozen=True)
class Transition:
    action: str
    label: object
    sources: frozenset[str]
    target: str
    role: Role
    applies_to: frozenset[str]
    needs_comment: bool = False


TRANSITIONS = [
    Transition(
        "start_anchoring",
        _("Send for anchoring"),
        frozenset({Status.DRAFT, Status.RETURNED}),
        Status.ANCHORING,
        Role.CONTACT_PERSON,
        frozenset({FIRST}),
    ),
    Transition(
        "reopen",
        _("Reopen for editing"),
        frozenset({Status.ANCHORING}),
        Status.DRAFT,
        Role.CONTACT_PERSON,
        frozenset({FIRST}),
    ),
    Transition(
        "submit",
        _("Submit to the secretariat"),
        frozenset({Status.ANCHORING}),
        Status.SUBMITTED,
        Role.CONTACT_PERSON,
        frozenset({FIRST}),
    ),
    Transition(
        "submit",
        _("Submit the revision to the secretariat"),
        frozenset({Status.DRAFT, Status.RETURNED}),
        Status.SUBMITTED,
        Role.CONTACT_PERSON,
        frozenset({REVISION}),
    ),
    Transition(
        "forward",
        _("Forward to the chief executives"),
        frozenset({Status.SUBMITTED}),
        Status.FORWARDED,
        Role.SECRETARIAT,
        frozenset({REVISION}),
    ),
    Transition(
        "approve",
        _("Approve"),
        frozenset({Status.SUBMITTED}),
        Status.APPROVED,
        Role.CHIEF_EXECUTIVE,
        frozenset({FIRST}),
    ),
    Transition(
        "approve",
        _("Approve the revision"),
        frozenset({Status.FORWARDED}),
        Status.APPROVED,
        Role.CHIEF_EXECUTIVE,
        frozenset({REVISION}),
    ),
    Transition(
        "return",
        _("Return with a comment"),
        frozenset({Status.SUBMITTED}),
        Status.RETURNED,
        Role.CHIEF_EXECUTIVE,
        frozenset({FIRST}),
        needs_comment=True,
    ),
    Transition(
        "return",
        _("Return with a comment"),
        frozenset({Status.SUBMITTED}),
        Status.RETURNED,
        Role.SECRETARIAT,
        frozenset({REVISION}),
        needs_comment=True,
    ),
    Transition(
        "return",
        _("Return with a comment"),
        frozenset({Status.FORWARDED}),
        Status.RETURNED,
        Role.CHIEF_EXECUTIVE,
        frozenset({REVISION}),
        needs_comment=True,
    ),
]


def kind_of(version) -> str:
    return REVISION if version.is_revision else FIRST


def find(action: str, version) -> Transition | None:
    """The transition `action` would take from the version's present status, if any."""
    kind = kind_of(version)
    for transition in TRANSITIONS:
        if (
            transition.action == action
            and version.status in transition.sources
            and kind in transition.applies_to
        ):
            return transition
    return None


def available(version) -> list[Transition]:
    kind = kind_of(version)
    return [t for t in TRANSITIONS if version.status in t.sources and kind in t.applies_to]


# --- Annual reports: the contact person submits, the secretariat accepts or returns. ---------

REPORT_TRANSITIONS = [
    Transition(
        "submit",
        _("Submit to the secretariat"),
        frozenset({"draft", "returned"}),
        "submitted",
        Role.CONTACT_PERSON,
        frozenset({"full", "light"}),
    ),
    Transition(
        "accept",
        _("Accept the report"),
        frozenset({"submitted"}),
        "accepted",
        Role.SECRETARIAT,
        frozenset({"full", "light"}),
    ),
    Transition(
        "return",
        _("Return with a comment"),
        frozenset({"submitted"}),
        "returned",
        Role.SECRETARIAT,
        frozenset({"full", "light"}),
        needs_comment=True,
    ),
]


def find_report(action: str, report) -> Transition | None:
    for transition in REPORT_TRANSITIONS:
        if (
            transition.action == action
            and report.status in transition.sources
            and report.kind in transition.applies_to
        ):
            return transition
    return None


def available_report(report) -> list[Transition]:
    return [
        t for t in REPORT_TRANSITIONS if report.status in t.sources and report.kind in t.applies_to
    ]
