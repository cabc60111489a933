"""Which prioritised commitments the groups work on in a year, and from which municipalities.

Work on a commitment counts from approved plans (what was planned) and accepted reports
(what was done). Read in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass

from samverkan.organisation.models import Group, Membership, Municipality, current_q
from samverkan.planning.models import (
    PlanningYear,
    PlanVersion,
    ReportPriority,
    ReportStatus,
    Status,
)
from samverkan.strategy.models import PriorityCommitment


@dataclass
class GroupRow:
    group: Group
    cells: list[str]  # per commitment: "", "plan", "report" or "both"


@dataclass
class MunicipalityRow:
    priority: PriorityCommitment
    cells: list[tuple[bool, bool]]  # per municipality: (prioritised, its people work on it)
    worked_on: bool


@dataclass
class Coverage:
    commitments: list[PriorityCommitment]
    groups: list[GroupRow]
    municipalities: list[Municipality]
    by_municipality: list[MunicipalityRow]
    uncovered: list[PriorityCommitment]


def coverage(year: PlanningYear) -> Coverage:
    commitments = list(
        PriorityCommitment.objects.select_related("commitment", "area")
        .prefetch_related("municipalities")
        .order_by("area__order", "order")
    )
    planned: dict[int, set[int]] = defaultdict(set)  # group id -> priority commitment ids
    for group_id, pc_id in PlanVersion.objects.filter(
        plan__year=year, status=Status.APPROVED, priority_commitments__isnull=False
    ).values_list("plan__group_id", "priority_commitments"):
        planned[group_id].add(pc_id)
    reported: dict[int, set[int]] = defaultdict(set)
    for group_id, pc_id in ReportPriority.objects.filter(
        report__year=year, report__status=ReportStatus.ACCEPTED, touched=True
    ).values_list("report__group_id", "priority_commitment_id"):
        reported[group_id].add(pc_id)
    group_ids = planned.keys() | reported.keys()
    groups = Group.objects.filter(pk__in=group_ids).order_by("name")
    rows = []
    for group in groups:
        cells = []
        for pc in commitments:
            in_plan, in_report = pc.pk in planned[group.pk], pc.pk in reported[group.pk]
            cells.append(
                "both"
                if in_plan and in_report
                else "plan"
                if in_plan
                else "report"
                if in_report
                else ""
            )
        rows.append(GroupRow(group, cells))
    # Which municipalities have people in the groups that work on each commitment.
    towns_by_group: dict[int, set[int]] = defaultdict(set)
    for group_id, municipality_id in Membership.objects.filter(
        current_q(), group_id__in=group_ids
    ).values_list("group_id", "person__municipality_id"):
        towns_by_group[group_id].add(municipality_id)
    municipalities = list(Municipality.objects.members_in(year.year).order_by("name"))
    by_municipality, uncovered = [], []
    for pc in commitments:
        working = [g for g in group_ids if pc.pk in planned[g] or pc.pk in reported[g]]
        towns = set().union(*(towns_by_group[g] for g in working)) if working else set()
        chosen = {m.pk for m in pc.municipalities.all()}
        by_municipality.append(
            MunicipalityRow(
                pc, [(m.pk in chosen, m.pk in towns) for m in municipalities], bool(working)
            )
        )
        if not working:
            uncovered.append(pc)
    return Coverage(commitments, rows, municipalities, by_municipality, uncovered)
