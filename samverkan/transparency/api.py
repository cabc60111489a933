"""The open data API, read-only JSON under /api/v1/, described by its OpenAPI schema.

Errors are always JSON: {"message": ..., "errors": [{"parameter": ..., "message": ...}]}.
Bad and unknown query parameters are a 400 that names the parameter, so that a misspelt
filter never silently returns everything. Caching, CORS, Last-Modified and 304 answers are
added around the API by transparency.middleware.PublicApiMiddleware.
"""

from django.db.models import Max, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase, paginate
from ninja.renderers import JSONRenderer

from samverkan.transparency import public, schemas
from samverkan.transparency.licence import LICENCE_NAME, LICENCE_URL

ERRORS = {400: schemas.Error}
NOT_FOUND = {400: schemas.Error, 404: schemas.Error}


class Renderer(JSONRenderer):
    # Å, ä and ö as themselves, not as \u escapes: the data is Swedish text.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Renderer(),
    title="samverkan – öppna data",
    version="1",
    urls_namespace="api-1",
    description=(
        "Read-only open data from the regional cooperation: municipalities, groups, the "
        "strategic plan, priority areas, approved operational plans, accepted annual reports, "
        "the regional council's decisions, indicators and their values. Only what has been "
        "decided, approved or accepted is here; no contact details. "
        f"Licence: {LICENCE_NAME}. Values from Kolada must be cited 'Källa: Kolada'."
    ),
    openapi_extra={"info": {"license": {"name": LICENCE_NAME, "url": LICENCE_URL}}},
    docs_url="/docs",
)


class ApiError(Exception):
    def __init__(self, message: str, errors: list[dict] | None = None, status: int = 400):
        self.message, self.errors, self.status = message, errors or [], status


def _problem(request, message: str, errors: list | None = None, status: int = 400):
    return api.create_response(request, {"message": message, "errors": errors or []}, status=status)


# Pydantic's messages are English; these say the same in the interface language.
_MESSAGES = {
    "int_parsing": lambda e: _("Give a whole number."),
    "int_type": lambda e: _("Give a whole number."),
    "greater_than_equal": lambda e: _("Give at least %(limit)s.") % {"limit": e["ctx"]["ge"]},
    "less_than_equal": lambda e: _("Give at most %(limit)s.") % {"limit": e["ctx"]["le"]},
    "string_pattern_mismatch": lambda e: _("The value does not have the expected form."),
    "string_too_long": lambda e: _("The value is too long."),
    "literal_error": lambda e: _("Choose one of: %(choices)s.") % {"choices": e["ctx"]["expected"]},
    "enum": lambda e: _("Choose one of: %(choices)s.") % {"choices": e["ctx"]["expected"]},
    "missing": lambda e: _("This parameter is required."),
}


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        explain = _MESSAGES.get(error.get("type"), lambda e: _("The value is not valid."))
        errors.append({"parameter": ".".join(where[-1:]) or "?", "message": str(explain(error))})
    return _problem(request, _("The request has parameters that are not valid."), errors)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _problem(request, exc.message, exc.errors, exc.status)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _problem(request, _("There is nothing public at this address."), status=404)


def strict(request, *schemas_: type[Schema], extra: tuple[str, ...] = ()) -> None:
    """Refuse query parameters the operation does not know (a typo would otherwise be ignored)."""
    known = set(extra)
    for schema in schemas_:
        known |= {field.alias or name for name, field in schema.model_fields.items()}
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise ApiError(
            _("Unknown query parameter. Known: %(known)s.") % {"known": ", ".join(sorted(known))},
            [{"parameter": name, "message": _("Unknown parameter.")} for name in unknown],
        )


class Pages(PaginationBase):
    """Page numbers with links to the next and previous page, and the total count."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100000, description="Page number, from 1.")
        page_size: int = Field(100, ge=1, le=1000, description="Items per page, at most 1000.")

    class Output(Schema):
        count: int
        page: int
        page_size: int
        next: str | None
        previous: str | None
        items: list

    def __init__(self, *, filter_schemas: tuple[type[Schema], ...] = (), **kwargs):
        super().__init__(**kwargs)
        self.filter_schemas = filter_schemas

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        strict(request, self.Input, *self.filter_schemas)
        page, size = pagination.page, pagination.page_size
        count = self._items_count(queryset)
        start = (page - 1) * size

        def link(number: int) -> str:
            query = request.GET.copy()
            query["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return {
            "count": count,
            "page": page,
            "page_size": size,
            "next": link(page + 1) if start + size < count else None,
            "previous": link(page - 1) if page > 1 else None,
            "items": list(queryset[start : start + size]),
        }


# --- Filters -------------------------------------------------------------------------------

YEAR = Field(None, ge=1900, le=2100)
AREA = Field(None, pattern=r"^\d{4}$", description="A municipality code, 0024 or 0000.")
COMMITMENT = Field(None, pattern=r"^\d{1,2}\.\d{1,2}$", description="An Aalborg code, e.g. 3.2")
SLUG = Field(None, pattern=r"^[-a-zA-Z0-9_]+$", max_length=200)


class GroupFilter(Schema):
    kind: str | None = Field(None, pattern="^(working_group|network|project)$")
    status: str | None = Field(None, pattern="^(active|wound_down|converted)$")
    objective: int | None = Field(None, ge=1, le=99, description="A strategic objective.")


class PlanFilter(Schema):
    year: int | None = YEAR
    group: str | None = SLUG
    commitment: str | None = COMMITMENT
    current: bool | None = Field(None, description="Only the latest approved version of each.")


class ReportFilter(Schema):
    year: int | None = YEAR
    group: str | None = SLUG


class DecisionFilter(Schema):
    year: int | None = YEAR
    municipality: str | None = AREA


class IndicatorFilter(Schema):
    commitment: str | None = COMMITMENT


class ValueFilter(Schema):
    indicator: str | None = SLUG
    municipality: str | None = AREA
    year: int | None = YEAR
    from_year: int | None = YEAR
    to_year: int | None = YEAR
    gender: str | None = Field(None, pattern="^[TKM]$", description="T, K or M.")
    commitment: str | None = COMMITMENT


# --- Operations ----------------------------------------------------------------------------

# The lists, in the order a reader meets them; the index names each with its address.
COLLECTIONS = (
    "municipalities",
    "groups",
    "strategic_plans",
    "priority_areas",
    "commitments",
    "plans",
    "reports",
    "decisions",
    "indicators",
    "values",
)


@api.get("/", response={200: schemas.Index, **ERRORS}, url_name="index", tags=["About"])
def index(request):
    """Where to start: the lists in the API, the documentation, the schema and the licence."""
    strict(request)
    return {
        "title": api.title,
        "licence": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "documentation": request.build_absolute_uri(reverse("api-1:openapi-view")),
        "openapi": request.build_absolute_uri(reverse("api-1:openapi-json")),
        "collections": {
            name: request.build_absolute_uri(reverse(f"api-1:{name}")) for name in COLLECTIONS
        },
    }


@api.get(
    "/municipalities",
    response={200: list[schemas.Municipality], **ERRORS},
    url_name="municipalities",
    tags=["Organisation"],
)
@paginate(Pages, filter_schemas=())
def municipalities(request):
    """The municipalities, members of the cooperation and others, with their Kolada codes."""
    return public.municipalities()


@api.get(
    "/municipalities/{code}",
    response={200: schemas.Municipality, **NOT_FOUND},
    url_name="municipality",
    tags=["Organisation"],
)
def municipality(request, code: str):
    """One municipality by its four-digit code (e.g. 2403 for Bjurholm)."""
    strict(request)
    return get_object_or_404(public.municipalities(), code=code)


@api.get(
    "/groups",
    response={200: list[schemas.Group], **ERRORS},
    url_name="groups",
    tags=["Organisation"],
)
@paginate(Pages, filter_schemas=(GroupFilter,))
def groups(request, filters: Query[GroupFilter]):
    """Working groups, networks and projects, with their current members (names, titles and
    municipalities; never contact details).
    """
    qs = public.groups()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.objective:
        qs = qs.filter(objectives__number=filters.objective)
    return qs


@api.get(
    "/groups/{slug}",
    response={200: schemas.Group, **NOT_FOUND},
    url_name="group",
    tags=["Organisation"],
)
def group(request, slug: str):
    """One group by its slug."""
    strict(request)
    return get_object_or_404(public.groups(), slug=slug)


@api.get(
    "/strategic-plans",
    response={200: list[schemas.StrategicPlan], **ERRORS},
    url_name="strategic_plans",
    tags=["Strategic plan"],
)
@paginate(Pages, filter_schemas=())
def strategic_plans(request):
    """The adopted versions of the strategic plan, one per year, with their objectives."""
    return public.strategic_plans()


@api.get(
    "/strategic-plans/{year}",
    response={200: schemas.StrategicPlan, **NOT_FOUND},
    url_name="strategic_plan",
    tags=["Strategic plan"],
)
def strategic_plan(request, year: int):
    """The strategic plan as adopted for one year."""
    strict(request)
    return get_object_or_404(public.strategic_plans(), year=year)


@api.get(
    "/priority-areas",
    response={200: list[schemas.PriorityArea], **ERRORS},
    url_name="priority_areas",
    tags=["Priority areas"],
)
@paginate(Pages, filter_schemas=())
def priority_areas(request):
    """The priority areas and the Aalborg commitments each municipality has prioritised."""
    return public.priority_areas()


@api.get(
    "/commitments",
    response={200: list[schemas.Commitment], **ERRORS},
    url_name="commitments",
    tags=["Priority areas"],
)
@paginate(Pages, filter_schemas=())
def commitments(request):
    """The prioritised Aalborg commitments, each with the municipalities that chose it."""
    return public.commitments()


def _plans(filters: PlanFilter):
    qs = public.plans()
    if filters.year:
        qs = qs.filter(plan__year__year=filters.year)
    if filters.group:
        qs = qs.filter(plan__group__slug=filters.group)
    if filters.commitment:
        qs = qs.filter(priority_commitments__commitment__code=filters.commitment).distinct()
    return qs


def _mark_current(versions):
    """Flag the latest approved version of each plan, on one page of versions."""
    from django.db.models import Max

    plan_ids = {v.plan_id for v in versions}
    latest = dict(
        public.plans()
        .model.objects.filter(plan_id__in=plan_ids, status=public.PLAN_PUBLIC)
        .values_list("plan_id")
        .annotate(Max("number"))
    )
    for v in versions:
        v.is_current = latest.get(v.plan_id) == v.number
    return versions


@api.get(
    "/plans",
    response={200: list[schemas.Plan], **ERRORS},
    url_name="plans",
    tags=["Plans and reports"],
)
@paginate(Pages, filter_schemas=(PlanFilter,))
def plans(request, filters: Query[PlanFilter]):
    """Approved operational plans (Mall 1), every approved version; `current=true` keeps only the
    latest version of each plan.
    """
    qs = _plans(filters)
    if filters.current:
        newest = (
            public.plans()
            .model.objects.filter(plan=OuterRef("plan"), status=public.PLAN_PUBLIC)
            .order_by()
            .values("plan")
            .annotate(top=Max("number"))
            .values("top")
        )
        qs = qs.filter(number=Subquery(newest))
    return _LazyMarked(qs)


class _LazyMarked:
    """A queryset whose sliced page gets its "current" flags in one more query."""

    def __init__(self, qs):
        self.qs = qs

    def all(self):
        return self.qs.all()

    def __getitem__(self, item):
        return _mark_current(list(self.qs[item]))


@api.get(
    "/plans/{year}/{group}",
    response={200: schemas.Plan, **NOT_FOUND},
    url_name="plan_current",
    tags=["Plans and reports"],
)
def plan_current(request, year: int, group: str):
    """The latest approved version of one group's operational plan for a year."""
    strict(request)
    version = public.plans().filter(plan__year__year=year, plan__group__slug=group).first()
    if version is None:
        raise Http404
    return _mark_current([version])[0]


@api.get(
    "/plans/{year}/{group}/v{number}",
    response={200: schemas.Plan, **NOT_FOUND},
    url_name="plan",
    tags=["Plans and reports"],
)
def plan(request, year: int, group: str, number: int):
    """One approved version of an operational plan."""
    strict(request)
    version = get_object_or_404(
        public.plans(), plan__year__year=year, plan__group__slug=group, number=number
    )
    return _mark_current([version])[0]


@api.get(
    "/reports",
    response={200: list[schemas.Report], **ERRORS},
    url_name="reports",
    tags=["Plans and reports"],
)
@paginate(Pages, filter_schemas=(ReportFilter,))
def reports(request, filters: Query[ReportFilter]):
    """Accepted annual reports (Mall 2): fulfilment of the goals, activities done and not done."""
    qs = public.reports()
    if filters.year:
        qs = qs.filter(year__year=filters.year)
    if filters.group:
        qs = qs.filter(group__slug=filters.group)
    return qs


@api.get(
    "/reports/{year}/{group}",
    response={200: schemas.Report, **NOT_FOUND},
    url_name="report",
    tags=["Plans and reports"],
)
def report(request, year: int, group: str):
    """One group's accepted annual report for a year."""
    strict(request)
    return get_object_or_404(public.reports(), year__year=year, group__slug=group)


@api.get(
    "/decisions",
    response={200: list[schemas.Decision], **ERRORS},
    url_name="decisions",
    tags=["Decisions"],
)
@paginate(Pages, filter_schemas=(DecisionFilter,))
def decisions(request, filters: Query[DecisionFilter]):
    """The regional council's decisions, with each municipality's adoption; `municipality` keeps
    decisions that municipality has taken a stance on.
    """
    qs = public.decisions()
    if filters.year:
        qs = qs.filter(meeting__date__year=filters.year)
    if filters.municipality:
        qs = qs.filter(adoptions__municipality__code=filters.municipality).distinct()
    return qs


@api.get(
    "/decisions/{decision_id}",
    response={200: schemas.Decision, **NOT_FOUND},
    url_name="decision",
    tags=["Decisions"],
)
def decision(request, decision_id: int):
    """One decision of the regional council."""
    strict(request)
    return get_object_or_404(public.decisions(), pk=decision_id)


@api.get(
    "/indicators",
    response={200: list[schemas.Indicator], **ERRORS},
    url_name="indicators",
    tags=["Indicators"],
)
@paginate(Pages, filter_schemas=(IndicatorFilter,))
def indicators(request, filters: Query[IndicatorFilter]):
    """The indicators that follow up the priority areas, with their Kolada KPI and the commitments
    they measure.
    """
    qs = public.indicators()
    if filters.commitment:
        qs = qs.filter(commitments__commitment__code=filters.commitment).distinct()
    return qs


@api.get(
    "/indicators/{slug}",
    response={200: schemas.Indicator, **NOT_FOUND},
    url_name="indicator",
    tags=["Indicators"],
)
def indicator(request, slug: str):
    """One indicator by its slug."""
    strict(request)
    return get_object_or_404(public.indicators(), slug=slug)


def filtered_values(filters: ValueFilter):
    """Shared with the CSV download, so both give the same rows for the same filters."""
    # An inverted range (from_year after to_year) is valid and simply holds no years: the
    # schema cannot forbid it, so refusing it would answer a schema-valid request with 400.
    qs = public.values()
    if filters.indicator:
        qs = qs.filter(indicator__slug=filters.indicator)
    if filters.municipality:
        qs = qs.filter(area=filters.municipality)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.from_year:
        qs = qs.filter(year__gte=filters.from_year)
    if filters.to_year:
        qs = qs.filter(year__lte=filters.to_year)
    if filters.gender:
        qs = qs.filter(gender=filters.gender)
    if filters.commitment:
        qs = public.values_for_commitment(qs, filters.commitment)
    return qs


@api.get(
    "/values", response={200: list[schemas.Value], **ERRORS}, url_name="values", tags=["Indicators"]
)
@paginate(Pages, filter_schemas=(ValueFilter,))
def values(request, filters: Query[ValueFilter]):
    """Indicator values per area and year.

    `area` is a municipality code, 0024 for Västerbotten county or 0000 for Sweden; `source`
    says where each value comes from ("Källa: Kolada" for Kolada's).
    """
    return filtered_values(filters)
