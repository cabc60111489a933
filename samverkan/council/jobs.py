"""The council's documents made in the background: the compilations of a year's plans or
reports (PDF, DOCX, XLSX) and the yearly follow-up (PDF, DOCX).

A request asks core.jobs for the document and returns at once; the task below does the work in
the worker (`samverkan worker`), reporting how many groups are done.
"""

import logging

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from samverkan.core import jobs
from samverkan.core.exports import registry
from samverkan.core.models import GeneratedDocument
from samverkan.council import compilations, followup_report
from samverkan.council import documents as compilation_exports
from samverkan.planning.models import PlanningYear

log = logging.getLogger(__name__)

COMPILATION = "compilation"
FOLLOWUP = "followup"
COMPILATION_FORMATS = {"pdf", "docx", "xlsx"}
FOLLOWUP_FORMATS = {"pdf", "docx"}
KINDS = {"plans": compilations.compile_plans, "reports": compilations.compile_reports}


def _enqueue(job_id: int) -> object:
    return make_document.enqueue(job_id)


def request_compilation(year: PlanningYear, kind: str, fmt: str, *, user) -> GeneratedDocument:
    """The compilation of the year's plans or reports in a format; raises NothingToCompile
    at once when there is nothing to compile."""
    compilations.check_material(year, kind)
    return jobs.request(
        COMPILATION,
        f"{kind}:{year.year}:{fmt}",
        {"kind": kind, "year": year.year, "format": fmt},
        user=user,
        enqueue=_enqueue,
    )


def request_followup(year: PlanningYear, fmt: str, *, user) -> GeneratedDocument:
    return jobs.request(
        FOLLOWUP,
        f"{year.year}:{fmt}",
        {"year": year.year, "format": fmt},
        user=user,
        enqueue=_enqueue,
    )


def retry(job: GeneratedDocument, *, user) -> GeneratedDocument:
    return jobs.retry(job, user=user, enqueue=_enqueue)


def describe(job: GeneratedDocument) -> str:
    """What the document is, as its page's heading."""
    params = job.parameters
    name = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)"}.get(params["format"], "")
    if job.kind == COMPILATION:
        if params["kind"] == "plans":
            title = _("Compilation of operational plans %(year)s") % {"year": params["year"]}
        else:
            title = _("Compilation of annual reports %(year)s") % {"year": params["year"]}
    else:
        title = _("Follow-up of the priority areas %(year)s") % {"year": params["year"]}
    return f"{title} ({name})"


def _compilation(job: GeneratedDocument) -> registry.ExportResult:
    params = job.parameters
    year = PlanningYear.objects.get(year=params["year"])
    compilation = KINDS[params["kind"]](year)
    jobs.start(job.pk, sum(len(section.entries) for section in compilation.sections))

    def progress(done: int, _total: int) -> None:
        jobs.advance(job.pk, done)

    exporter = {
        "pdf": compilation_exports.COMPILATION_PDF,
        "docx": compilation_exports.COMPILATION_DOCX,
        "xlsx": compilation_exports.COMPILATION_XLSX,
    }[params["format"]]
    options = {"progress": progress} if params["format"] == "pdf" else {}
    return exporter.render(compilation, **options)


def _followup(job: GeneratedDocument) -> registry.ExportResult:
    params = job.parameters
    year = PlanningYear.objects.get(year=params["year"])
    jobs.start(job.pk, 2)
    report = followup_report.build(year)
    jobs.advance(job.pk, 1)
    return registry.get(f"followup_{params['format']}").render(report)


BUILDERS = {COMPILATION: _compilation, FOLLOWUP: _followup}


@task()
def make_document(job_id: int) -> None:
    """Make the document of a GeneratedDocument record and keep it in storage."""
    job = GeneratedDocument.objects.get(pk=job_id)
    with translation.override("sv"), timezone.override("Europe/Stockholm"):
        try:
            result = BUILDERS[job.kind](job)
        except compilations.NothingToCompile as exc:
            jobs.fail(job_id, str(exc))
            return
        except Exception:
            log.exception("document %s could not be made", job_id)
            jobs.fail(
                job_id,
                _(
                    "The document could not be made. Try again; if it fails again, tell the "
                    "secretariat's administrator."
                ),
            )
            return
    jobs.finish(
        job_id, filename=result.filename, content_type=result.content_type, content=result.content
    )
