"""Plans and reports of the groups, one module per sub-domain."""

from samverkan.planning.models.cycle import ReminderLog, Reopening
from samverkan.planning.models.interim import (
    INTERIM_EDITABLE,
    ActivityState,
    InterimActivity,
    InterimEvent,
    InterimReport,
    InterimRound,
    InterimStatus,
)
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
from samverkan.planning.models.reports import (
    REPORT_EDITABLE,
    ActivityResult,
    AnnualReport,
    Fulfilment,
    ReportActivity,
    ReportEvent,
    ReportGoal,
    ReportPriority,
    ReportStatus,
)
from samverkan.planning.models.wording import Document, TemplateWording

__all__ = [
    "EDITABLE",
    "INTERIM_EDITABLE",
    "REPORT_EDITABLE",
    "Activity",
    "ActivityResult",
    "ActivityState",
    "Anchoring",
    "AnnualReport",
    "Document",
    "Fulfilment",
    "Goal",
    "InterimActivity",
    "InterimEvent",
    "InterimReport",
    "InterimRound",
    "InterimStatus",
    "OperationalPlan",
    "PlanEvent",
    "PlanVersion",
    "PlanningYear",
    "ReminderLog",
    "Reopening",
    "ReportActivity",
    "ReportEvent",
    "ReportGoal",
    "ReportPriority",
    "ReportStatus",
    "Status",
    "TemplateWording",
]
