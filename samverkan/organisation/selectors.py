"""Reads for the organisation, with their joins applied so that pages query a fixed number
of times however many groups there are."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Cooperation,
    Group,
    Membership,
    Municipality,
    current_q,
)
from samverkan.strategy.models import Objective


def cooperation() -> Cooperation | None:
    return Cooperation.objects.order_by("pk").first()


def member_municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.filter(is_member=True).order_by("name")


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


def group_list() -> QuerySet[Group]:
    return Group.objects.prefetch_related("objectives").order_by("kind", "name")


def group_detail(slug: str) -> Group:
    """A group with its current members (contact person first) and its history links."""
    current = (
        Membership.objects.filter(current_q())
        .select_related("person__municipality")
        .order_by("role", "person__last_name", "person__first_name")
    )
    return get_object_or_404(
        Group.objects.select_related("converted_into").prefetch_related(
            "objectives",
            "converted_from",
            "assignments",
            Prefetch("memberships", queryset=current, to_attr="current_memberships"),
        ),
        slug=slug,
    )


def body_detail(kind: str) -> Body:
    # Chair first, then vice chair and head, then members by municipality.
    rank = Case(
        *(When(role=role, then=Value(i)) for i, role in enumerate(BodyMembership.Role.values)),
        output_field=IntegerField(),
    )
    current = (
        BodyMembership.objects.filter(current_q())
        .select_related("person__municipality")
        .order_by(rank, "person__municipality__name", "person__last_name")
    )
    return get_object_or_404(
        Body.objects.prefetch_related(
            Prefetch("memberships", queryset=current, to_attr="current_memberships")
        ),
        kind=kind,
    )
