"""The secretariat's Word import: upload, progress, review and confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from samverkan.accounts import permissions
from samverkan.core.forms import attach_errors
from samverkan.core.http import missing_is_404
from samverkan.wordimport import selectors, services, tasks
from samverkan.wordimport.archive import MAX_ZIP_BYTES
from samverkan.wordimport.forms import ReviewForm, UploadForm
from samverkan.wordimport.models import ImportedDocument
from samverkan.wordimport.uploads import CappedUpload, stream_to_disk


def _require(request) -> None:
    if not permissions.can_import_word(request.user):
        raise PermissionDenied


@login_required
@csrf_exempt  # only so that the upload handlers can be set first: _upload checks the token
def upload(request):
    _require(request)
    capped = stream_to_disk(request, MAX_ZIP_BYTES)
    return _upload(request, capped)


@csrf_protect
def _upload(request, capped: CappedUpload):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and capped.too_large:
        form.is_valid()
        form.errors["file"] = form.error_class([_("The zip file is too large to import.")])
    elif request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            # The temporary file, read one Word file at a time.
            batch = services.batch_create(filename=file.name, data=file, actor=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            # The worker reads the files; the batch page shows how far it has come.
            tasks.read_batch.enqueue(batch.pk)
            return redirect("wordimport:batch", batch.pk)
    return render(
        request,
        "wordimport/upload.html",
        {"form": form, "batches": selectors.recent_batches()},
    )


@login_required
@missing_is_404
def batch_detail(request, batch_id: int):
    _require(request)
    batch = selectors.batch(batch_id)
    return render(
        request,
        "wordimport/batch.html",
        {
            "batch": batch,
            "documents": selectors.documents_of(batch),
            "State": ImportedDocument.State,
        },
    )


@login_required
@missing_is_404
def batch_progress(request, batch_id: int):
    """The progress bar alone, polled by HTMX while the batch is read."""
    _require(request)
    batch = selectors.batch(batch_id)
    return render(request, "wordimport/_progress.html", {"batch": batch, "polled": True})


@login_required
@require_POST
@missing_is_404
def batch_read(request, batch_id: int):
    _require(request)
    batch = selectors.batch(batch_id)
    # Asked again (the worker was down, or reading stopped on an error): what is read stays.
    tasks.read_batch.enqueue(batch.pk)
    return redirect("wordimport:batch", batch.pk)


@login_required
@missing_is_404
def review(request, document_id: int):
    _require(request)
    document = selectors.document(document_id)
    if document.state != ImportedDocument.State.TO_REVIEW:
        return render(request, "wordimport/review_done.html", {"document": document})
    form = ReviewForm(document.parsed or {}, document.group, request.POST or None)
    parsed = document.parsed or {}
    group, kind, year = document.group, parsed.get("kind"), parsed.get("year")
    if form.is_bound and form.is_valid():
        c = form.cleaned_data
        group, kind, year = c["group"], c["kind"], c["year"]
    # Said before "Bekräfta" is pressed: the group already has a plan or report that year.
    blocked = selectors.already_there(group, kind, year)
    if request.method == "POST" and "recheck" in request.POST:
        pass  # only look again, with the group and year as corrected
    elif request.method == "POST" and form.is_valid():
        try:
            services.document_confirm(
                document=document,
                data=form.corrected(),
                group=form.cleaned_data["group"],
                actor=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            document.refresh_from_db()
            messages.success(
                request,
                _("%(file)s was imported as %(what)s.")
                % {"file": document.filename, "what": document.result},
            )
            return redirect("wordimport:batch", document.batch_id)
    return render(
        request,
        "wordimport/review.html",
        {"document": document, "form": form, "blocked": blocked},
    )


@login_required
@require_POST
@missing_is_404
def discard(request, document_id: int):
    _require(request)
    document = selectors.document(document_id)
    try:
        services.document_discard(document=document, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(file)s was discarded: nothing was saved from it.") % {"file": document.filename},
        )
    return redirect("wordimport:batch", document.batch_id)
