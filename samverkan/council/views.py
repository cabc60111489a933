"""The follow-up's front page and the council's yearly follow-up, public as the indicators
are. The compilations of plans and reports are the secretariat's and served by the desk."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samverkan.accounts import permissions
from samverkan.core.cache import public_page
from samverkan.core.models import GeneratedDocument
from samverkan.council import jobs
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


def followup_report(request, year: int, fmt: str):
    """The yearly follow-up for the council; public, as the indicators are. Made in the
    background: the reader gets the file at once when it is ready, else its progress page."""
    if fmt not in jobs.FOLLOWUP_FORMATS:
        raise Http404
    planning_year = get_object_or_404(council_selectors.followed_up_years(), year=year)
    return document_or_progress(jobs.request_followup(planning_year, fmt, user=request.user))


def document_or_progress(job: GeneratedDocument):
    if job.status == GeneratedDocument.Status.DONE:
        return _file_response(job)
    return redirect("council:document", job.pk)


def _file_response(job: GeneratedDocument):
    with job.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


def _readable_job(request, pk: int) -> GeneratedDocument:
    job = get_object_or_404(GeneratedDocument, pk=pk)
    if not permissions.can_read_generated_document(request.user, job.kind):
        raise PermissionDenied
    return job


@never_cache
def document(request, pk: int):
    """A document being made: its progress (polled), then its download, or what went wrong."""
    job = _readable_job(request, pk)
    return render(request, "council/document.html", {"job": job, "title": jobs.describe(job)})


@never_cache
def document_status(request, pk: int):
    """The progress part of the document page, polled by HTMX every second until finished."""
    job = _readable_job(request, pk)
    return render(request, "council/document_status.html", {"job": job})


def document_file(request, pk: int):
    job = _readable_job(request, pk)
    if job.status != GeneratedDocument.Status.DONE or not job.file:
        return redirect("council:document", job.pk)
    return _file_response(job)


@require_POST
def document_retry(request, pk: int):
    job = _readable_job(request, pk)
    return redirect("council:document", jobs.retry(job, user=request.user).pk)
