"""The council's compilations: all approved plans, or all accepted reports, of a year.

Built from the approved/accepted documents only, ordered by objective and group, preceded by
key figures. Everything is read in a fixed number of queries, however many groups there are.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from samverkan.organisation.models import Group, Membership, current_q
from samverkan.planning.models import (
    Activity,
    AnnualReport,
    Document,
    Goal,
    PlanningYear,
    PlanVersion,
    ReportActivity,
    ReportGoal,
    ReportStatus,
    Status,
)
from samverkan.planning.selectors.wording import wording_for
from samverkan.strategy.models import Objective, PriorityCommitment


class NothingToCompile(Exception):
    """The year has no approved plans (or accepted reports) to compile."""


@dataclass
class GroupEntry:
    group: Group
    purpose: str = ""
    goals: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)
    summary: str = ""
    meetings: int | None = None


@dataclass
class Section:
    title: str
    entries: list[GroupEntry] = field(default_factory=list)


@dataclass
class Compilation:
    kind: str  # "plans" or "reports"
    year: int
    title: str
    figures: list[tuple[str, str]]
    sections: list[Section]
    members_per_municipality: list[tuple[str, int]]
    fulfilment: dict[str, int] = field(default_factory=dict)
    activities_done: tuple[int, int] = (0, 0)
    coverage: list[tuple[str, int]] = field(default_factory=list)
    networks: list[tuple[str, int]] = field(default_factory=list)
    # What each entry's goals, activities and priorities are called: the template's headings.
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def headings(self) -> dict[str, str]:
        """What an entry's goals, activities and priorities are called, by part."""
        defaults = {
            "goals": _("Goals"),
            "activities": _("Activities"),
            "priorities": _("Priority areas"),
        }
        return {part: self.labels.get(part) or default for part, default in defaults.items()}

    @property
    def parts(self) -> list[tuple[str, str]]:
        """(heading, attribute of GroupEntry) of each list an entry shows."""
        return [(heading, part) for part, heading in self.headings.items()]


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def _members_per_municipality() -> list[tuple[str, int]]:
    counts = Counter(
        Membership.objects.filter(current_q(), group__status=Group.Status.ACTIVE).values_list(
            "person__municipality__name", flat=True
        )
    )
    return sorted(counts.items())


def _sections(entries: dict[int, GroupEntry], groups: list[Group]) -> list[Section]:
    """Order by objective, then group; a group under two objectives appears under both."""
    by_objective = {o.pk: Section(str(o)) for o in Objective.objects.order_by("number")}
    other = Section(_("Other groups"))
    for group in groups:
        entry = entries.get(group.pk)
        if entry is None:
            continue
        objectives = list(group.objectives.all())
        for objective in objectives:
            by_objective[objective.pk].entries.append(entry)
        if not objectives:
            other.entries.append(entry)
    return [s for s in [*by_objective.values(), other] if s.entries]


def _coverage(codes_by_group: dict[int, set[str]]) -> list[tuple[str, int]]:
    counts = Counter(code for codes in codes_by_group.values() for code in codes)
    return [
        (f"{pc.commitment.code} {pc.area.name}", counts.get(pc.commitment.code, 0))
        for pc in PriorityCommitment.objects.select_related("commitment", "area").order_by(
            "area__order", "order"
        )
    ]


def check_material(year: PlanningYear, kind: str) -> None:
    """Raise NothingToCompile at once (one query) when the year has nothing to compile, so
    that the reader is told before any work is queued."""
    if kind == "plans":
        if not PlanVersion.objects.filter(plan__year=year, status=Status.APPROVED).exists():
            raise NothingToCompile(
                _(
                    "No operational plan for %(year)s has been approved yet, so there is nothing "
                    "to compile."
                )
                % {"year": year.year}
            )
    elif not AnnualReport.objects.filter(year=year, status=ReportStatus.ACCEPTED).exists():
        raise NothingToCompile(
            _(
                "No annual report for %(year)s has been accepted yet, so there is nothing to "
                "compile."
            )
            % {"year": year.year}
        )


def compile_plans(year: PlanningYear) -> Compilation:
    groups = list(
        Group.objects.filter(status=Group.Status.ACTIVE)
        .prefetch_related("objectives")
        .order_by("name")
    )
    versions = (
        PlanVersion.objects.filter(plan__year=year)
        .select_related("plan")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("order", "id")),
            Prefetch("activities", queryset=Activity.objects.order_by("order", "id")),
            Prefetch(
                "priority_commitments",
                queryset=PriorityCommitment.objects.select_related("commitment", "area"),
            ),
        )
        .order_by("plan_id", "number")
    )
    latest: dict[int, PlanVersion] = {}
    approved: dict[int, PlanVersion] = {}
    for version in versions:
        latest[version.plan.group_id] = version
        if version.status == Status.APPROVED:
            approved[version.plan.group_id] = version
    if not approved:
        raise NothingToCompile(
            _(
                "No operational plan for %(year)s has been approved yet, so there is nothing to "
                "compile."
            )
            % {"year": year.year}
        )
    working = [g for g in groups if g.kind == Group.Kind.WORKING_GROUP]
    submitted = [
        g
        for g in working
        if g.pk in latest and latest[g.pk].status not in {Status.DRAFT, Status.ANCHORING}
    ]
    by_id = {g.pk: g for g in groups}
    entries = {
        group_id: GroupEntry(
            group=by_id[group_id],
            purpose=v.purpose,
            goals=[g.statement for g in v.goals.all()],
            activities=[
                a.what + (f" ({a.when.isoformat()})" if a.when else "") for a in v.activities.all()
            ],
            priorities=[
                f"{pc.commitment.code} {pc.area.name}" for pc in v.priority_commitments.all()
            ],
        )
        for group_id, v in approved.items()
        if group_id in by_id
    }
    members = _members_per_municipality()
    figures = [
        (_("Active groups"), str(len(groups))),
        (_("Working groups"), str(len(working))),
        (_("Plans submitted"), f"{len(submitted)} ({_percent(len(submitted), len(working))})"),
        (_("Plans approved"), f"{len(approved)} ({_percent(len(approved), len(working))})"),
        (_("Goals in the approved plans"), str(sum(len(e.goals) for e in entries.values()))),
        (_("Members in the groups"), str(sum(n for _m, n in members))),
    ]
    words = wording_for(Document.PLAN, year=year.year)
    return Compilation(
        kind="plans",
        year=year.year,
        title=_("Compilation of operational plans %(year)s") % {"year": year.year},
        figures=figures,
        sections=_sections(entries, groups),
        members_per_municipality=members,
        coverage=_coverage(
            {
                gid: {pc.commitment.code for pc in v.priority_commitments.all()}
                for gid, v in approved.items()
            }
        ),
        labels={part: words[part].heading for part in ("goals", "activities", "priorities")},
    )


def compile_reports(year: PlanningYear) -> Compilation:
    groups = list(
        Group.objects.filter(status=Group.Status.ACTIVE)
        .prefetch_related("objectives")
        .order_by("name")
    )
    reports = list(
        AnnualReport.objects.filter(year=year, status=ReportStatus.ACCEPTED)
        .select_related("group")
        .prefetch_related(
            Prefetch("goals", queryset=ReportGoal.objects.order_by("order", "id")),
            Prefetch("activities", queryset=ReportActivity.objects.order_by("order", "id")),
            "priorities__priority_commitment__commitment",
            "priorities__priority_commitment__area",
        )
    )
    if not reports:
        raise NothingToCompile(
            _(
                "No annual report for %(year)s has been accepted yet, so there is nothing to "
                "compile."
            )
            % {"year": year.year}
        )
    fulfilment: Counter[str] = Counter()
    done = total_activities = 0
    entries = {}
    codes_by_group: dict[int, set[str]] = defaultdict(set)
    networks = []
    for report in reports:
        entry = GroupEntry(
            group=report.group,
            summary=report.summary or report.network_activities,
            meetings=report.meetings,
        )
        for goal in report.goals.all():
            if goal.fulfilment:
                fulfilment[goal.fulfilment] += 1
            entry.goals.append(
                f"{goal.statement} – {goal.get_fulfilment_display() or _('not reported')}"
            )
        for activity in report.activities.all():
            total_activities += 1
            done += activity.result == "done"
            entry.activities.append(
                f"{activity.planned} – {activity.get_result_display() or _('not reported')}"
            )
        for priority in report.priorities.all():
            if priority.touched:
                pc = priority.priority_commitment
                codes_by_group[report.group_id].add(pc.commitment.code)
                entry.priorities.append(f"{pc.commitment.code} {pc.area.name}")
        if report.is_light:
            networks.append((report.group.name, report.meetings or 0))
        entries[report.group_id] = entry
    goals_total = sum(fulfilment.values())
    figures = [
        (_("Accepted reports"), str(len(reports))),
        (
            _("Goals met fully"),
            f"{fulfilment['fully']} ({_percent(fulfilment['fully'], goals_total)})",
        ),
        (
            _("Goals met partly"),
            f"{fulfilment['partly']} ({_percent(fulfilment['partly'], goals_total)})",
        ),
        (
            _("Goals not met"),
            f"{fulfilment['not_at_all']} ({_percent(fulfilment['not_at_all'], goals_total)})",
        ),
        (_("Activities done"), f"{done} / {total_activities} ({_percent(done, total_activities)})"),
        (_("Networks' meetings"), str(sum(n for _name, n in networks))),
    ]
    words = wording_for(Document.REPORT, year=year.year)
    return Compilation(
        kind="reports",
        year=year.year,
        title=_("Compilation of annual reports %(year)s") % {"year": year.year},
        figures=figures,
        sections=_sections(entries, groups),
        members_per_municipality=_members_per_municipality(),
        fulfilment={
            _("Fully"): fulfilment["fully"],
            _("Partly"): fulfilment["partly"],
            _("Not at all"): fulfilment["not_at_all"],
        },
        activities_done=(done, total_activities),
        coverage=_coverage(codes_by_group),
        networks=sorted(networks),
        labels={
            "goals": words["fulfilment"].heading,
            "activities": words["activities"].heading,
            "priorities": words["priorities"].heading,
        },
    )
