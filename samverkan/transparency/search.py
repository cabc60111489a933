"""Search across everything public: groups, plans, reports, decisions, priorities, indicators.

Matching is on upper-cased text so that "ÖSTRA" finds "östra". SQLite's own UPPER() only
folds ASCII letters, so on SQLite connections it is replaced by Python's str.upper (see
unicode_upper); PostgreSQL's UPPER() already folds every letter.
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Q, TextField
from django.db.models.functions import Upper
from django.urls import reverse

from samverkan.transparency import public

PER_KIND = 20
MIN_LENGTH = 2


def register_upper_lookup() -> None:
    CharField.register_lookup(Upper)
    TextField.register_lookup(Upper)


def unicode_upper(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "UPPER",
            1,
            lambda text: text.upper() if isinstance(text, str) else text,
            deterministic=True,
        )


@dataclass
class Hit:
    title: str
    url: str
    excerpt: str
    context: str = ""


@dataclass
class Section:
    kind: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


def _any(text: str, *fields: str) -> Q:
    q = Q()
    for name in fields:
        q |= Q(**{f"{name}__upper__contains": text})
    return q


def _excerpt(text: str, needle: str, width: int = 160) -> str:
    """The part of the text around the first match, so the reader sees why it was found."""
    text = " ".join((text or "").split())
    at = text.upper().find(needle)
    if at < 0 or len(text) <= width:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, at - width // 3)
    return ("…" if start else "") + text[start : start + width] + "…"


def _first(obj, needle: str, *attrs: str) -> str:
    for attr in attrs:
        text = getattr(obj, attr, "") or ""
        if needle in text.upper():
            return _excerpt(text, needle)
    return ""  # matched elsewhere (a name, a related row): the title says enough


def _take(qs) -> tuple[list, bool]:
    rows = list(qs[: PER_KIND + 1])
    return rows[:PER_KIND], len(rows) > PER_KIND


def search(text: str) -> list[Section]:
    """Each kind's first matches, in a constant number of queries whatever the data's size."""
    needle = " ".join(text.split()).upper()
    if len(needle) < MIN_LENGTH:
        return []
    sections = []

    groups, more = _take(
        public.groups().filter(_any(needle, "name", "field_of_work")).order_by("name")
    )
    sections.append(
        Section(
            "groups",
            [
                Hit(
                    g.name,
                    g.get_absolute_url(),
                    _first(g, needle, "field_of_work", "name"),
                    g.get_kind_display(),
                )
                for g in groups
            ],
            more,
        )
    )

    plan_ids = (
        public.plans()
        .filter(
            _any(needle, "purpose", "field_of_work", "plan__group__name")
            | _any(needle, "goals__statement", "activities__what")
        )
        .values("pk")
    )
    plans, more = _take(public.plans().filter(pk__in=plan_ids))
    sections.append(
        Section(
            "plans",
            [
                Hit(
                    f"{p.plan.group.name} {p.plan.year.year}",
                    p.plan.get_absolute_url(),
                    _plan_excerpt(p, needle),
                )
                for p in plans
            ],
            more,
        )
    )

    report_ids = (
        public.reports()
        .filter(
            _any(needle, "summary", "revisions", "network_activities", "group__name")
            | _any(needle, "goals__statement", "goals__comment", "activities__result_text")
            # A report follows up its plan: what the plan says the group works on counts.
            | _any(needle, "based_on__field_of_work", "based_on__purpose")
        )
        .values("pk")
    )
    reports, more = _take(public.reports().filter(pk__in=report_ids))
    sections.append(
        Section(
            "reports",
            [
                Hit(
                    f"{r.group.name} {r.year.year}",
                    r.get_absolute_url(),
                    _first(r, needle, "summary", "network_activities", "revisions")
                    or (r.based_on and _first(r.based_on, needle, "field_of_work", "purpose")),
                )
                for r in reports
            ],
            more,
        )
    )

    decisions, more = _take(public.decisions().filter(_any(needle, "title", "text")))
    sections.append(
        Section(
            "decisions",
            [
                Hit(
                    d.title,
                    reverse("governance:decisions") + f"#beslut-{d.pk}",
                    _first(d, needle, "text"),
                    d.meeting.date.isoformat(),
                )
                for d in decisions
            ],
            more,
        )
    )

    priorities, more = _take(
        public.priority_commitments()
        .filter(_any(needle, "wording", "area__name", "commitment__text"))
        .order_by("area__order", "order")
    )
    sections.append(
        Section(
            "priorities",
            [
                Hit(
                    f"{p.commitment.code} {p.area.name}",
                    reverse("strategy:priority_areas") + f"#area-{p.area_id}",
                    _first(p, needle, "wording"),
                )
                for p in priorities
            ],
            more,
        )
    )

    indicators, more = _take(
        public.indicators().filter(_any(needle, "title", "description")).order_by("title")
    )
    sections.append(
        Section(
            "indicators",
            [
                Hit(
                    i.title,
                    reverse("followup:indicator", args=[i.slug]),
                    _first(i, needle, "description"),
                    i.unit,
                )
                for i in indicators
            ],
            more,
        )
    )
    return sections


def _plan_excerpt(version, needle: str) -> str:
    for text in [version.purpose, version.field_of_work]:
        if needle in (text or "").upper():
            return _excerpt(text, needle)
    for goal in version.goals.all():
        if needle in goal.statement.upper():
            return _excerpt(goal.statement, needle)
    for activity in version.activities.all():
        if needle in activity.what.upper():
            return _excerpt(activity.what, needle)
    return ""
