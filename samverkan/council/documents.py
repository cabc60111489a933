"""The council's compilations as PDF and Word, and their figures as a spreadsheet."""

import io
from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from samverkan.core import charts
from samverkan.core.exports import docx as docx_style
from samverkan.core.exports import pdf, registry
from samverkan.core.exports.logo import logo_png, logo_svg
from samverkan.core.spreadsheets import xlsx_append
from samverkan.council.compilations import Compilation
from samverkan.organisation.selectors import cooperation_name, document_brand

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


ChartSpec = tuple[str, list[str], list[int], bool, list[str] | None]


def chart_specs(c: Compilation) -> list[ChartSpec]:
    """(heading, labels, values, horizontal, colours) for each chart of the compilation."""
    specs: list[ChartSpec] = []
    if c.fulfilment:
        specs.append(
            (
                _("Goals by fulfilment"),
                list(c.fulfilment),
                list(c.fulfilment.values()),
                False,
                charts.FULFILMENT_COLOURS,
            )
        )
    if c.coverage:
        specs.append(
            (
                _("Groups working on each prioritised commitment"),
                [label for label, _n in c.coverage],
                [n for _l, n in c.coverage],
                True,
                None,
            )
        )
    return specs


def chart_alt(heading: str, labels: list[str], values: list[int]) -> str:
    """What a chart shows, in words, for those who cannot see it."""
    return _("Bar chart, %(heading)s: %(values)s") % {
        "heading": heading,
        "values": "; ".join(
            f"{label} {value}" for label, value in zip(labels, values, strict=True)
        ),
    }


Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    return None


def pdf_document(c: Compilation, progress: Progress = _no_progress) -> pdf.Document:
    """The compilation in the house style: key figures and charts, then one section per
    objective with a heading (and so a bookmark) for each group."""
    blocks = [
        pdf.para(cooperation_name(), "lead"),
        pdf.heading(c.title, 1),
        pdf.heading(_("Key figures")),
        pdf.table([_("Figure"), _("Value")], [list(row) for row in c.figures], [110, 60]),
    ]
    for heading, labels, values, horizontal, colours in chart_specs(c):
        svg = charts.bar_svg(labels, values, title=heading, horizontal=horizontal, colours=colours)
        blocks += [
            pdf.heading(heading),
            pdf.figure(svg, chart_alt(heading, labels, values)),
            pdf.table(
                [_("Category"), _("Number")],
                [[label, value] for label, value in zip(labels, values, strict=True)],
                [130, 40],
            ),
        ]
    blocks += [
        pdf.heading(_("Members per municipality")),
        pdf.table(
            [_("Municipality"), _("Members")],
            [list(row) for row in c.members_per_municipality],
            [130, 40],
        ),
    ]
    if c.networks:
        blocks += [
            pdf.heading(_("Networks' meetings")),
            pdf.table([_("Network"), _("Meetings")], [list(row) for row in c.networks], [130, 40]),
        ]
    blocks.append(pdf.pagebreak())
    total = sum(len(section.entries) for section in c.sections)
    done = 0
    for section in c.sections:
        blocks.append(pdf.heading(section.title))
        for entry in section.entries:
            entry_blocks = [pdf.heading(entry.group.name, 3)]
            entry_blocks += [pdf.para(t, "small") for t in (entry.purpose, entry.summary) if t]
            for label, part in c.parts:
                if lines := getattr(entry, part):
                    entry_blocks.append(pdf.labelled(f"{label}:", "; ".join(lines), small=True))
            entry_blocks.append(pdf.space(3))
            blocks.append(pdf.keep(entry_blocks))
            done += 1
            if done % 50 == 0:
                progress(done, total)
    progress(total, total)
    brand_name, brand_logo = document_brand()
    return pdf.Document(c.title, blocks, author=brand_name, logo_svg=logo_svg(brand_logo))


def render_pdf(c: Compilation, progress: Progress = _no_progress) -> bytes:
    return pdf.render(pdf_document(c, progress))


def render_docx(c: Compilation) -> bytes:
    brand_name, brand_logo = document_brand()
    document = docx_style.new_document(c.title, author=brand_name, logo_png=logo_png(brand_logo))
    document.add_heading(c.title, level=0)

    def add_table(rows):
        docx_style.table(document, rows)

    document.add_heading(_("Key figures"), level=1)
    add_table([[_("Figure"), _("Value")], *c.figures])
    for heading, labels, values, horizontal, colours in chart_specs(c):
        document.add_heading(heading, level=1)
        png = charts.bar_png(labels, values, horizontal=horizontal, colours=colours)
        docx_style.picture(document, png, width=Cm(15), alt=chart_alt(heading, labels, values))
        add_table([[_("Category"), _("Number")], *zip(labels, values, strict=True)])
    document.add_heading(_("Members per municipality"), level=1)
    add_table([[_("Municipality"), _("Members")], *c.members_per_municipality])
    if c.networks:
        document.add_heading(_("Networks' meetings"), level=1)
        add_table([[_("Network"), _("Meetings")], *c.networks])
    document.add_page_break()
    for section in c.sections:
        document.add_heading(section.title, level=1)
        for entry in section.entries:
            document.add_heading(entry.group.name, level=2)
            for text in (entry.purpose, entry.summary):
                if text:
                    document.add_paragraph(text)
            for label, part in c.parts:
                if lines := getattr(entry, part):
                    para = document.add_paragraph()
                    para.add_run(f"{label}: ").bold = True
                    para.add_run("; ".join(lines))
    return docx_style.save(document)


def render_xlsx(c: Compilation) -> bytes:
    workbook = Workbook()
    sheets: list[tuple[str, list[str], Sequence[tuple[str, object]]]] = [
        (_("Key figures"), [_("Figure"), _("Value")], c.figures),
        (_("Members"), [_("Municipality"), _("Members")], c.members_per_municipality),
        (_("Coverage"), [_("Commitment"), _("Groups")], c.coverage),
    ]
    if c.fulfilment:
        sheets.append((_("Fulfilment"), [_("Fulfilled"), _("Goals")], list(c.fulfilment.items())))
    if c.networks:
        sheets.append((_("Networks"), [_("Network"), _("Meetings")], c.networks))
    first = True
    for name, header, rows in sheets:
        sheet = workbook.active if first else workbook.create_sheet()
        assert isinstance(sheet, Worksheet)  # a new workbook's active sheet is a worksheet
        first = False
        sheet.title = str(name)[:31]
        xlsx_append(sheet, [str(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            xlsx_append(sheet, row)
        sheet.column_dimensions["A"].width = 50
        sheet.column_dimensions["B"].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _filename(c: Compilation) -> str:
    stem = (
        "sammanstallning-verksamhetsplaner"
        if c.kind == "plans"
        else ("sammanstallning-verksamhetsberattelser")
    )
    return f"{stem}-{c.year}"


COMPILATION_PDF = registry.register(
    registry.Exporter(
        "compilation_pdf",
        gettext_lazy("Compilation (PDF)"),
        "pdf",
        registry.PDF,
        render_pdf,
        _filename,
    )
)
COMPILATION_DOCX = registry.register(
    registry.Exporter(
        "compilation_docx",
        gettext_lazy("Compilation (DOCX)"),
        "docx",
        registry.DOCX,
        render_docx,
        _filename,
    )
)
COMPILATION_XLSX = registry.register(
    registry.Exporter(
        "compilation_xlsx",
        gettext_lazy("Key figures (XLSX)"),
        "xlsx",
        XLSX,
        render_xlsx,
        _filename,
    )
)
