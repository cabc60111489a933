"""Reads for the organisation, with their joins applied so that pages query a fixed number
of times however many groups there are."""

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from samverkan.organisation.models import (
    Body,
    BodyMembership,
    Cooperation,
    Group,
    Membership,
    Municipality,
    current_q,
)


def cooperation() -> Cooperation | None:
    return Cooperation.objects.order_by("pk").first()


def cooperation_name() -> str:
    """The cooperation's name as documents print it (its short name if it has one)."""
    coop = cooperation()
    return coop.display_name if coop else ""


def bodies_by_kind() -> dict[str, Body]:
    """The council, the chief executives' group and the secretariat by kind, as the
    cooperation names them."""
    return {body.kind: body for body in Body.objects.all()}


def body_of_kind(kind: str) -> Body | None:
    """The cooperation's council, chief executives' group or secretariat, by what it does:
    each cooperation names its own."""
    return Body.objects.filter(kind=kind).first()


def member_municipalities() -> QuerySet[Municipality]:
    """Today's members."""
    return Municipality.objects.members_on(timezone.localdate()).order_by("name")


def municipalities_ever() -> QuerySet[Municipality]:
    """Every municipality that is or has been a member: a former member keeps its page."""
    return Municipality.objects.filter(is_member=True).order_by("name")


def group_list() -> QuerySet[Group]:
    return Group.objects.prefetch_related("objectives").order_by("kind", "name")


def group_detail(slug: str) -> Group:
    """A group with its current members (contact person first) and its history links."""
    current = (
        Membership.objects.filter(current_q())
        .select_related("person__municipality")
        .order_by("role", "person__last_name", "person__first_name")
    )
    return (
        Group.objects.select_related("converted_into")
        .prefetch_related(
            "objectives",
            "converted_from",
            "assignments",
            Prefetch("memberships", queryset=current, to_attr="current_memberships"),
        )
        .get(slug=slug)
    )


def rank_by(field_name: str, values: list[str]) -> Case:
    """Order by the choices' own order (council before chief executives, chair before
    member), not alphabetically by their stored values."""
    return Case(
        *(When(**{field_name: v}, then=Value(i)) for i, v in enumerate(values)),
        output_field=IntegerField(),
    )


def body_role_rank() -> Case:
    return rank_by("role", BodyMembership.Role.values)


def body_detail(kind: str) -> Body:
    current = (
        BodyMembership.objects.filter(current_q())
        .select_related("person__municipality")
        .order_by(body_role_rank(), "person__municipality__name", "person__last_name")
    )
    return Body.objects.prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    ).get(kind=kind)


def municipality_list() -> QuerySet[Municipality]:
    """Member municipalities with how many group seats their people hold today (one person
    in two groups holds two) and how many commitments they prioritised: one query, however
    many people and groups there are."""
    return member_municipalities().annotate(
        group_seats=Count(
            "person__memberships",
            filter=current_q(prefix="person__memberships__"),
            distinct=True,
        ),
        prioritised=Count("prioritised_commitments", distinct=True),
    )
