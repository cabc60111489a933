"""The portal's pages that combine several domains: the organisation chart (groups under
the strategic plan's objectives) and a member municipality's page (its seats, the council's
decisions and its adoption of them, its priorities and latest indicator values). Each reads
a fixed number of times however large the federation."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Prefetch, Subquery

from samverkan.followup.models import Value as IndicatorValue
from samverkan.governance.models import Adoption
from samverkan.organisation import selectors as organisation
from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Group,
    Membership,
    Municipality,
    current_q,
)
from samverkan.strategy.models import Objective
from samverkan.transparency import public


@dataclass
class ChartColumn:
    objective: Objective
    groups: list[Group] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)


@dataclass
class OrganisationChart:
    council: Body | None
    chief_executives: Body | None
    secretariat: Body | None
    columns: list[ChartColumn]
    ordinary_operations: list[Group]
    horizontal_groups: list[Group]
    horizontal_bodies: list[Body]
    unplaced: list[Group]
    projects: list[Group]
    networks: list[Group]


def organisation_chart() -> OrganisationChart:
    """The chart as the source draws it: council, chief executives, a column per objective."""
    bodies = {b.kind: b for b in Body.objects.prefetch_related("objectives")}
    objectives = list(Objective.objects.order_by("number"))
    columns = {o.pk: ChartColumn(objective=o) for o in objectives}
    groups = Group.objects.filter(status=Group.Status.ACTIVE).prefetch_related("objectives")
    chart = OrganisationChart(
        council=bodies.get(Body.Kind.COUNCIL),
        chief_executives=bodies.get(Body.Kind.CHIEF_EXECUTIVES),
        secretariat=bodies.get(Body.Kind.SECRETARIAT),
        columns=list(columns.values()),
        ordinary_operations=[],
        horizontal_groups=[],
        horizontal_bodies=[b for b in bodies.values() if b.horizontal],
        unplaced=[],
        projects=[],
        networks=[],
    )
    for body in bodies.values():
        for objective in body.objectives.all():
            columns[objective.pk].bodies.append(body)
    for group in groups:
        if group.kind == Group.Kind.PROJECT:
            chart.projects.append(group)
            continue
        placed = False
        for objective in group.objectives.all():
            columns[objective.pk].groups.append(group)
            placed = True
        if group.ordinary_operations:
            chart.ordinary_operations.append(group)
            placed = True
        if group.horizontal:
            chart.horizontal_groups.append(group)
            placed = True
        if not placed:
            (chart.networks if group.kind == Group.Kind.NETWORK else chart.unplaced).append(group)
    return chart


@dataclass
class GroupSeats:
    group: Group
    memberships: list[Membership]


@dataclass
class MunicipalityPage:
    municipality: Municipality
    body_seats: list[BodyMembership]
    group_seats: list[GroupSeats]
    # Model objects that carry attributes of their own, set or annotated below (so Any):
    decisions: list[Any]  # public council decisions, each with `adoption` for this municipality
    priorities: list[Any]  # the commitments it prioritised, with their indicators
    indicators: list[Any]  # every indicator, with `latest_year`, `latest_value`, `latest_origin`

    @property
    def origins(self) -> set[str]:
        """Where the shown values come from, so the page can say when they are invented."""
        return {i.latest_origin for i in self.indicators if i.latest_origin}


def municipality_page(code: str) -> MunicipalityPage:
    """What a resident may see about one member municipality, in a fixed number of queries.

    Council decisions and priority areas come through the portal's public selectors; seats
    and the latest values are queried here, and only what the public may see is read: people
    for their names and roles (the template shows no more), and values, which are all public.
    """
    municipality = organisation.municipalities_ever().get(code=code)
    body_seats = list(
        # The council and the chief executives' group are where a municipality is represented;
        # the secretariat's staff work for the cooperation, whichever municipality employs them.
        BodyMembership.objects.filter(
            current_q(),
            person__municipality=municipality,
            body__kind__in=[Body.Kind.COUNCIL, Body.Kind.CHIEF_EXECUTIVES],
        )
        .select_related("body", "person")
        .order_by(
            organisation.rank_by("body__kind", Body.Kind.values),
            organisation.body_role_rank(),
            "person__last_name",
            "person__first_name",
        )
    )
    group_seats: dict[int, GroupSeats] = {}
    for membership in (
        Membership.objects.filter(current_q(), person__municipality=municipality)
        .select_related("group", "person")
        .order_by(
            "group__chart_order", "group__name", "role", "person__last_name", "person__first_name"
        )
    ):
        seats = group_seats.setdefault(membership.group_id, GroupSeats(membership.group, []))
        seats.memberships.append(membership)
    decisions: list[Any] = list(
        public.decisions()
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.filter(municipality=municipality),
                to_attr="here",
            )
        )
    )
    for decision in decisions:
        decision.adoption = decision.here[0] if decision.here else None
    priorities = list(
        public.priority_commitments()
        .filter(municipalities=municipality)
        .prefetch_related(None)
        .prefetch_related("indicators")
        .order_by("area__order", "area__name", "order")
    )
    # The latest value of each indicator here, as two correlated subqueries in one query.
    latest = IndicatorValue.objects.filter(
        indicator=OuterRef("pk"),
        area=municipality.code,
        gender=IndicatorValue.Gender.TOTAL,
        value__isnull=False,
    ).order_by("-year")
    indicators = list(
        public.indicators()
        .prefetch_related(None)
        .annotate(
            latest_year=Subquery(latest.values("year")[:1]),
            latest_value=Subquery(latest.values("value")[:1]),
            latest_origin=Subquery(latest.values("origin")[:1]),
        )
        .order_by("title")
    )
    return MunicipalityPage(
        municipality=municipality,
        body_seats=body_seats,
        group_seats=list(group_seats.values()),
        decisions=decisions,
        priorities=priorities,
        indicators=indicators,
    )
