from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.permissions import can_record_decisions, can_see_plan_proposals
from samverkan.core.cache import public_page
from samverkan.core.http import missing_is_404
from samverkan.strategy import selectors


@public_page
def plan(request):
    proposals = can_see_plan_proposals(request.user)
    current = selectors.current_plan_version()
    return render(
        request,
        "strategy/plan.html",
        {
            "version": current,
            "current": current,
            "versions": list(selectors.plan_versions(include_proposals=proposals)),
            "can_draft": can_record_decisions(request.user),
            "next_year": timezone.localdate().year + 1,
        },
    )


@public_page
@missing_is_404
def version(request, year: int):
    proposals = can_see_plan_proposals(request.user)
    return render(
        request,
        "strategy/plan.html",
        {
            "version": selectors.plan_version(year, include_proposals=proposals),
            "versions": list(selectors.plan_versions(include_proposals=proposals)),
            "current": selectors.current_plan_version(),
        },
    )


@public_page
@missing_is_404
def compare(request):
    proposals = can_see_plan_proposals(request.user)
    versions = list(selectors.plan_versions(include_proposals=proposals))
    context = {"versions": versions}
    old_year, new_year = request.GET.get("from"), request.GET.get("to")
    if old_year is None and new_year is None and len(versions) >= 2:
        old_year, new_year = str(versions[1].year), str(versions[0].year)
    if old_year is not None or new_year is not None:
        if not (old_year or "").isdigit() or not (new_year or "").isdigit():
            return HttpResponseBadRequest(_("Choose two versions to compare."))
        old = selectors.plan_version(int(old_year), include_proposals=proposals)
        new = selectors.plan_version(int(new_year), include_proposals=proposals)
        context.update(old=old, new=new, diff=selectors.version_diff(old, new))
    return render(request, "strategy/compare.html", context)


@public_page
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


@public_page
@missing_is_404
def framework(request, slug: str):
    return render(
        request, "strategy/framework.html", {"framework": selectors.framework_detail(slug)}
    )
