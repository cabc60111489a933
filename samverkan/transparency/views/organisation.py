from django.shortcuts import render

from samverkan.accounts import permissions
from samverkan.core.cache import public_page
from samverkan.core.http import missing_is_404
from samverkan.organisation import selectors
from samverkan.organisation.models import Body
from samverkan.planning.models import PlanningYear
from samverkan.planning.selectors import interim as interim_selectors
from samverkan.transparency import public
from samverkan.transparency import selectors as pages


@public_page
def organisation(request):
    return render(
        request,
        "transparency/organisation/chart.html",
        {
            "chart": pages.organisation_chart(),
            "cooperation": selectors.cooperation(),
            "municipalities": selectors.member_municipalities(),
        },
    )


@public_page
def group_list(request):
    return render(
        request, "transparency/organisation/group_list.html", {"groups": selectors.group_list()}
    )


@public_page
@missing_is_404
def group_detail(request, slug: str):
    group = selectors.group_detail(slug)
    # The rounds of the open years, with their reports, for the group and those who follow
    # it; everyone else sees the noted interim reports only.
    rounds = []
    if permissions.is_group_member(request.user, group) or permissions.can_read_unapproved_plans(
        request.user
    ):
        rounds = interim_selectors.group_rounds(
            group, list(PlanningYear.objects.filter(closed_at__isnull=True))
        )
    return render(
        request,
        "transparency/organisation/group_detail.html",
        {
            "group": group,
            "documents": public.documents_of(group),
            "interim_rounds": rounds,
            "interim_public": public.interim_reports_of(group),
            "interim_writer": permissions.can_create_interim_report(request.user, group),
            "plan_field_of_work": None
            if group.field_of_work
            else public.field_of_work_in_plan(group),
        },
    )


@public_page
@missing_is_404
def body_detail(request, kind: str):
    body = selectors.body_detail(kind)
    return render(
        request,
        "transparency/organisation/body_detail.html",
        {"body": body, "is_council": body.kind == Body.Kind.COUNCIL},
    )


@public_page
def municipality_list(request):
    return render(
        request,
        "transparency/organisation/municipality_list.html",
        {"municipalities": selectors.municipality_list()},
    )


@public_page
@missing_is_404
def municipality_detail(request, code: str):
    return render(
        request,
        "transparency/organisation/municipality_detail.html",
        {"page": pages.municipality_page(code)},
    )
