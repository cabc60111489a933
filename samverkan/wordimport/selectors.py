"""Reads of the Word import."""

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from samverkan.organisation.models import Group, Person
from samverkan.planning.models import AnnualReport, OperationalPlan, TemplateWording
from samverkan.strategy.models import PriorityCommitment
from samverkan.wordimport.models import ImportBatch, ImportedDocument
from samverkan.wordimport.parser import OwnWords, clean

# The reader's section for each section of the template wording, by document.
_READER_SECTIONS = {
    "plan": {
        "field_of_work": "field_of_work",
        "purpose": "purpose",
        "goals": "goals",
        "activities": "activities",
        "priorities": "priorities",
    },
    "report": {
        "fulfilment": "fulfilment",
        "activities": "results",
        "priorities": "report_priorities",
        "revisions": "revisions",
        "summary": "summary",
    },
    "network_report": {
        "meetings": "meetings",
        "network_activities": "network_activities",
        "municipalities": "municipalities",
    },
}


def own_words() -> OwnWords:
    """The cooperation's template wording, for the reader to know its headings and skip its
    guidance in files written from the cooperation's own templates."""
    headings: dict[str, list[tuple[str, str]]] = {}
    guidance: set[str] = set()
    titles: dict[str, str] = {}
    for row in TemplateWording.objects.all():
        if row.section == "title" and row.heading:
            titles[row.document] = row.heading
        section = _READER_SECTIONS.get(row.document, {}).get(row.section)
        if section and row.heading:
            headings.setdefault(row.document, []).append((section, row.heading))
        for text in (row.guidance, row.guidance_en):
            guidance |= {line for line in clean(text).split("\n") if line}
    return OwnWords(headings, frozenset(guidance), titles)


def recent_batches(limit: int = 20) -> list[ImportBatch]:
    return list(ImportBatch.objects.select_related("created_by")[:limit])


def batch(batch_id: int) -> ImportBatch:
    return ImportBatch.objects.get(pk=batch_id)


def documents_of(batch: ImportBatch) -> QuerySet[ImportedDocument]:
    return batch.documents.select_related(
        "group",
        "plan_version__plan__group",
        "plan_version__plan__year",
        "report__group",
        "report__year",
    ).defer("content")


def document(document_id: int) -> ImportedDocument:
    return ImportedDocument.objects.select_related("batch", "group").get(pk=document_id)


def imported_from_word(obj: models.Model) -> ImportedDocument | None:
    """The file a plan version or report was imported from, if it was."""
    field = "report" if obj._meta.model_name == "annualreport" else "plan_version"
    return ImportedDocument.objects.defer("content").filter(**{field: obj}).first()


def already_there(group: Group | None, kind: str | None, year: int | None) -> str | None:
    """Why a file cannot be imported as `kind` for `group` in `year`: the group already has
    that plan or report. None when nothing is in the way (the service checks again)."""
    if group is None or not year:
        return None
    if kind == "plan" and OperationalPlan.objects.filter(group=group, year__year=year).exists():
        return _("The group already has a plan for %(year)s.") % {"year": year}
    if (
        kind in ("report", "network_report")
        and AnnualReport.objects.filter(group=group, year__year=year).exists()
    ):
        return _("The group already has a report for %(year)s.") % {"year": year}
    return None


def person_by_email(email: str) -> Person | None:
    email = email.strip()
    return Person.objects.filter(email__iexact=email).first() if email else None


def people_by_name(name: str, municipality: str | None = None) -> list[Person]:
    """People whose full name is exactly `name` (and in `municipality` when given): for a
    person a file names without an e-mail. Oldest first, so a match is stable."""
    first, _sep, last = (name or "").strip().rpartition(" ")
    if not last:
        return []
    found = Person.objects.filter(first_name=first or last, last_name=last if first else "")
    if municipality is not None:
        found = found.filter(municipality__name__iexact=municipality.strip())
    return list(found.select_related("municipality").order_by("pk"))


def person_by_name(name: str, municipality: str | None) -> Person | None:
    """The one person with exactly this name in this municipality (the oldest if several)."""
    if not (municipality or "").strip():
        return None
    found = people_by_name(name, municipality)
    return found[0] if found else None


def priority_commitment(code: str | None, area: str | None) -> PriorityCommitment | None:
    """The priority commitment a file names by Aalborg number, area, or both."""
    query = PriorityCommitment.objects.select_related("area", "commitment")
    matches = list(query.filter(commitment__code=code)) if code else []
    if area:
        named = [m for m in matches if m.area.name.casefold() == area.casefold()]
        matches = named or matches or list(query.filter(area__name__iexact=area)[:1])
    return matches[0] if matches else None
