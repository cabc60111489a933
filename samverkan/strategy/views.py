from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from samverkan.strategy import selectors


def plan(request):
    versions = list(selectors.plan_versions())
    return render(
        request,
        "strategy/plan.html",
        {"version": selectors.current_plan_version(), "versions": versions, "is_current": True},
    )


def version(request, year: int):
    return render(
        request,
        "strategy/plan.html",
        {
            "version": selectors.plan_version(year),
            "versions": list(selectors.plan_versions()),
            "current": selectors.current_plan_version(),
        },
    )


def compare(request):
    versions = list(selectors.plan_versions())
    context = {"versions": versions}
    old_year, new_year = request.GET.get("from"), request.GET.get("to")
    if old_year is None and new_year is None and len(versions) >= 2:
        old_year, new_year = str(versions[1].year), str(versions[0].year)
    if old_year is not None or new_year is not None:
        if not (old_year or "").isdigit() or not (new_year or "").isdigit():
            return HttpResponseBadRequest(_("Choose two versions to compare."))
        old, new = selectors.plan_version(int(old_year)), selectors.plan_version(int(new_year))
        context.update(old=old, new=new, diff=selectors.version_diff(old, new))
    return render(request, "strategy/compare.html", context)


def priority_areas(request):
    municipalities, rows = selectors.priority_matrix()
    return render(
        request,
        "strategy/priority_areas.html",
        {
            "areas": selectors.priority_areas(),
            "municipalities": municipalities,
            "rows": rows,
        },
    )


def framework(request, slug: str):
    return render(
        request, "strategy/framework.html", {"framework": selectors.framework_detail(slug)}
    )
