from django.shortcuts import render

from samverkan.core import charts
from samverkan.followup import analysis, selectors
from samverkan.organisation.selectors import cooperation

LIGHTS = {
    analysis.ON_TRACK: "on_track",
    analysis.AT_RISK: "at_risk",
    analysis.OFF_TRACK: "off_track",
    analysis.UNKNOWN: "unknown",
}


def overview(request):
    return render(
        request,
        "followup/overview.html",
        {
            "areas": selectors.indicators_by_area(),
            "vision": selectors.vision(),
            "cooperation": cooperation(),
        },
    )


def indicator(request, slug: str):
    view = selectors.indicator_view(slug)
    chart = None
    if view.series:
        target = (view.target.year, float(view.target.value)) if view.target else None
        chart = charts.line_svg(
            view.series,
            title=view.indicator.title,
            emphasised=view.emphasised,
            target=target,
            unit=view.indicator.unit,
        )
    return render(
        request, "followup/indicator.html", {"v": view, "chart": chart, "light": LIGHTS[view.light]}
    )


def vision(request):
    return render(
        request,
        "followup/vision.html",
        {
            "vision": selectors.vision(),
            "cooperation": cooperation(),
        },
    )
