"""Thin views over the interim follow-up services."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts import permissions
from samverkan.core import workflow as core_workflow
from samverkan.core.cache import public_page
from samverkan.organisation.models import Group
from samverkan.planning.documents import interim as interim_exports
from samverkan.planning.forms import TransitionForm
from samverkan.planning.interim_forms import InterimActivityFormSet, InterimReportForm
from samverkan.planning.models import InterimReport, InterimRound, PlanningYear
from samverkan.planning.selectors import interim as selectors
from samverkan.planning.services import interim as services
from samverkan.planning.services.plans import ConcurrentEditError
from samverkan.planning.views.transitions import take_transition


def _interim_for_view(request, slug: str, year: int, round_id: int) -> InterimReport:
    try:
        report = selectors.interim_for(slug, year, round_id)
    except InterimReport.DoesNotExist:
        raise Http404 from None
    if not permissions.can_view_interim_report(request.user, report):
        raise Http404
    return report


@require_POST
@login_required
def interim_create(request, year: int, slug: str, round_id: int):
    planning_year = get_object_or_404(PlanningYear, year=year)
    group = get_object_or_404(Group, slug=slug)
    round = get_object_or_404(InterimRound, pk=round_id)
    try:
        services.interim_report_create(
            group=group, year=planning_year, round=round, actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(group.get_absolute_url())
    messages.success(request, _("The interim report is started from the approved plan."))
    return redirect("planning:interim_edit", year, slug, round_id)


@public_page
def interim_detail(request, year: int, slug: str, round_id: int):
    report = _interim_for_view(request, slug, year, round_id)
    user = request.user
    internal = permissions.is_group_member(user, report.group) or (
        permissions.can_read_unapproved_plans(user)
    )
    return render(
        request,
        "planning/interim_detail.html",
        {
            "report": report,
            "actions": core_workflow.available(report, user),
            "can_edit": permissions.can_edit_interim_report(user, report),
            "show_internal": internal,
            "missing": (
                services.completeness_errors(report) if internal and report.is_editable else {}
            ),
            "transition_form": TransitionForm(),
        },
    )


@login_required
def interim_edit(request, year: int, slug: str, round_id: int):
    report = _interim_for_view(request, slug, year, round_id)
    if not permissions.can_edit_interim_report(request.user, report):
        raise PermissionDenied
    data = request.POST or None
    form = InterimReportForm(data, instance=report, initial={"lock_version": report.lock_version})
    activities = InterimActivityFormSet(
        data, queryset=report.activities.order_by("order", "id"), prefix="act"
    )
    if request.method == "POST" and form.is_valid() and activities.is_valid():
        fields = dict(form.cleaned_data)
        lock = fields.pop("lock_version")
        rows = [f.save(commit=False) for f in activities.forms]
        try:
            services.interim_report_update(
                report=report, fields=fields, rows=rows, expected_lock=lock, actor=request.user
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
    return render(
        request,
        "planning/interim_edit.html",
        {
            "report": report,
            "form": form,
            "activities": activities,
            "has_errors": bool(form.errors) or any(f.errors for f in activities.forms),
        },
    )


@require_POST
@login_required
def interim_transition(request, year: int, slug: str, round_id: int, action: str):
    report = _interim_for_view(request, slug, year, round_id)
    updated = take_transition(request, services.INTERIM, report, action)
    if updated is not None:
        messages.success(
            request,
            _("Done: the interim report is now “%(status)s”.")
            % {"status": updated.get_status_display()},
        )
    return redirect("planning:interim", year, slug, round_id)


def interim_export(request, year: int, slug: str, round_id: int, fmt: str):
    report = _interim_for_view(request, slug, year, round_id)
    exporter = {"pdf": interim_exports.INTERIM_PDF, "docx": interim_exports.INTERIM_DOCX}.get(fmt)
    if exporter is None:
        raise Http404
    result = exporter.render(report)
    response = HttpResponse(result.content, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response
