"""The open data API, read-only JSON under /api/v1/, described by its OpenAPI schema.

Errors are always JSON: {"message": ..., "errors": [{"parameter": ..., "message": ...}]}.
Bad, unknown and repeated query parameters are a 400 that names the parameter and says what
is expected, so that a misspelt filter never silently returns everything; a filter that names
something that does not exist (an indicator, a municipality, a commitment) is a 404 that says
where the valid values are listed. Around the API, transparency.middleware adds the public
cache, HEAD, Last-Modified and the ETag (PublicApiMiddleware) and JSON for errors raised
outside the API (ApiErrorsMiddleware); django-cors-headers answers CORS, and Django's
ConditionalGetMiddleware the 304s.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Query, Schema, Swagger
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase, paginate
from ninja.renderers import JSONRenderer

from samverkan.followup.models import Indicator
from samverkan.followup.selectors import region_points
from samverkan.followup.services import comparison_areas
from samverkan.strategy.models import Commitment, Objective
from samverkan.transparency import downloads, public, schemas
from samverkan.transparency.licence import LICENCE_NAME, LICENCE_URL

ERRORS = {400: schemas.Error}
NOT_FOUND = {400: schemas.Error, 404: schemas.Error}
# A list whose filters name things (an indicator, a group...): naming nothing is a 404.
FILTERED = NOT_FOUND


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
    # Without deep links Swagger UI puts no link inside each operation's toggle button, which
    # axe reports as nested interactive controls (a screen reader cannot reach the inner one).
    docs=Swagger(settings={"deepLinking": False}),
)


class ApiError(Exception):
    def __init__(self, message: str, errors: list[dict] | None = None, status: int = 400):
        self.message, self.errors, self.status = message, errors or [], status


def _problem(request, message: str, errors: list | None = None, status: int = 400):
    return api.create_response(request, {"message": message, "errors": errors or []}, status=status)


# What a filter's value must look like; a value of the wrong form is told what is expected.
MUNICIPALITY_PATTERN = r"^\d{4}$"
AREA_PATTERN = rf"^(\d{{4}}|{downloads.REGION_AREA})$"
COMMITMENT_PATTERN = r"^\d{1,2}\.\d{1,2}$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
GENDER_PATTERN = "^[TKM]$"
KIND_PATTERN = "^(working_group|network|project)$"
STATUS_PATTERN = "^(active|wound_down|converted)$"
_FORMS = {
    MUNICIPALITY_PATTERN: gettext_lazy("Give the municipality code as four digits, e.g. 0180."),
    AREA_PATTERN: gettext_lazy(
        "Give a municipality code of four digits (e.g. 0180), the county's code, 0000 for "
        "Sweden or region for the cooperation."
    ),
    COMMITMENT_PATTERN: gettext_lazy("Give the commitment as e.g. 3.2."),
    SLUG_PATTERN: gettext_lazy("Give a slug: letters, digits, - and _ only."),
    GENDER_PATTERN: gettext_lazy("Give T, K or M."),
    KIND_PATTERN: gettext_lazy("Give working_group, network or project."),
    STATUS_PATTERN: gettext_lazy("Give active, wound_down or converted."),
}


def _pattern_mismatch(error) -> str:
    form = _FORMS.get(error.get("ctx", {}).get("pattern"))
    return str(form) if form else _("The value does not have the expected form.")


# Pydantic's messages are English; these say the same in the interface language.
_MESSAGES = {
    "int_parsing": lambda e: _("Give a whole number."),
    "int_type": lambda e: _("Give a whole number."),
    "greater_than_equal": lambda e: _("Give at least %(limit)s.") % {"limit": e["ctx"]["ge"]},
    "less_than_equal": lambda e: _("Give at most %(limit)s.") % {"limit": e["ctx"]["le"]},
    "string_pattern_mismatch": _pattern_mismatch,
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
        explain = _MESSAGES.get(error.get("type", ""), lambda e: _("The value is not valid."))
        errors.append({"parameter": ".".join(where[-1:]) or "?", "message": str(explain(error))})
    return _problem(request, _("The request has parameters that are not valid."), errors)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _problem(request, exc.message, exc.errors, exc.status)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _problem(request, _("There is nothing public at this address."), status=404)


def strict(request, *schemas_: type[Schema], extra: tuple[str, ...] = ()) -> None:
    """Refuse query parameters the operation does not know (a typo would otherwise be ignored),
    and any given twice (only one of them would be used, silently)."""
    known = set(extra)
    for schema in schemas_:
        known |= {field.alias or name for name, field in schema.model_fields.items()}
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise ApiError(
            _("Unknown query parameter. Known: %(known)s.") % {"known": ", ".join(sorted(known))},
            [{"parameter": name, "message": _("Unknown parameter.")} for name in unknown],
        )
    repeated = sorted(name for name in request.GET if len(request.GET.getlist(name)) > 1)
    if repeated:
        raise ApiError(
            _("A query parameter is given more than once."),
            [{"parameter": name, "message": _("Give this parameter once.")} for name in repeated],
        )


def _unknown(parameter: str, message: str) -> ApiError:
    """A filter that names something that does not exist: 404, saying what there is instead."""
    return ApiError(
        _("Unknown value for the parameter %(parameter)s.") % {"parameter": parameter},
        [{"parameter": parameter, "message": message}],
        status=404,
    )


def _listed(request, name: str) -> dict[str, str]:
    return {"url": request.build_absolute_uri(reverse(f"api-1:{name}"))}


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
MUNICIPALITY = Field(
    None,
    pattern=MUNICIPALITY_PATTERN,
    description="A municipality's four-digit code, e.g. 0180 for Stockholm; see /municipalities.",
)
COMMITMENT = Field(
    None,
    pattern=COMMITMENT_PATTERN,
    description="An Aalborg Commitment's code, e.g. 3.2; see /commitments.",
)
GROUP = Field(
    None, pattern=SLUG_PATTERN, max_length=200, description="A group's slug; see /groups."
)


def _check_group(request, slug: str | None) -> None:
    if slug and not public.groups().filter(slug=slug).exists():
        message = _("No group has this slug; the groups are at %(url)s.")
        raise _unknown("group", message % _listed(request, "groups"))


def _check_commitment(request, code: str | None) -> None:
    if code and not Commitment.objects.filter(code=code).exists():
        message = _("No Aalborg Commitment has this code; the commitments are at %(url)s.")
        raise _unknown("commitment", message % _listed(request, "commitments"))


class GroupFilter(Schema):
    kind: str | None = Field(
        None, pattern=KIND_PATTERN, description="working_group, network or project."
    )
    status: str | None = Field(
        None, pattern=STATUS_PATTERN, description="active, wound_down or converted."
    )
    objective: int | None = Field(None, ge=1, le=99, description="A strategic objective's number.")

    def check(self, request) -> None:
        if self.objective:
            numbers = list(Objective.objects.order_by("number").values_list("number", flat=True))
            if self.objective not in numbers:
                message = _("No strategic objective has this number. Choose one of: %(choices)s.")
                raise _unknown("objective", message % {"choices": ", ".join(map(str, numbers))})


class PlanFilter(Schema):
    year: int | None = YEAR
    group: str | None = GROUP
    commitment: str | None = COMMITMENT
    current: bool | None = Field(None, description="Only the latest approved version of each.")

    def check(self, request) -> None:
        _check_group(request, self.group)
        _check_commitment(request, self.commitment)


class ReportFilter(Schema):
    year: int | None = YEAR
    group: str | None = GROUP

    def check(self, request) -> None:
        _check_group(request, self.group)


class DecisionFilter(Schema):
    year: int | None = YEAR
    municipality: str | None = MUNICIPALITY

    def check(self, request) -> None:
        code = self.municipality
        if code and not public.municipalities().filter(code=code).exists():
            message = _("No municipality has this code; the municipalities are at %(url)s.")
            raise _unknown("municipality", message % _listed(request, "municipalities"))


class IndicatorFilter(Schema):
    commitment: str | None = COMMITMENT

    def check(self, request) -> None:
        _check_commitment(request, self.commitment)


class ValueFilter(Schema):
    indicator: str | None = Field(
        None,
        pattern=SLUG_PATTERN,
        max_length=200,
        description="An indicator's slug, e.g. invanare; see /indicators.",
    )
    municipality: str | None = Field(
        None,
        pattern=AREA_PATTERN,
        description=(
            "The area: a municipality's four-digit code (e.g. 0180 for Stockholm), the county's "
            "Kolada code, 0000 for Sweden, or `region` for the cooperation's own value, "
            "computed from its members' values."
        ),
    )
    year: int | None = YEAR
    from_year: int | None = Field(None, ge=1900, le=2100, description="No later than to_year.")
    to_year: int | None = YEAR
    gender: str | None = Field(None, pattern=GENDER_PATTERN, description="T, K or M.")
    commitment: str | None = COMMITMENT

    def check(self, request) -> None:
        if self.indicator and not public.indicators().filter(slug=self.indicator).exists():
            message = _("No indicator has this slug; the indicators are at %(url)s.")
            raise _unknown("indicator", message % _listed(request, "indicators"))
        code = self.municipality
        if code and not (
            code in (*comparison_areas(), downloads.REGION_AREA)
            or public.municipalities().filter(code=code).exists()
            or public.values().filter(area=code).exists()
        ):
            message = _(
                "No area has this code. Give a municipality code (the municipalities are at "
                "%(url)s), the county's code, 0000 for Sweden or region for the cooperation."
            )
            raise _unknown("municipality", message % _listed(request, "municipalities"))
        _check_commitment(request, self.commitment)
        if self.from_year and self.to_year and self.from_year > self.to_year:
            message = _("Give a from_year no later than to_year.")
            raise ApiError(
                _("The years are in the wrong order."),
                [{"parameter": "from_year", "message": message}],
            )


Filters = GroupFilter | PlanFilter | ReportFilter | DecisionFilter | IndicatorFilter | ValueFilter


def checked(request, filters: Filters) -> None:
    """Before any work: refuse unknown and repeated parameters, then filters naming nothing."""
    strict(request, Pages.Input, type(filters))
    filters.check(request)


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
    """One municipality by its four-digit code (e.g. 0180 for Stockholm)."""
    strict(request)
    return get_object_or_404(public.municipalities(), code=code)


@api.get(
    "/groups",
    response={200: list[schemas.Group], **FILTERED},
    url_name="groups",
    tags=["Organisation"],
)
@paginate(Pages, filter_schemas=(GroupFilter,))
def groups(request, filters: Query[GroupFilter]):
    """Working groups, networks and projects, with their current members (names, titles and
    municipalities; never contact details).
    """
    checked(request, filters)
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
    """Every Aalborg Commitment, with its code, theme and text. Which the municipalities have
    prioritised, and in which priority area, is under /priority-areas.
    """
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
    response={200: list[schemas.Plan], **FILTERED},
    url_name="plans",
    tags=["Plans and reports"],
)
@paginate(Pages, filter_schemas=(PlanFilter,))
def plans(request, filters: Query[PlanFilter]):
    """Approved operational plans (Mall 1), every approved version; `current=true` keeps only the
    latest version of each plan.
    """
    checked(request, filters)
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
    response={200: list[schemas.Report], **FILTERED},
    url_name="reports",
    tags=["Plans and reports"],
)
@paginate(Pages, filter_schemas=(ReportFilter,))
def reports(request, filters: Query[ReportFilter]):
    """Accepted annual reports (Mall 2): fulfilment of the goals, activities done and not done."""
    checked(request, filters)
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
    response={200: list[schemas.Decision], **FILTERED},
    url_name="decisions",
    tags=["Decisions"],
)
@paginate(Pages, filter_schemas=(DecisionFilter,))
def decisions(request, filters: Query[DecisionFilter]):
    """The regional council's decisions, with each municipality's adoption; `municipality` keeps
    the decisions sent to that municipality to adopt, whether it has decided yet (each
    adoption's status: pending, adopted or rejected).
    """
    checked(request, filters)
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
    "/adoptions",
    response={200: schemas.AdoptionMatrix, **NOT_FOUND},
    url_name="adoptions",
    tags=["Decisions"],
)
def adoptions(request):
    """The council's decisions that concern the members × the member municipalities: each
    member's track (sent, on the agenda, decided) with its case number, paragraph and
    minutes. The same as the portal's matrix and its CSV file."""
    strict(request)
    return public.adoption_matrix()


@api.get(
    "/indicators",
    response={200: list[schemas.Indicator], **FILTERED},
    url_name="indicators",
    tags=["Indicators"],
)
@paginate(Pages, filter_schemas=(IndicatorFilter,))
def indicators(request, filters: Query[IndicatorFilter]):
    """The indicators that follow up the priority areas, with their Kolada KPI and the commitments
    they measure.
    """
    checked(request, filters)
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
    """The stored values (Kolada's, imported or entered) for the filters."""
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
    "/values",
    response={200: list[schemas.Value], **FILTERED},
    url_name="values",
    tags=["Indicators"],
)
@paginate(Pages, filter_schemas=(ValueFilter,))
def values(request, filters: Query[ValueFilter]):
    """Indicator values per area and year.

    `area` is a municipality code, the county's code or 0000 for Sweden; `source`
    says where each value comes from ("Källa: Kolada" for Kolada's). `municipality=region`
    gives instead the cooperation's own value per indicator and year (total only), computed from
    the members' values by the indicator's rule, as on the indicator's page and in its CSV
    download; those have `area` region and `origin` computed, and are only in that list.
    """
    checked(request, filters)
    if filters.municipality == downloads.REGION_AREA:
        return region_values(filters)
    return filtered_values(filters)


@dataclass
class RegionValue:
    """The cooperation's value for a year: computed, not stored; shaped like a Value."""

    indicator: Indicator
    area: str
    year: int
    gender: str
    value: Decimal
    status: str
    source: str
    members: list[str]
    origin: str = schemas.COMPUTED


def region_values(filters: ValueFilter) -> list[RegionValue]:
    """The cooperation's own values for the filters, as in each indicator's CSV download: the
    same computation, the same rounding and source note, in a fixed number of queries."""
    indicators = public.indicators().prefetch_related(None).order_by("slug")
    if filters.indicator:
        indicators = indicators.filter(slug=filters.indicator)
    if filters.commitment:
        indicators = indicators.filter(commitments__commitment__code=filters.commitment).distinct()
    if filters.gender and filters.gender != "T":
        return []  # the cooperation's value is computed for the total only
    found = []
    for point in region_points(indicators):
        if (
            (filters.year and point.year != filters.year)
            or (filters.from_year and point.year < filters.from_year)
            or (filters.to_year and point.year > filters.to_year)
        ):
            continue
        found.append(
            RegionValue(
                indicator=point.indicator,
                area=downloads.REGION_AREA,
                year=point.year,
                gender="T",
                value=downloads.region_figure(point.value),
                status="",
                source=downloads.region_source(point.indicator, point.origins),
                members=point.members,
            )
        )
    return found
