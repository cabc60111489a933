"""Reads for the strategic plan and the priority areas."""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from samverkan.organisation.models import Municipality
from samverkan.strategy.models import (
    Framework,
    PlanObjective,
    PlanVersion,
    PriorityArea,
    PriorityCommitment,
    SubObjective,
    Theme,
)


def _with_content(qs: QuerySet[PlanVersion]) -> QuerySet[PlanVersion]:
    return qs.select_related("decided_by").prefetch_related(
        Prefetch(
            "objectives",
            queryset=PlanObjective.objects.select_related("objective").prefetch_related(
                Prefetch("sub_objectives", queryset=SubObjective.objects.order_by("order", "id"))
            ),
        )
    )


def plan_versions(*, include_proposals: bool = False) -> QuerySet[PlanVersion]:
    qs = PlanVersion.objects.select_related("decided_by").order_by("-year")
    return qs if include_proposals else qs.filter(decision_date__isnull=False)


def current_plan_version() -> PlanVersion | None:
    """The version in force today: the latest adopted one whose validity has begun."""
    return (
        _with_content(
            PlanVersion.objects.filter(
                decision_date__isnull=False, valid_from__lte=timezone.localdate()
            )
        )
        .order_by("-valid_from")
        .first()
    )


def plan_version(year: int, *, include_proposals: bool = False) -> PlanVersion:
    """One version; a proposal does not exist for whoever may not see proposals."""
    return _with_content(plan_versions(include_proposals=include_proposals)).get(year=year)


@dataclass
class Line:
    kind: str  # "same", "added", "removed"
    text: str


@dataclass
class ObjectiveDiff:
    number: int
    old_title: str | None
    new_title: str | None
    lines: list[Line] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old_title != self.new_title or any(line.kind != "same" for line in self.lines)


def version_diff(old: PlanVersion, new: PlanVersion) -> list[ObjectiveDiff]:
    """What changed between two versions, objective by objective, sub-objective by line."""
    old_by_number = {po.objective.number: po for po in old.objectives.all()}
    new_by_number = {po.objective.number: po for po in new.objectives.all()}
    result = []
    for number in sorted(old_by_number.keys() | new_by_number.keys()):
        a, b = old_by_number.get(number), new_by_number.get(number)
        a_lines = [s.text for s in a.sub_objectives.all()] if a else []
        b_lines = [s.text for s in b.sub_objectives.all()] if b else []
        diff = ObjectiveDiff(number, a.title if a else None, b.title if b else None)
        matcher = SequenceMatcher(a=a_lines, b=b_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                diff.lines += [Line("same", t) for t in a_lines[i1:i2]]
            else:
                diff.lines += [Line("removed", t) for t in a_lines[i1:i2]]
                diff.lines += [Line("added", t) for t in b_lines[j1:j2]]
        result.append(diff)
    return result


@dataclass
class MatrixRow:
    area: PriorityArea
    priority: PriorityCommitment
    prioritised_by: list[bool]


def priority_areas() -> QuerySet[PriorityArea]:
    return PriorityArea.objects.select_related("decided_by").prefetch_related(
        Prefetch(
            "commitments",
            queryset=PriorityCommitment.objects.select_related(
                "commitment__theme"
            ).prefetch_related("municipalities"),
        )
    )


def priority_matrix() -> tuple[list[Municipality], list[MatrixRow]]:
    """Prioritised commitments × member municipalities, in the order of the decision."""
    municipalities = list(Municipality.objects.filter(is_member=True).order_by("name"))
    rows = []
    for area in priority_areas():
        for priority in area.commitments.all():
            chosen = {m.pk for m in priority.municipalities.all()}
            rows.append(MatrixRow(area, priority, [m.pk in chosen for m in municipalities]))
    return municipalities, rows


def framework_detail(slug: str) -> Framework:
    return Framework.objects.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.prefetch_related("commitments"))
    ).get(slug=slug)
