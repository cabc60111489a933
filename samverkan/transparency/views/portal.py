from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samverkan.core.cache import public_page
from samverkan.core.http import missing_is_404
from samverkan.followup.models import Indicator
from samverkan.followup.selectors import indicator_view
from samverkan.organisation.models import Body
from samverkan.organisation.selectors import body_of_kind, cooperation, group_kind_name
from samverkan.planning.models import (
    ActivityResult,
    AnnualReport,
    Fulfilment,
    PlanningYear,
    PlanVersion,
)
from samverkan.strategy.selectors import current_plan_version
from samverkan.transparency import downloads, public, search
from samverkan.transparency.licence import KOLADA_CITATION, LICENCE_NAME, LICENCE_URL


@public_page
def home(request):
    return render(
        request,
        "transparency/home.html",
        {
            "cooperation": cooperation(),
            "council": body_of_kind(Body.Kind.COUNCIL),
            "version": current_plan_version(),
        },
    )


@require_safe
def healthz(request):
    """For load balancers and monitoring; touches nothing, so it is also the benchmark floor."""
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@public_page
def search_view(request):
    text = request.GET.get("q", "").strip()[:200]
    too_short = bool(text) and len(text) < search.MIN_LENGTH
    sections = search.search(text) if text and not too_short else []
    labels = {
        "municipalities": _("Member municipalities"),
        "vision": _("Vision"),
        "strategic_plans": _("Adopted versions of the strategic plan"),
        "objectives": _("Objectives"),
        "groups": _("Groups"),
        "plans": _("Approved operational plans"),
        "reports": _("Accepted annual reports"),
        "decisions": _("Decisions"),
        "priorities": _("Priority areas"),
        "indicators": _("Indicators"),
    }
    return render(
        request,
        "transparency/search.html",
        {
            "q": text,
            "too_short": too_short,
            "sections": [(labels[s.kind], s) for s in sections if s.hits],
            "total": sum(len(s.hits) for s in sections),
            "min_length": search.MIN_LENGTH,
        },
    )


@require_safe
@public_page
def open_data(request):
    return render(
        request,
        "transparency/open_data.html",
        {
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "kolada_citation": KOLADA_CITATION,
            "indicators": Indicator.objects.order_by("title"),
            "years": public.years_with_figures(),
            # A year's value file is offered only when it has rows, newest first.
            "value_years": sorted(
                set(public.values().order_by().values_list("year", flat=True).distinct()),
                reverse=True,
            ),
        },
    )


@require_safe
@public_page
def accessibility(request):
    return render(request, "transparency/accessibility.html")


@require_safe
@public_page
@missing_is_404
def indicator_csv(request, slug: str):
    view = indicator_view(slug)
    return downloads.values_csv(
        f"{view.indicator.slug}.csv",
        public.values().filter(indicator=view.indicator),
        extra_rows=downloads.region_rows(view),
    )


@require_safe
@public_page
def year_values_csv(request, year: int):
    values = public.values().filter(year=year)
    if not values.exists() and not PlanningYear.objects.filter(year=year).exists():
        raise Http404
    return downloads.values_csv(f"samverkan-{year}-indikatorer.csv", values)


@require_safe
@public_page
def year_groups_csv(request, year: int):
    """Each group's approved plan and accepted report for the year, in figures."""
    planning_year = get_object_or_404(PlanningYear, year=year)
    latest = (
        PlanVersion.objects.filter(plan__year=planning_year, status=public.PLAN_PUBLIC)
        .values("plan__group_id")
        .annotate(number=Max("number"))
    )
    plans = {}
    for row in latest:
        plans[row["plan__group_id"]] = row["number"]
    counted = (
        PlanVersion.objects.filter(plan__year=planning_year, status=public.PLAN_PUBLIC)
        .annotate(
            n_goals=Count("goals", distinct=True), n_activities=Count("activities", distinct=True)
        )
        .values("plan__group_id", "number", "n_goals", "n_activities")
    )
    plan_counts = {
        (r["plan__group_id"], r["number"]): (r["n_goals"], r["n_activities"]) for r in counted
    }
    reports = {
        r["group_id"]: r
        for r in AnnualReport.objects.filter(year=planning_year, status=public.REPORT_PUBLIC)
        .annotate(
            fully=Count("goals", filter=Q(goals__fulfilment=Fulfilment.FULLY), distinct=True),
            partly=Count("goals", filter=Q(goals__fulfilment=Fulfilment.PARTLY), distinct=True),
            not_met=Count(
                "goals", filter=Q(goals__fulfilment=Fulfilment.NOT_AT_ALL), distinct=True
            ),
            done=Count(
                "activities", filter=Q(activities__result=ActivityResult.DONE), distinct=True
            ),
            not_done=Count(
                "activities", filter=Q(activities__result=ActivityResult.NOT_DONE), distinct=True
            ),
        )
        .values("group_id", "fully", "partly", "not_met", "done", "not_done", "meetings")
    }
    rows = []
    coop = cooperation()
    for group in public.groups().prefetch_related(None).order_by("name"):
        number = plans.get(group.pk)
        report = reports.get(group.pk)
        if number is None and report is None:
            continue
        goals, activities = plan_counts.get((group.pk, number), ("", ""))
        rows.append(
            [
                group.slug,
                group.name,
                group_kind_name(group.kind, coop=coop),
                "ja" if number else "nej",
                number or "",
                goals,
                activities,
                "ja" if report else "nej",
                *(
                    [report[k] for k in ("fully", "partly", "not_met", "done", "not_done")]
                    if report
                    else [""] * 5
                ),
                (report["meetings"] if report and report["meetings"] is not None else ""),
            ]
        )
    return downloads.year_csv(year, rows)


@require_safe
@public_page
def adoption_matrix(request):
    """The council's decisions × the member municipalities: where each member stands."""
    return render(
        request, "transparency/adoption_matrix.html", {"matrix": public.adoption_matrix()}
    )


@require_safe
@public_page
def adoption_matrix_csv(request):
    return downloads.adoption_csv(public.adoption_matrix())
