"""Reads for plans, with their joins applied."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict, cast

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts import permissions
from samverkan.core.types import AnyUser
from samverkan.organisation.models import Group, Membership, current_q
from samverkan.planning.models import (
    INTERIM_EDITABLE,
    REPORT_EDITABLE,
    Activity,
    Anchoring,
    AnnualReport,
    Goal,
    InterimReport,
    InterimRound,
    OperationalPlan,
    PlanEvent,
    PlanningYear,
    PlanVersion,
    ReportActivity,
    ReportEvent,
    ReportGoal,
    ReportPriority,
    ReportStatus,
    Status,
)
from samverkan.strategy.models import PriorityCommitment

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _TopGoals(TypedDict):
    top_goals: list[Goal]


class _TopReportGoals(TypedDict):
    top_goals: list[ReportGoal]


# A version or report as the querysets below load it: `top_goals` (Prefetch to_attr) is set.
# (django_stubs_ext is a type checker's package, hence the quotes.)
LoadedVersion: TypeAlias = "WithAnnotations[PlanVersion, _TopGoals]"
LoadedReport: TypeAlias = "WithAnnotations[AnnualReport, _TopReportGoals]"


def planning_years() -> QuerySet[PlanningYear]:
    return PlanningYear.objects.order_by("-year")


def version_queryset() -> QuerySet[LoadedVersion]:
    return PlanVersion.objects.select_related(
        "plan__group", "plan__year", "updated_by"
    ).prefetch_related(
        "objectives",
        Prefetch(
            "priority_commitments",
            queryset=_priority_commitments(),
        ),
        Prefetch(
            "goals",
            queryset=Goal.objects.filter(parent__isnull=True).prefetch_related(
                Prefetch("sub_goals", queryset=Goal.objects.order_by("order", "id"))
            ),
            to_attr="top_goals",
        ),
        Prefetch(
            "activities",
            queryset=Activity.objects.select_related("responsible__municipality").prefetch_related(
                "goals"
            ),
        ),
        Prefetch("anchorings", queryset=Anchoring.objects.select_related("person")),
        Prefetch("events", queryset=PlanEvent.objects.select_related("actor")),
    )


def _priority_commitments() -> QuerySet[PriorityCommitment]:
    return PriorityCommitment.objects.select_related("area", "commitment")


def plan_for(group_slug: str, year: int) -> OperationalPlan:
    return OperationalPlan.objects.select_related("group", "year").get(
        group__slug=group_slug, year__year=year
    )


def versions_of(plan: OperationalPlan) -> list[PlanVersion]:
    return list(plan.versions.order_by("number"))


def current_approved(plan: OperationalPlan) -> PlanVersion | None:
    return plan.versions.filter(status=Status.APPROVED).order_by("-number").first()


def latest(plan: OperationalPlan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def version_detail(plan: OperationalPlan, number: int) -> LoadedVersion:
    return version_queryset().get(plan=plan, number=number)


def loaded_version(version: PlanVersion) -> LoadedVersion:
    """The version with its goals, activities and people prefetched; as given if it already
    is, so a page that loaded it once does not load it again for each check."""
    if hasattr(version, "top_goals"):
        return cast(LoadedVersion, version)
    return version_detail(version.plan, version.number)


def current_members(group: Group) -> list[Membership]:
    return list(
        Membership.objects.filter(current_q(), group=group)
        .select_related("person__municipality")
        .order_by("role", "person__last_name", "person__first_name")
    )


@dataclass
class PersonLine:
    name: str
    municipality: str
    title: str
    phone: str
    email: str
    person_id: int | None = None


def person_line(membership: Membership) -> PersonLine:
    p = membership.person
    return PersonLine(str(p), p.municipality.name, p.title, p.phone, p.email, p.pk)


def snapshot(
    members: list[Membership],
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The contact person and members as they stand, for freezing into a submitted plan."""
    contact = next((m for m in members if m.role == Membership.Role.CONTACT_PERSON), None)
    lines = [person_line(m).__dict__ for m in members]
    return (person_line(contact).__dict__ if contact else None), lines


def people_of(version: PlanVersion) -> tuple[PersonLine | None, list[PersonLine]]:
    """Frozen people for a submitted version, the group's current ones for a draft."""
    if version.frozen_members is not None:
        contact = PersonLine(**version.frozen_contact) if version.frozen_contact else None
        return contact, [PersonLine(**line) for line in version.frozen_members]
    current, lines = snapshot(current_members(version.plan.group))
    return (PersonLine(**current) if current else None), [PersonLine(**line) for line in lines]


@dataclass
class AnchoringState:
    confirmed: list[tuple[PersonLine, Anchoring]] = field(default_factory=list)
    waiting: list[PersonLine] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.confirmed) and not self.waiting


def anchoring_state(version: PlanVersion) -> AnchoringState:
    _contact, members = people_of(version)
    done = {a.person_id: a for a in version.anchorings.all()}
    state = AnchoringState()
    for line in members:
        if line.person_id in done:
            state.confirmed.append((line, done[line.person_id]))
        else:
            state.waiting.append(line)
    return state


@dataclass
class OverviewRow:
    group: Group
    plan: OperationalPlan | None
    status: str | None
    number: int | None
    report: AnnualReport | None = None


def year_overview(year: PlanningYear, *, include_unapproved: bool) -> list[OverviewRow]:
    """Every active group and its plan's present state for the year, in three queries."""
    groups = Group.objects.filter(status=Group.Status.ACTIVE).order_by("kind", "name")
    versions = (
        PlanVersion.objects.filter(plan__year=year)
        .select_related("plan")
        .order_by("plan_id", "number")
    )
    latest_by_plan: dict[int, PlanVersion] = {}
    approved_by_plan: dict[int, PlanVersion] = {}
    for version in versions:
        latest_by_plan[version.plan.group_id] = version
        if version.status == Status.APPROVED:
            approved_by_plan[version.plan.group_id] = version
    rows = []
    for group in groups:
        shown = (
            latest_by_plan.get(group.pk) if include_unapproved else approved_by_plan.get(group.pk)
        )
        rows.append(
            OverviewRow(
                group=group,
                plan=shown.plan if shown else None,
                status=shown.status if shown else None,
                number=shown.number if shown else None,
            )
        )
    return rows


# --- Annual reports -----------------------------------------------------------------------


def report_queryset() -> QuerySet[LoadedReport]:
    return AnnualReport.objects.select_related(
        "group", "year", "based_on", "updated_by"
    ).prefetch_related(
        "municipalities",
        Prefetch(
            "goals",
            queryset=ReportGoal.objects.filter(parent__isnull=True).prefetch_related(
                Prefetch("sub_goals", queryset=ReportGoal.objects.order_by("order", "id"))
            ),
            to_attr="top_goals",
        ),
        Prefetch("activities", queryset=ReportActivity.objects.order_by("order", "id")),
        Prefetch(
            "priorities",
            queryset=ReportPriority.objects.select_related(
                "priority_commitment__area", "priority_commitment__commitment"
            ),
        ),
        Prefetch("events", queryset=ReportEvent.objects.select_related("actor")),
    )


def report_for(group_slug: str, year: int) -> LoadedReport:
    return report_queryset().get(group__slug=group_slug, year__year=year)


def loaded_report(report: AnnualReport) -> LoadedReport:
    """The report with its rows prefetched; as given if it already is."""
    if hasattr(report, "top_goals"):
        return cast(LoadedReport, report)
    return report_for(report.group.slug, report.year.year)


def report_people(report: AnnualReport) -> tuple[PersonLine | None, list[PersonLine]]:
    """Frozen at submission; until then the group's current contact person and members."""
    if report.frozen_members is not None:
        contact = PersonLine(**report.frozen_contact) if report.frozen_contact else None
        return contact, [PersonLine(**line) for line in report.frozen_members]
    current, lines = snapshot(current_members(report.group))
    return (PersonLine(**current) if current else None), [PersonLine(**line) for line in lines]


def revision_log(plan: OperationalPlan) -> list[PlanVersion]:
    """The approved revisions of a plan, in order: the source of "revisions during the year"."""
    return list(plan.versions.filter(status=Status.APPROVED, number__gt=1).order_by("number"))


def report_overview(year: PlanningYear, *, include_unaccepted: bool) -> dict[int, AnnualReport]:
    """Each group's report for the year, keyed by group id, in one query."""

    reports = AnnualReport.objects.filter(year=year)
    if not include_unaccepted:
        reports = reports.filter(status=ReportStatus.ACCEPTED)
    return {report.group_id: report for report in reports}


@dataclass
class Todo:
    text: str
    url: str


def _interim_todos(group_ids: set[int], years: list[PlanningYear]) -> list[Todo]:
    """The interim reports of the user's groups still to write: started and not yet
    submitted, or not started in a round due this year or earlier. None without rounds."""
    rounds = list(InterimRound.objects.all())
    if not rounds:
        return []
    this_year = timezone.localdate().year
    reports = {
        (r.group_id, r.year_id, r.round_id): r
        for r in InterimReport.objects.filter(
            group_id__in=group_ids, year__in=years
        ).select_related("group", "year", "round")
    }
    todos = []
    for group in Group.objects.filter(pk__in=group_ids).order_by("name"):
        for year in years:
            for r in rounds:
                report = reports.get((group.pk, year.pk, r.pk))
                if report is not None and report.status in INTERIM_EDITABLE:
                    todos.append(
                        Todo(
                            _("%(group)s's %(round)s %(year)s: %(status)s.")
                            % {
                                "group": group.name,
                                "round": r.name,
                                "year": year.year,
                                "status": report.get_status_display(),
                            },
                            report.get_absolute_url(),
                        )
                    )
                elif report is None and r.applies_to(group) and year.year <= this_year:
                    todos.append(
                        Todo(
                            _("%(group)s has not started %(round)s %(year)s (due %(due)s).")
                            % {
                                "group": group.name,
                                "round": r.name,
                                "year": year.year,
                                "due": r.due_on(year.year).isoformat(),
                            },
                            group.get_absolute_url() + "#interim",
                        )
                    )
    return todos


def todos_for(user: AnyUser) -> list[Todo]:
    """What waits for this user now: their groups' plans and reports, and approvals."""

    todos: list[Todo] = []
    group_ids = permissions.member_group_ids(user)
    years = list(PlanningYear.objects.filter(closed_at__isnull=True).order_by("year"))
    if group_ids:
        latest: dict[tuple[int, int], PlanVersion] = {}
        version: PlanVersion | None
        for version in (
            PlanVersion.objects.filter(plan__group_id__in=group_ids, plan__year__in=years)
            .select_related("plan__group", "plan__year")
            .order_by("number")
        ):
            latest[(version.plan.group_id, version.plan.year_id)] = version
        groups = {g.pk: g for g in Group.objects.filter(pk__in=group_ids, kind="working_group")}
        for year in years:
            for group in groups.values():
                version = latest.get((group.pk, year.pk))
                if version is None:
                    todos.append(
                        Todo(
                            _("%(group)s has no plan for %(year)s yet (due %(due)s).")
                            % {
                                "group": group.name,
                                "year": year.year,
                                "due": year.plans_due.isoformat(),
                            },
                            f"/verksamhetsplaner/{year.year}/",
                        )
                    )
                elif version.status in {Status.DRAFT, Status.RETURNED, Status.ANCHORING}:
                    todos.append(
                        Todo(
                            _("%(group)s's plan for %(year)s: %(status)s.")
                            % {
                                "group": group.name,
                                "year": year.year,
                                "status": version.get_status_display(),
                            },
                            version.get_absolute_url(),
                        )
                    )
        reports = AnnualReport.objects.filter(
            group_id__in=group_ids, status__in=REPORT_EDITABLE, year__in=years
        ).select_related("group", "year")
        todos.extend(
            Todo(
                _("%(group)s's annual report %(year)s: %(status)s.")
                % {
                    "group": report.group.name,
                    "year": report.year.year,
                    "status": report.get_status_display(),
                },
                report.get_absolute_url(),
            )
            for report in reports
        )
        todos.extend(_interim_todos(group_ids, years))
    if permissions.has_role(user, permissions.Role.CHIEF_EXECUTIVE):
        waiting = PlanVersion.objects.filter(
            Q(status=Status.SUBMITTED, number=1) | Q(status=Status.FORWARDED)
        ).select_related("plan__group", "plan__year")
        todos.extend(
            Todo(
                _("Waiting for your decision: %(plan)s.") % {"plan": version.plan},
                version.get_absolute_url(),
            )
            for version in waiting
        )
    if permissions.can_manage_cycle(user):
        todos.append(Todo(_("Follow the year on the desk."), "/kansli/"))
    return todos
