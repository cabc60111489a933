"""Documents made in the background: ask for one, follow its progress, fetch the file.

The work itself is a task (django-tasks) defined by the layer that knows the document; this
module keeps the record (models.GeneratedDocument) and the rules: a finished document is
reused for the same request until something is published, a failed one can be tried again,
and a request never waits for the work.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone

from samverkan.core import cache
from samverkan.core.models import GeneratedDocument

log = logging.getLogger(__name__)

# A queued or running document not finished after this long is taken as lost (a worker that
# stopped) and made again on the next request.
STALE_AFTER = timedelta(minutes=30)

Status = GeneratedDocument.Status


def _fresh(kind: str, key: str, generation: int) -> GeneratedDocument | None:
    job = (
        GeneratedDocument.objects.filter(kind=kind, key=key, generation=generation)
        .exclude(status=Status.FAILED)
        .order_by("-created_at", "-id")
        .first()
    )
    if job is None:
        return None
    if not job.finished and job.created_at < timezone.now() - STALE_AFTER:
        fail(job.pk, "")
        return None
    return job


def request(
    kind: str, key: str, parameters: dict, *, user, enqueue: Callable[[int], object]
) -> GeneratedDocument:
    """The document for these parameters: the one already made (or being made) since the
    last publication, or a new one handed to the task queue."""
    generation, _changed = cache.current()
    job = _fresh(kind, key, generation)
    if job is not None:
        return job
    job = GeneratedDocument.objects.create(
        kind=kind,
        key=key,
        parameters=parameters,
        generation=generation,
        requested_by=user if user is not None and user.is_authenticated else None,
    )
    _forget_older(job)
    enqueue(job.pk)
    job.refresh_from_db()  # an immediate backend has already done the work
    return job


def retry(job: GeneratedDocument, *, user, enqueue: Callable[[int], object]) -> GeneratedDocument:
    """A failed document asked for again."""
    return request(job.kind, job.key, job.parameters, user=user, enqueue=enqueue)


def _forget_older(job: GeneratedDocument) -> None:
    """Files made before a publication are out of date: delete them, keep the records."""
    for old in GeneratedDocument.objects.filter(kind=job.kind, key=job.key).exclude(pk=job.pk):
        if old.file:
            old.file.delete(save=False)
            GeneratedDocument.objects.filter(pk=old.pk).update(file="")


def start(job_id: int, total: int) -> None:
    GeneratedDocument.objects.filter(pk=job_id).update(
        status=Status.RUNNING, total=total, done=0, started_at=timezone.now()
    )


def advance(job_id: int, done: int, total: int | None = None) -> None:
    changes: dict = {"done": done}
    if total is not None:
        changes["total"] = total
    GeneratedDocument.objects.filter(pk=job_id).update(**changes)


def finish(job_id: int, *, filename: str, content_type: str, content: bytes) -> None:
    job = GeneratedDocument.objects.get(pk=job_id)
    job.file.save(filename, ContentFile(content), save=False)
    GeneratedDocument.objects.filter(pk=job_id).update(
        file=job.file.name,
        filename=filename,
        content_type=content_type,
        status=Status.DONE,
        done=F("total"),
        finished_at=timezone.now(),
        error="",
    )


def fail(job_id: int, message: str) -> None:
    GeneratedDocument.objects.filter(pk=job_id).update(
        status=Status.FAILED, error=message, finished_at=timezone.now()
    )
