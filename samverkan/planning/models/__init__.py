"""Plans and reports of the groups, one module per sub-domain."""

from samverkan.planning.models.plans import (
    EDITABLE,
    Activity,
    Anchoring,
    Goal,
    OperationalPlan,
    PlanEvent,
    PlanningYear,
    PlanVersion,
    Status,
)

__all__ = [
    "EDITABLE",
    "Activity",
    "Anchoring",
    "Goal",
    "OperationalPlan",
    "PlanEvent",
    "PlanningYear",
    "PlanVersion",
    "Status",
]
