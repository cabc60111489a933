"""Reads for interim follow-ups: the rounds, a group's interim reports, and the desk's lists."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from samverkan.organisation.models import Group
from samverkan.planning.models import (
    InterimActivity,
    InterimEvent,
    InterimReport,
    InterimRound,
    InterimStatus,
    PlanningYear,
)

# What the secretariat has not yet had: a report that is missing, a draft or returned.
NOT_IN = {InterimStatus.DRAFT, InterimStatus.RETURNED}


def rounds() -> list[InterimRound]:
    return list(InterimRound.objects.all())


def rounds_for(group: Group) -> list[InterimRound]:
    """The cooperation's rounds in which this group reports; none for most cooperations."""
    return [r for r in rounds() if r.applies_to(group)]


def interim_queryset() -> QuerySet[InterimReport]:
    return InterimReport.objects.select_related(
        "group", "year", "round", "based_on__plan__year", "based_on__plan__group", "updated_by"
    ).prefetch_related(
        Prefetch("activities", queryset=InterimActivity.objects.order_by("order", "id")),
        Prefetch("events", queryset=InterimEvent.objects.select_related("actor")),
    )


def interim_for(group_slug: str, year: int, round_id: int) -> InterimReport:
    """Raises InterimReport.DoesNotExist."""
    return interim_queryset().get(group__slug=group_slug, year__year=year, round_id=round_id)


def loaded_interim(report: InterimReport) -> InterimReport:
    return interim_queryset().get(pk=report.pk)


@dataclass
class RoundRow:
    """A round of one year for one group: its due date and the report, if started."""

    round: InterimRound
    year: PlanningYear
    report: InterimReport | None

    @property
    def due_on(self) -> date:
        return self.round.due_on(self.year.year)


def group_rounds(group: Group, years: list[PlanningYear]) -> list[RoundRow]:
    """Each applicable round of each given year with the group's report, newest year first."""
    applicable = rounds_for(group)
    if not applicable or not years:
        return []
    reports = {
        (r.year_id, r.round_id): r
        for r in InterimReport.objects.filter(group=group, year__in=years).select_related(
            "year", "round", "group"
        )
    }
    return [
        RoundRow(round=r, year=year, report=reports.get((year.pk, r.pk)))
        for year in sorted(years, key=lambda y: -y.year)
        for r in applicable
    ]


def to_note(year: PlanningYear) -> QuerySet[InterimReport]:
    """Submitted interim reports waiting for the secretariat."""
    return (
        InterimReport.objects.filter(year=year, status=InterimStatus.SUBMITTED)
        .select_related("group", "year", "round")
        .order_by("round__due_month", "round__due_day", "submitted_at")
    )


def of_closed_year(year: PlanningYear) -> QuerySet[InterimReport]:
    """A closed year's interim reports, for the desk to reopen one; none for an open year."""
    if not year.is_closed:
        return InterimReport.objects.none()
    return (
        InterimReport.objects.filter(year=year)
        .select_related("group", "year", "round")
        .order_by("round__due_month", "round__due_day", "group__name")
    )


@dataclass
class Overdue:
    group: Group
    round: InterimRound
    due_on: date
    report: InterimReport | None


def overdue(year: PlanningYear, *, today: date | None = None) -> list[Overdue]:
    """Groups that have not submitted a round whose day has passed. Three queries."""
    if year.is_closed:
        return []
    today = today or timezone.localdate()
    passed = [r for r in rounds() if r.due_on(year.year) < today]
    if not passed:
        return []
    reports = {
        (r.group_id, r.round_id): r
        for r in InterimReport.objects.filter(year=year, round__in=passed).select_related(
            "year", "round", "group"
        )
    }
    late = []
    for group in Group.objects.filter(status=Group.Status.ACTIVE).order_by("name"):
        for r in passed:
            if not r.applies_to(group):
                continue
            report = reports.get((group.pk, r.pk))
            if report is None or report.status in NOT_IN:
                late.append(Overdue(group, r, r.due_on(year.year), report))
    return late
