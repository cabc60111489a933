"""What the public may see. The API, the CSV downloads and the search read only through here.

Public: the organisation and its people's names (never their phone numbers or e-mail
addresses), adopted versions of the strategic plan (not proposals), approved plan versions,
accepted annual reports, noted interim reports, the regional council's decisions with each
municipality's adoption, the priority areas and the indicators with their values. Never
public: drafts, plans or reports on their way or returned, the workflow's comments and
events, anchorings, assignments and matters under preparation.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from samverkan.followup.models import Indicator, Target, Value
from samverkan.governance.models import Adoption, Decision
from samverkan.organisation.models import Body, Group, Membership, Municipality, current_q
from samverkan.planning.models import (
    Activity,
    AnnualReport,
    Goal,
    InterimReport,
    InterimStatus,
    PlanningYear,
    PlanVersion,
    ReportActivity,
    ReportGoal,
    ReportPriority,
    ReportStatus,
    Status,
)
from samverkan.strategy.models import (
    Commitment,
    PlanObjective,
    PriorityArea,
    PriorityCommitment,
    SubObjective,
)
from samverkan.strategy.models import PlanVersion as StrategicPlanVersion

PLAN_PUBLIC = Status.APPROVED
REPORT_PUBLIC = ReportStatus.ACCEPTED
INTERIM_PUBLIC = InterimStatus.NOTED


def years_with_figures() -> QuerySet[PlanningYear]:
    """Planning years with an approved plan or an accepted report, newest first.

    A year that is only being planned would give a file with nothing but its header.
    """
    return (
        PlanningYear.objects.filter(
            Q(plans__versions__status=PLAN_PUBLIC) | Q(reports__status=REPORT_PUBLIC)
        )
        .distinct()
        .order_by("-year")
    )


def municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("code")


def groups() -> QuerySet[Group]:
    current = (
        Membership.objects.filter(current_q())
        .select_related("person__municipality")
        .order_by("role", "person__last_name", "person__first_name")
    )
    return (
        Group.objects.select_related("converted_into")
        .prefetch_related(
            "objectives", Prefetch("memberships", queryset=current, to_attr="current_members")
        )
        .order_by("slug")
    )


@dataclass(frozen=True)
class YearDocuments:
    year: int
    plan_url: str | None
    report_url: str | None


def field_of_work_in_plan(group: Group) -> tuple[str, int] | None:
    """What the group's latest approved plan says it works on, and the plan's year.

    The register often leaves a group's field of work blank while its plan describes it; a
    resident looking for who works on public transport should find it either way.
    """
    row = (
        PlanVersion.objects.filter(plan__group=group, status=PLAN_PUBLIC)
        .exclude(field_of_work="")
        .order_by("-plan__year__year", "-number")
        .values_list("field_of_work", "plan__year__year")
        .first()
    )
    return (row[0], row[1]) if row else None


def documents_of(group: Group) -> list[YearDocuments]:
    """The years in which the group has an approved plan or an accepted report, newest first.

    Two queries however many years; the group page links to them so that a reader who found
    a group also finds what it planned and reported.
    """
    plan_years = set(
        PlanVersion.objects.filter(plan__group=group, status=PLAN_PUBLIC).values_list(
            "plan__year__year", flat=True
        )
    )
    report_years = set(
        AnnualReport.objects.filter(group=group, status=REPORT_PUBLIC).values_list(
            "year__year", flat=True
        )
    )
    return [
        YearDocuments(
            year=year,
            plan_url=reverse("planning:plan", args=[year, group.slug])
            if year in plan_years
            else None,
            report_url=reverse("planning:report", args=[year, group.slug])
            if year in report_years
            else None,
        )
        for year in sorted(plan_years | report_years, reverse=True)
    ]


def interim_reports_of(group: Group) -> QuerySet[InterimReport]:
    """The group's interim reports the secretariat has noted, newest year first."""
    return (
        InterimReport.objects.filter(group=group, status=INTERIM_PUBLIC)
        .select_related("year", "round", "group")
        .order_by("-year__year", "round__due_month", "round__due_day")
    )


def strategic_plans() -> QuerySet[StrategicPlanVersion]:
    """Adopted versions only; a proposal is public once the council has decided it."""
    return (
        StrategicPlanVersion.objects.filter(decision_date__isnull=False)
        .select_related("decided_by")
        .prefetch_related(
            Prefetch(
                "objectives",
                queryset=PlanObjective.objects.select_related("objective").prefetch_related(
                    Prefetch("sub_objectives", queryset=SubObjective.objects.order_by("order"))
                ),
            )
        )
        .order_by("-year")
    )


def priority_commitments() -> QuerySet[PriorityCommitment]:
    return PriorityCommitment.objects.select_related("area", "commitment__theme").prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("code"))
    )


def priority_areas() -> QuerySet[PriorityArea]:
    return (
        PriorityArea.objects.select_related("decided_by")
        .prefetch_related(
            Prefetch("commitments", queryset=priority_commitments().order_by("order", "id"))
        )
        .order_by("order", "id")
    )


def commitments() -> QuerySet[Commitment]:
    return Commitment.objects.select_related("theme__framework").order_by("sort_key", "code")


def plans() -> QuerySet[PlanVersion]:
    """Approved plan versions with their content; revisions are later approved versions."""
    return (
        PlanVersion.objects.filter(status=PLAN_PUBLIC)
        .select_related("plan__group", "plan__year")
        .prefetch_related(
            "objectives",
            Prefetch("priority_commitments", queryset=priority_commitments()),
            Prefetch("goals", queryset=Goal.objects.select_related("indicator").order_by("order")),
            Prefetch("activities", queryset=Activity.objects.order_by("order", "when", "id")),
        )
        .order_by("-plan__year__year", "plan__group__slug", "-number")
    )


def reports() -> QuerySet[AnnualReport]:
    return (
        AnnualReport.objects.filter(status=REPORT_PUBLIC)
        .select_related("group", "year", "based_on")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("code")),
            Prefetch("goals", queryset=ReportGoal.objects.order_by("order", "id")),
            Prefetch("activities", queryset=ReportActivity.objects.order_by("order", "id")),
            Prefetch(
                "priorities",
                queryset=ReportPriority.objects.select_related(
                    "priority_commitment__area", "priority_commitment__commitment"
                ),
            ),
        )
        .order_by("-year__year", "group__slug")
    )


def decisions() -> QuerySet[Decision]:
    """The regional council's decisions, with where each municipality stands."""
    return (
        Decision.objects.filter(meeting__body__kind=Body.Kind.COUNCIL)
        .select_related("meeting", "plan_version")
        .prefetch_related(
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("municipality").order_by(
                    "municipality__code"
                ),
            )
        )
        .order_by("-meeting__date", "-id")
    )


@dataclass(frozen=True)
class MatrixRow:
    decision: Decision
    cells: list[Adoption | None]  # one per municipality of the matrix, in its order


@dataclass(frozen=True)
class AdoptionMatrix:
    municipalities: list[Municipality]
    rows: list[MatrixRow]


def adoption_matrix() -> AdoptionMatrix:
    """Every council decision that concerns the members × every member municipality: where
    each stands. In three queries. The track is public; it names no one."""
    members = list(Municipality.objects.filter(is_member=True).order_by("name"))
    rows = []
    for decision in decisions().filter(concerns_municipalities=True):
        by_municipality = {a.municipality_id: a for a in decision.adoptions.all()}
        rows.append(MatrixRow(decision, [by_municipality.get(m.pk) for m in members]))
    return AdoptionMatrix(members, rows)


def indicators() -> QuerySet[Indicator]:
    return Indicator.objects.prefetch_related(
        Prefetch("commitments", queryset=priority_commitments()),
        Prefetch("targets", queryset=Target.objects.select_related("municipality")),
    ).order_by("slug")


def values() -> QuerySet[Value]:
    return Value.objects.select_related("indicator").order_by(
        "indicator__slug", "area", "year", "gender"
    )


def values_for_commitment(qs: QuerySet[Value], code: str) -> QuerySet[Value]:
    return qs.filter(indicator__commitments__commitment__code=code).distinct()


def plan_search_q(text: str) -> Q:
    return (
        Q(purpose__upper__contains=text)
        | Q(field_of_work__upper__contains=text)
        | Q(goals__statement__upper__contains=text)
        | Q(activities__what__upper__contains=text)
    )
