"""Reads for assignments, matters, decisions and the yearly wheel."""

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverkan.accounts import permissions
from samverkan.accounts.permissions import Role
from samverkan.core.types import AnyUser
from samverkan.governance.models import Adoption, Assignment, BoardMeeting, Meeting
from samverkan.organisation.models import Body, Group, Municipality
from samverkan.organisation.selectors import body_names
from samverkan.planning.models import InterimRound, PlanningYear

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def open_assignments() -> QuerySet[Assignment]:
    """Assignments still being worked on, with their group: the desk lists them."""
    return Assignment.objects.exclude(
        status__in=[Assignment.Status.DONE, Assignment.Status.CANCELLED]
    ).select_related("group")


# --- The yearly wheel -----------------------------------------------------------------------

# %(council)s and %(chiefs)s are the names the cooperation gives its bodies.
WHEEL_KINDS: "dict[str, StrPromise]" = {
    "reports_due": _("Annual reports due"),
    "interim_due": _("Interim follow-up due"),
    "council": _("%(council)s meets"),
    "approval": _("%(chiefs)s approve the plans"),
    "plan_review": _("Yearly review of the strategic plan"),
    "plans_due": _("Operational plans due"),
    "anchoring_due": _("Anchoring of the plans done"),
    "board": _("A member's board meets"),
}


@dataclass(frozen=True)
class WheelDate:
    day: date
    kind: str
    label: str
    planning_year: int | None = None
    municipality: str = ""
    interim_round: InterimRound | None = None
    kind_label: str = ""  # what kind of date it is, in the cooperation's words


def _names() -> dict[str, str]:
    """The council's and the chief executives' names, as this cooperation calls them."""
    names = body_names()
    return {
        "council": names.get(Body.Kind.COUNCIL) or str(_("The council")),
        "chiefs": names.get(Body.Kind.CHIEF_EXECUTIVES) or str(_("The chief executives")),
    }


def _labelled(dates: list[WheelDate], names: dict[str, str]) -> list[WheelDate]:
    order = list(WHEEL_KINDS)
    return [
        replace(d, kind_label=str(WHEEL_KINDS[d.kind]) % names)
        for d in sorted(dates, key=lambda d: (d.day, order.index(d.kind), d.label))
    ]


def _year_dates(
    year: PlanningYear, names: dict[str, str], rounds: list[InterimRound]
) -> list[WheelDate]:
    """The dates a planning year sets, labelled with what they are for, and the days of the
    cooperation's interim follow-ups that year (if it has any)."""
    n = year.year
    named = [
        ("plans_due", year.plans_due, _("Operational plans for %(year)s due")),
        ("anchoring_due", year.anchoring_due, _("Anchoring of the plans for %(year)s done")),
        (
            "approval",
            year.approval_meeting_on,
            _("%(chiefs)s approve the plans for %(year)s"),
        ),
        ("reports_due", year.reports_due, _("Annual reports for %(year)s due")),
        ("plan_review", year.plan_review_on, _("Yearly review of the strategic plan %(year)s")),
    ]
    dates = [
        WheelDate(day, kind, str(label) % {"year": n, **names}, planning_year=n)
        for kind, day, label in named
        if day is not None
    ]
    dates.extend(
        WheelDate(r.due_on(n), "interim_due", f"{r.name} {n}", planning_year=n, interim_round=r)
        for r in rounds
    )
    return dates


def wheel_dates(
    calendar_year: int, *, municipality: Municipality | None = None, boards: bool = True
) -> list[WheelDate]:
    """Everything that happens in one calendar year, in order of date: the deadlines of the
    planning years that fall in it (next year's plans are due this December, last year's
    reports this February), the days of the interim follow-ups, the council's meetings and
    the members' board meetings. In four queries."""
    first, last = date(calendar_year, 1, 1), date(calendar_year, 12, 31)
    names = _names()
    dates: list[WheelDate] = []
    rounds = list(InterimRound.objects.all())
    for year in PlanningYear.objects.filter(year__range=(calendar_year - 1, calendar_year + 1)):
        dates.extend(d for d in _year_dates(year, names, rounds) if first <= d.day <= last)
    dates.extend(_council_dates(first, last, with_place=True))
    if boards or municipality is not None:
        meetings = BoardMeeting.objects.filter(date__range=(first, last))
        if municipality is not None:
            meetings = meetings.filter(municipality=municipality)
        dates.extend(_board_dates(meetings))
    return _labelled(dates, names)


def _council_dates(first: date, last: date, *, with_place: bool = False) -> list[WheelDate]:
    return [
        WheelDate(
            meeting.date,
            "council",
            meeting.body.name + (f", {meeting.place}" if with_place and meeting.place else ""),
        )
        for meeting in Meeting.objects.filter(
            body__kind=Body.Kind.COUNCIL, date__range=(first, last)
        ).select_related("body")
    ]


def _board_dates(boards: QuerySet[BoardMeeting]) -> list[WheelDate]:
    return [
        WheelDate(
            board.date,
            "board",
            f"{board.municipality.name}: {board.body}",
            municipality=board.municipality.name,
        )
        for board in boards.select_related("municipality")
    ]


def next_board_meeting(municipality_id: int, after: date) -> BoardMeeting | None:
    return (
        BoardMeeting.objects.filter(municipality_id=municipality_id, date__gte=after)
        .order_by("date")
        .first()
    )


PLAN_REVIEWERS = {Role.CHIEF_EXECUTIVE, Role.COUNCIL_MEMBER, Role.SECRETARIAT}


def deadlines_for(user: AnyUser, *, start: date, end: date) -> list[WheelDate]:
    """One person's own dates between `start` and `end`, from the wheel: their groups' plans
    and reports, the chief executives' approval meetings, the council's meetings for its
    members, their municipality's board meetings for its chief executive. For "My pages"
    and the personal calendar."""
    roles = permissions.roles_of(user)
    group_ids = permissions.member_group_ids(user)
    groups = list(Group.objects.filter(pk__in=group_ids, status=Group.Status.ACTIVE))
    writes_plans = [g.name for g in groups if g.kind == Group.Kind.WORKING_GROUP]
    writes_reports = [
        g.name for g in groups if g.kind in {Group.Kind.WORKING_GROUP, Group.Kind.NETWORK}
    ]
    names = _names()
    dates: list[WheelDate] = []
    rounds = list(InterimRound.objects.all())
    for year in PlanningYear.objects.filter(
        closed_at__isnull=True, year__range=(start.year - 1, end.year + 1)
    ):
        for item in _year_dates(year, names, rounds):
            if not start <= item.day <= end:
                continue
            if Role.SECRETARIAT in roles:
                dates.append(item)  # the secretariat follows the whole cycle
            elif item.kind in {"plans_due", "anchoring_due"} and writes_plans:
                dates.append(_for_groups(item, writes_plans))
            elif item.kind == "reports_due" and writes_reports:
                dates.append(_for_groups(item, writes_reports))
            elif item.kind == "interim_due" and item.interim_round is not None:
                applying = [g.name for g in groups if item.interim_round.applies_to(g)]
                if applying:
                    dates.append(_for_groups(item, applying))
            elif (item.kind == "approval" and Role.CHIEF_EXECUTIVE in roles) or (
                item.kind == "plan_review" and roles & PLAN_REVIEWERS
            ):
                dates.append(item)
    if {Role.COUNCIL_MEMBER, Role.SECRETARIAT} & roles:
        dates.extend(_council_dates(start, end))
    municipality_id = permissions.represented_municipality_id(user)
    if municipality_id is not None:
        dates.extend(
            _board_dates(
                BoardMeeting.objects.filter(
                    municipality_id=municipality_id, date__range=(start, end)
                )
            )
        )
    return _labelled(dates, names)


def _for_groups(item: WheelDate, names: list[str]) -> WheelDate:
    return WheelDate(
        item.day, item.kind, f"{item.label} ({', '.join(names)})", planning_year=item.planning_year
    )


def pending_adoptions_for(user: AnyUser) -> QuerySet[Adoption]:
    """The council decisions still waiting for the municipality the user represents."""
    municipality_id = permissions.represented_municipality_id(user)
    if municipality_id is None:
        return Adoption.objects.none()
    return (
        Adoption.objects.filter(
            municipality_id=municipality_id,
            status=Adoption.Status.PENDING,
            decision__concerns_municipalities=True,
        )
        .select_related("decision__meeting", "municipality")
        .order_by("decision__meeting__date")
    )
