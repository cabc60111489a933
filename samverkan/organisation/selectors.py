"""Reads for the organisation, with their joins applied so that pages query a fixed number
of times however many groups there are."""

from datetime import datetime

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
from django.utils.text import capfirst

from samverkan.organisation.models import (
    DEFAULT_PAGE_LIMIT,
    Body,
    BodyMembership,
    Cooperation,
    Group,
    Membership,
    Municipality,
    current_q,
    default_kind_name,
)


def cooperation() -> Cooperation | None:
    # Every page's header reads this: the logo's bytes are read only by who serves them.
    return Cooperation.objects.defer("logo").order_by("pk").first()


def cooperation_logo() -> tuple[bytes, str, datetime | None] | None:
    """The logo's bytes, media type and time of change, or None when there is none."""
    row = (
        Cooperation.objects.order_by("pk")
        .values_list("logo", "logo_type", "logo_updated_at")
        .first()
    )
    if row is None or not row[0]:
        return None
    return bytes(row[0]), row[1], row[2]


def document_brand() -> tuple[str, bytes | None]:
    """The name documents print and the logo they show (None: none), with one query."""
    row = Cooperation.objects.order_by("pk").values_list("name", "short_name", "logo").first()
    if row is None:
        return "", None
    name, short_name, logo = row
    return short_name or name, (bytes(logo) if logo else None)


def cooperation_name() -> str:
    """The cooperation's name as documents print it (its short name if it has one)."""
    coop = cooperation()
    return coop.display_name if coop else ""


def page_limit() -> int:
    """How many pages a plan or an annual report may have, as the cooperation decided."""
    coop = cooperation()
    return coop.page_limit if coop else DEFAULT_PAGE_LIMIT


def group_kind_name(kind: str, *, plural: bool = False, coop: Cooperation | None = None) -> str:
    """What the cooperation calls a kind of group, capitalised as a label ("Arbetsgrupp",
    "Nätverk"); `coop` when the caller already has it, to spare a query per row."""
    coop = coop or cooperation()
    name = coop.kind_name(kind, plural=plural) if coop else default_kind_name(kind, plural=plural)
    return capfirst(name) or ""


def group_kind_word(kind: str) -> str:
    """The kind's name as a word inside a sentence or a compound ("arbetsgrupp"): the
    cooperation's own, or the product's default with a small first letter."""
    name = group_kind_name(kind)
    return name[:1].lower() + name[1:]


def body_names() -> dict[str, str]:
    """Each body's name by its kind, in one query: what pages call the council and the chief
    executives' group."""
    return dict(Body.objects.values_list("kind", "name"))


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
