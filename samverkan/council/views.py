"""The follow-up's front page and the council's yearly follow-up, public as the indicators
are. The compilations of plans and reports are the secretariat's and served by the desk."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from samverkan.accounts import permissions
from samverkan.core.cache import public_page
from samverkan.core.exports import registry
from samverkan.council import followup_report as follow_up
from samverkan.council import selectors as council_selectors
from samverkan.followup import selectors as followup_selectors
from samverkan.organisation.selectors import cooperation


@public_page
def overview(request):
    """The follow-up's front page: the indicators by priority area, the vision, and the
    council's yearly follow-up of each year that has begun."""
    return render(
        request,
        "council/overview.html",
        {
            "areas": followup_selectors.indicators_by_area(),
            "vision": followup_selectors.vision(),
            "cooperation": cooperation(),
            "can_manage": permissions.can_manage_indicators(request.user),
            "years": council_selectors.followed_up_years(),
        },
    )


@public_page
def followup_report(request, year: int, fmt: str):
    """The yearly follow-up for the council; public, as the indicators are."""
    identifier = {"pdf": "followup_pdf", "docx": "followup_docx"}.get(fmt)
    if identifier is None:
        raise Http404
    planning_year = get_object_or_404(council_selectors.followed_up_years(), year=year)
    result = registry.get(identifier).render(follow_up.build(planning_year))
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response
