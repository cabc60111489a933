"""The tables of plans and annual reports: which action moves which status where, for whom,
and whether it needs a comment. The one place that says so; the engine is core.workflow,
and what else happens on each transition is in services/plans.py and services/reports.py.

Version 1 of a plan is anchored by the members, submitted by the contact person and
approved or returned by the chief executives. A revision (version 2 and later) goes from
the contact person through the secretariat to the chief executives.
"""

from django.utils.translation import gettext_lazy as _

from samverkan.accounts.permissions import Role
from samverkan.core.workflow import Transition
from samverkan.planning.models import InterimStatus, ReportStatus, Status

FIRST, REVISION = "first", "revision"

TRANSITIONS = [
    Transition(
        "start_anchoring",
        _("Send for anchoring"),
        frozenset({Status.DRAFT, Status.RETURNED}),
        Status.ANCHORING,
        Role.CONTACT_PERSON,
        applies_to=frozenset({FIRST}),
    ),
    Transition(
        "reopen",
        _("Reopen for editing"),
        frozenset({Status.ANCHORING}),
        Status.DRAFT,
        Role.CONTACT_PERSON,
        applies_to=frozenset({FIRST}),
    ),
    Transition(
        "submit",
        _("Submit to the secretariat"),
        frozenset({Status.ANCHORING}),
        Status.SUBMITTED,
        Role.CONTACT_PERSON,
        applies_to=frozenset({FIRST}),
    ),
    Transition(
        "submit",
        _("Submit the revision to the secretariat"),
        frozenset({Status.DRAFT, Status.RETURNED}),
        Status.SUBMITTED,
        Role.CONTACT_PERSON,
        applies_to=frozenset({REVISION}),
    ),
    Transition(
        "forward",
        _("Forward for approval"),
        frozenset({Status.SUBMITTED}),
        Status.FORWARDED,
        Role.SECRETARIAT,
        applies_to=frozenset({REVISION}),
        takes_comment=True,
    ),
    Transition(
        "approve",
        _("Approve"),
        frozenset({Status.SUBMITTED}),
        Status.APPROVED,
        Role.CHIEF_EXECUTIVE,
        applies_to=frozenset({FIRST}),
        takes_comment=True,
    ),
    Transition(
        "approve",
        _("Approve the revision"),
        frozenset({Status.FORWARDED}),
        Status.APPROVED,
        Role.CHIEF_EXECUTIVE,
        applies_to=frozenset({REVISION}),
        takes_comment=True,
    ),
    Transition(
        "return",
        _("Return with a comment"),
        frozenset({Status.SUBMITTED}),
        Status.RETURNED,
        Role.CHIEF_EXECUTIVE,
        applies_to=frozenset({FIRST}),
        needs_comment=True,
    ),
    Transition(
        "return",
        _("Return with a comment"),
        frozenset({Status.SUBMITTED}),
        Status.RETURNED,
        Role.SECRETARIAT,
        applies_to=frozenset({REVISION}),
        needs_comment=True,
    ),
    Transition(
        "return",
        _("Return with a comment"),
        frozenset({Status.FORWARDED}),
        Status.RETURNED,
        Role.CHIEF_EXECUTIVE,
        applies_to=frozenset({REVISION}),
        needs_comment=True,
    ),
]


def kind_of(version) -> str:
    return REVISION if version.is_revision else FIRST


# --- Annual reports: the contact person submits, the secretariat accepts or returns. ---------

REPORT_TRANSITIONS = [
    Transition(
        "submit",
        _("Submit to the secretariat"),
        frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED}),
        ReportStatus.SUBMITTED,
        Role.CONTACT_PERSON,
    ),
    Transition(
        "accept",
        _("Accept the report"),
        frozenset({ReportStatus.SUBMITTED}),
        ReportStatus.ACCEPTED,
        Role.SECRETARIAT,
        takes_comment=True,
    ),
    Transition(
        "return",
        _("Return with a comment"),
        frozenset({ReportStatus.SUBMITTED}),
        ReportStatus.RETURNED,
        Role.SECRETARIAT,
        needs_comment=True,
    ),
]


# --- Interim follow-ups: the contact person submits, the secretariat notes or returns. ------

INTERIM_TRANSITIONS = [
    Transition(
        "submit",
        _("Submit to the secretariat"),
        frozenset({InterimStatus.DRAFT, InterimStatus.RETURNED}),
        InterimStatus.SUBMITTED,
        Role.CONTACT_PERSON,
    ),
    Transition(
        "note",
        _("Note the interim report"),
        frozenset({InterimStatus.SUBMITTED}),
        InterimStatus.NOTED,
        Role.SECRETARIAT,
        takes_comment=True,
    ),
    Transition(
        "return",
        _("Return with a comment"),
        frozenset({InterimStatus.SUBMITTED}),
        InterimStatus.RETURNED,
        Role.SECRETARIAT,
        needs_comment=True,
    ),
]
