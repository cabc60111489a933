"""The interim report (delårsrapport) in PDF and DOCX.

It names no person, so the public and the internal document are the same: what a group
reports is public once noted, and phone numbers and e-mail addresses never appear in it.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.core.exports import docx as docx_style
from samverkan.core.exports import pdf, registry
from samverkan.core.exports.logo import logo_png, logo_svg
from samverkan.organisation.selectors import document_brand
from samverkan.planning.models import InterimReport


@dataclass
class InterimDocument:
    title: str
    status_note: str
    situation: str
    attention: str
    activities: list[tuple[str, str, str]] = field(default_factory=list)


def build_document(report: InterimReport, **_options) -> InterimDocument:
    title = _("%(round)s %(year)s for %(group)s") % {
        "round": report.round.name,
        "year": report.year.year,
        "group": report.group.name,
    }
    note = _("%(status)s. Due %(due)s.") % {
        "status": report.get_status_display(),
        "due": report.due_on.isoformat(),
    }
    return InterimDocument(
        title=title,
        status_note=note,
        situation=report.situation,
        attention=report.attention,
        activities=[
            (a.planned, a.get_state_display() if a.state else "–", a.comment)
            for a in report.activities.all()
        ],
    )


def pdf_document(doc: InterimDocument) -> pdf.Document:
    blocks = [
        pdf.heading(doc.title, 1),
        pdf.para(doc.status_note, "muted"),
        pdf.heading(_("The situation")),
        pdf.box([pdf.para(doc.situation or "–")]),
        pdf.heading(_("The activities of the plan")),
    ]
    if doc.activities:
        blocks.append(
            pdf.table(
                [_("This we planned"), _("How it stands"), _("Comment")],
                [list(row) for row in doc.activities],
                [2, 1, 2],
            )
        )
    else:
        blocks.append(pdf.para(_("No activities to follow up.")))
    blocks += [
        pdf.heading(_("What needs attention")),
        pdf.box([pdf.para(doc.attention or "–")]),
    ]
    brand_name, brand_logo = document_brand()
    return pdf.Document(doc.title, blocks, author=brand_name, logo_svg=logo_svg(brand_logo))


def render_pdf(report: InterimReport, **options) -> bytes:
    return pdf.render(pdf_document(build_document(report)))


def render_docx(report: InterimReport, **options) -> bytes:
    doc = build_document(report)
    brand_name, brand_logo = document_brand()
    document = docx_style.new_document(doc.title, author=brand_name, logo_png=logo_png(brand_logo))
    document.add_heading(doc.title, level=1)
    document.add_paragraph(doc.status_note)
    document.add_heading(_("The situation"), level=2)
    document.add_paragraph(doc.situation or "–")
    document.add_heading(_("The activities of the plan"), level=2)
    if doc.activities:
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            [_("This we planned"), _("How it stands"), _("Comment")],
            strict=True,
        ):
            cell.text = text
        docx_style.header_row(table.rows[0])
        for row in doc.activities:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    else:
        document.add_paragraph(_("No activities to follow up."))
    document.add_heading(_("What needs attention"), level=2)
    document.add_paragraph(doc.attention or "–")
    return docx_style.save(document)


def _filename(report: InterimReport) -> str:
    return f"{slugify(report.round.name)}-{report.year.year}-{slugify(report.group.name)}"


INTERIM_PDF = registry.register(
    registry.Exporter(
        "interim_pdf",
        gettext_lazy("Interim report (PDF)"),
        "pdf",
        registry.PDF,
        render_pdf,
        _filename,
    )
)
INTERIM_DOCX = registry.register(
    registry.Exporter(
        "interim_docx",
        gettext_lazy("Interim report (DOCX)"),
        "docx",
        registry.DOCX,
        render_docx,
        _filename,
    )
)
