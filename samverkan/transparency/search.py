"""Search across everything public: the member municipalities, the vision, the adopted
versions of the strategic plan and its objectives, groups, plans, reports, decisions,
priorities and indicators.

Matching is on upper-cased text so that "ÖSTRA" finds "östra". SQLite's own UPPER() only
folds ASCII letters, so on SQLite connections it is replaced by Python's str.upper (see
unicode_upper); PostgreSQL's UPPER() already folds every letter.
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, Subquery, TextField
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.organisation.models import Cooperation
from samverkan.organisation.selectors import group_kind_name
from samverkan.planning.models import PlanVersion
from samverkan.strategy.models import Objective, PlanObjective, SubObjective
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
    # The title and excerpt are the cooperation's own Swedish text, marked lang="sv" on an
    # English page; False when the excerpt is written in the page's language by this module.
    excerpt_is_content: bool = True


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
    sections = [
        _municipalities(needle),
        _vision(needle),
        _strategic_plans(needle),
        _objectives(needle),
    ]

    coop = Cooperation.objects.order_by("pk").first()
    # Most groups describe their work only in their plans: the latest approved one counts.
    approved = PlanVersion.objects.filter(
        plan__group=OuterRef("pk"), status=public.PLAN_PUBLIC
    ).order_by("-plan__year__year", "-number")
    groups, more = _take(
        public.groups()
        .annotate(
            plan_field_of_work=Subquery(approved.values("field_of_work")[:1]),
            plan_purpose=Subquery(approved.values("purpose")[:1]),
        )
        .filter(_any(needle, "name", "field_of_work", "plan_field_of_work", "plan_purpose"))
        .order_by("name")
    )
    sections.append(
        Section(
            "groups",
            [
                Hit(
                    g.name,
                    g.get_absolute_url(),
                    _first(g, needle, "field_of_work", "plan_field_of_work", "plan_purpose"),
                    group_kind_name(g.kind, coop=coop),
                )
                for g in groups
            ],
            more,
        )
    )

    matching = PlanVersion.objects.filter(status=public.PLAN_PUBLIC).filter(
        _any(needle, "purpose", "field_of_work", "plan__group__name")
        | _any(needle, "goals__statement", "activities__what")
    )
    later = {"plan_id": OuterRef("plan_id"), "number__gt": OuterRef("number")}
    # A revised plan has several approved versions: one hit per plan, chosen in the database
    # before the section is cut at its limit. It is the newest version that matches; when a
    # later one is in force (and no longer says what was searched for), the hit leads to the
    # version that does, not to the plan's address.
    plans, more = _take(
        public.plans()
        .filter(pk__in=matching.values("pk"))
        .exclude(Exists(matching.filter(**later)))
        .annotate(superseded=Exists(PlanVersion.objects.filter(status=public.PLAN_PUBLIC, **later)))
    )
    sections.append(
        Section(
            "plans",
            [
                Hit(
                    f"{p.plan.group.name} {p.plan.year.year}",
                    p.get_absolute_url() if p.superseded else p.plan.get_absolute_url(),
                    _plan_excerpt(p, needle),
                    _("version %(number)s, since revised") % {"number": p.number}
                    if p.superseded
                    else "",
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

    # A municipality's own reference for its adoption finds the council's decision.
    decision_ids = (
        public.decisions()
        .filter(_any(needle, "title", "text", "reference", "adoptions__reference"))
        .values("pk")
    )
    decisions, more = _take(public.decisions().filter(pk__in=decision_ids))
    sections.append(
        Section(
            "decisions",
            [_decision_hit(d, needle) for d in decisions],
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


def _decision_hit(decision, needle: str) -> Hit:
    text = _first(decision, needle, "text")
    return Hit(
        decision.title,
        reverse("governance:decisions") + f"#beslut-{decision.pk}",
        text or _adoption_excerpt(decision, needle),
        decision.meeting.date.isoformat(),
        # A match in a municipality's reference is told with a translated status.
        excerpt_is_content=bool(text),
    )


def _adoption_excerpt(decision, needle: str) -> str:
    for adoption in decision.adoptions.all():
        if needle in adoption.reference.upper():
            status = adoption.get_status_display()
            return f"{adoption.municipality.name}: {adoption.reference} ({status})"
    return ""


def _municipalities(needle: str) -> Section:
    # Only members have a page; the other areas (county, country) are there for indicators.
    found, more = _take(
        public.municipalities().filter(is_member=True).filter(_any(needle, "name", "code"))
    )
    excerpt = _(
        "Representatives, the decisions and the municipality's adoption of them, "
        "prioritised commitments and indicators."
    )
    return Section(
        "municipalities",
        [
            Hit(
                m.name,
                m.get_absolute_url(),
                excerpt,
                _("municipality code %(code)s") % {"code": m.code},
                excerpt_is_content=False,
            )
            for m in found
        ],
        more,
    )


def _vision(needle: str) -> Section:
    found, more = _take(
        Cooperation.objects.filter(_any(needle, "vision", "description")).order_by("pk")
    )
    return Section(
        "vision",
        [
            Hit(
                c.vision,
                reverse("transparency:home"),
                _first(c, needle, "description"),
                c.name,
            )
            for c in found
        ],
        more,
    )


def _strategic_plans(needle: str) -> Section:
    # public.strategic_plans() holds decided versions only: a proposal is never found.
    ids = (
        public.strategic_plans()
        .filter(
            _any(needle, "title", "preamble", "note")
            | _any(needle, "objectives__title", "objectives__sub_objectives__text")
        )
        .values("pk")
    )
    found, more = _take(public.strategic_plans().filter(pk__in=ids))
    return Section(
        "strategic_plans",
        [
            Hit(
                f"{v.title} {v.year}",
                v.get_absolute_url(),
                _first(v, needle, "preamble", "note")
                or _wording_excerpt(v.objectives.all(), needle),
                _("decided %(date)s") % {"date": v.decision_date.isoformat()},
            )
            for v in found
        ],
        more,
    )


def _objectives(needle: str) -> Section:
    decided = PlanObjective.objects.filter(version__decision_date__isnull=False)
    found, more = _take(
        Objective.objects.filter(
            _any(needle, "short_title", "short_title_en")
            | Q(
                pk__in=decided.filter(_any(needle, "title", "sub_objectives__text")).values(
                    "objective"
                )
            )
        )
        .prefetch_related(
            Prefetch(
                "planobjective_set",
                queryset=decided.select_related("version")
                .prefetch_related(
                    Prefetch(
                        "sub_objectives", queryset=SubObjective.objects.order_by("order", "id")
                    )
                )
                .order_by("-version__year"),
                to_attr="decided_wordings",
            )
        )
        .order_by("number")
    )
    hits = []
    for objective in found:
        # Found by a version's wording: go to that version, which says it.
        wording = next(
            (w for w in objective.decided_wordings if _wording_excerpt([w], needle)), None
        )
        if wording is None or needle in objective.short_title.upper():
            url = reverse("strategy:plan")
        else:
            url = wording.version.get_absolute_url()
        hits.append(
            Hit(
                f"{objective.number}. {objective.short_title}",
                f"{url}#objective-{objective.number}",
                _wording_excerpt([wording], needle) if wording else "",
            )
        )
    return Section("objectives", hits, more)


def _wording_excerpt(wordings, needle: str) -> str:
    """Where an objective's wording or one of its sub-objectives says what was searched."""
    for wording in wordings:
        if needle in wording.title.upper():
            return _excerpt(wording.title, needle)
        for sub in wording.sub_objectives.all():
            if needle in sub.text.upper():
                return _excerpt(sub.text, needle)
    return ""
