"""The tables of matters, assignments, municipalities' adoptions and groups' lifecycles: which
action moves which status where, for whom. The engine is core.workflow; what else happens
on each transition is in services.py.
"""

from django.utils.translation import gettext_lazy as _

from samverkan.accounts.permissions import Role
from samverkan.core.workflow import row
from samverkan.governance.models import Adoption, Assignment, Matter
from samverkan.organisation.models import Group

# A matter goes to the chief executives through the head of secretariat.
MATTER_TRANSITIONS = [
    row(
        "forward",
        _("Forward for decision"),
        {Matter.Status.RAISED},
        Matter.Status.FORWARDED,
        Role.SECRETARIAT,
    ),
    row(
        "decide",
        _("Record the decision"),
        {Matter.Status.FORWARDED},
        Matter.Status.DECIDED,
        Role.CHIEF_EXECUTIVE,
    ),
]

# Whoever reports on an assignment (its group, the secretariat, the chief executives) keeps
# its status up to date, in any direction: a cancelled assignment may be taken up again.
# The status may also stay as it is while the outcome is written.
_EVERY_ASSIGNMENT_STATUS = set(Assignment.Status.values)
ASSIGNMENT_TRANSITIONS = [
    row(status, label, _EVERY_ASSIGNMENT_STATUS, status, Role.GROUP_MEMBER)
    for status, label in Assignment.Status.choices
]

# Each municipality's own decision is recorded by its representative or the secretariat
# (governance.services decides who, through permissions.can_record_adoption), and may be
# corrected; the track (sent, on the agenda) is kept up in any status.
_EVERY_ADOPTION_STATUS = set(Adoption.Status.values)
ADOPTION_TRANSITIONS = [
    row(status, label, _EVERY_ADOPTION_STATUS, status, Role.SECRETARIAT)
    for status, label in Adoption.Status.choices
]

# An active group is wound down, or (a working group) converted into a network; neither
# comes back: a new group is formed instead.
GROUP_TRANSITIONS = [
    row(
        "wind_down",
        _("Wind down"),
        {Group.Status.ACTIVE},
        Group.Status.WOUND_DOWN,
        Role.SECRETARIAT,
        needs_comment=True,
    ),
    row(
        "convert",
        _("Convert into a network"),
        {Group.Status.ACTIVE},
        Group.Status.CONVERTED,
        Role.SECRETARIAT,
        applies_to={Group.Kind.WORKING_GROUP},
    ),
]


def group_kind(group: Group) -> str:
    return group.kind
