"""Thin views over the annual report services."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseModelFormSet
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts import permissions
from samverkan.core import workflow as core_workflow
from samverkan.core.cache import public_page
from samverkan.core.exports import registry
from samverkan.organisation.models import Group
from samverkan.organisation.selectors import page_limit
from samverkan.planning.documents import reports as report_exports
from samverkan.planning.forms import (
    ReportActivityFormSet,
    ReportForm,
    ReportGoalFormSet,
    ReportPriorityFormSet,
    TransitionForm,
)
from samverkan.planning.models import AnnualReport, Document, PlanningYear
from samverkan.planning.selectors import plans as selectors
from samverkan.planning.selectors.wording import wording_for
from samverkan.planning.services import reports as services
from samverkan.planning.services.plans import ConcurrentEditError
from samverkan.planning.views.transitions import take_transition


def _report_for_view(request, slug: str, year: int):
    try:
        report = selectors.report_for(slug, year)
    except AnnualReport.DoesNotExist:
        raise Http404 from None
    if not permissions.can_view_report(request.user, report):
        raise Http404
    return report


@require_POST
@login_required
def report_create(request, year: int, slug: str):
    planning_year = get_object_or_404(PlanningYear, year=year)
    group = get_object_or_404(Group, slug=slug)
    try:
        services.report_create(group=group, year=planning_year, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:year", year)
    messages.success(request, _("The report is started from the approved plan."))
    return redirect("planning:report_edit", year, slug)


@public_page
def report_detail(request, year: int, slug: str):
    report = _report_for_view(request, slug, year)
    user = request.user
    document = report_exports.build_document(
        report, public=not permissions.can_see_contact_details(user)
    )
    internal = permissions.is_group_member(user, report.group) or (
        permissions.can_read_unapproved_plans(user)
    )
    context = {
        "report": report,
        "document": document,
        "actions": core_workflow.available(report, user),
        "can_edit": permissions.can_edit_report(user, report),
        "show_internal": internal,
        "transition_form": TransitionForm(),
    }
    if internal:
        context["pages"] = services.pages_of(report)
        context["max_pages"] = page_limit()
        context["page_error"] = services.page_limit_error(report, context["pages"])
        context["missing"] = services.completeness_errors(report) if report.is_editable else {}
    return render(request, "planning/report_detail.html", context)


@login_required
def report_edit(request, year: int, slug: str):
    report = _report_for_view(request, slug, year)
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied
    data = request.POST or None
    wording = wording_for(
        Document.NETWORK_REPORT if report.is_light else Document.REPORT, year=report.year.year
    )
    form = ReportForm(
        data, instance=report, initial={"lock_version": report.lock_version}, wording=wording
    )
    goals = ReportGoalFormSet(data, queryset=report.goals.order_by("order", "id"), prefix="goal")
    activities = ReportActivityFormSet(data, queryset=report.activities.all(), prefix="act")
    priorities = ReportPriorityFormSet(data, queryset=report.priorities.all(), prefix="prio")
    formsets: list[BaseModelFormSet] = [goals, activities, priorities]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        fields = dict(form.cleaned_data)
        lock = fields.pop("lock_version")
        municipalities = fields.pop("municipalities", None)
        rows = [f.save(commit=False) for fs in formsets for f in fs.forms]
        try:
            services.report_update(
                report=report,
                fields=fields,
                rows=rows,
                municipalities=municipalities,
                expected_lock=lock,
                actor=request.user,
            )
        except ConcurrentEditError as exc:
            form.add_error(None, exc)
            report.refresh_from_db()
            fresh = cast(QueryDict, form.data).copy()  # request.POST, made mutable
            fresh["lock_version"] = str(report.lock_version)
            form.data = fresh
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(report.get_absolute_url())
    goal_rows = list(zip(goals.forms, [f.instance for f in goals.forms], strict=True))
    return render(
        request,
        "planning/report_edit.html",
        {
            "report": report,
            "form": form,
            "wording": wording,
            "goals": goals,
            "goal_rows": goal_rows,
            "activities": activities,
            "priorities": priorities,
            "has_errors": bool(form.errors) or any(f.errors for fs in formsets for f in fs.forms),
        },
    )


@require_POST
@login_required
def report_transition(request, year: int, slug: str, action: str):
    report = _report_for_view(request, slug, year)
    updated = take_transition(request, services.REPORTS, report, action)
    if updated is not None:
        messages.success(
            request,
            _("Done: the report is now “%(status)s”.") % {"status": updated.get_status_display()},
        )
    return redirect("planning:report", year, slug)


def report_export(request, year: int, slug: str, fmt: str):
    report = _report_for_view(request, slug, year)
    identifier = {"pdf": "report_pdf", "docx": "report_docx"}.get(fmt)
    if identifier is None:
        raise Http404
    result = registry.get(identifier).render(
        report, public=not permissions.can_see_contact_details(request.user)
    )
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response
