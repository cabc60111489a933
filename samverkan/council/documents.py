"""The council's compilations as PDF and Word, and their figures as a spreadsheet."""

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from samverkan.core import charts
from samverkan.core.exports import registry
from samverkan.core.spreadsheets import xlsx_append
from samverkan.council.compilations import Compilation

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


def render_pdf(c: Compilation) -> bytes:
    regular, bold = registry.pdf_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11)
    title = ParagraphStyle(
        "title", parent=base, fontName=bold, fontSize=18, leading=23, spaceAfter=6
    )
    h1 = ParagraphStyle(
        "h1",
        parent=base,
        fontName=bold,
        fontSize=13,
        leading=16,
        spaceBefore=10,
        spaceAfter=4,
        textColor=colors.HexColor("#0b4f7c"),
    )
    h2 = ParagraphStyle(
        "h2", parent=base, fontName=bold, fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=2
    )

    def p(text, style=base):
        return Paragraph(escape(text or ""), style)

    def table(rows, widths):
        t = Table(
            [[p(str(cell), small) for cell in row] for row in rows], colWidths=widths, repeatRows=1
        )
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f0f6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    story = [
        p("Umeåregionen", h2),
        p(c.title, title),
        p(_("Key figures"), h1),
        table([[_("Figure"), _("Value")], *c.figures], [110 * mm, 60 * mm]),
    ]
    for heading, labels, values, horizontal, colours in chart_specs(c):
        png = charts.bar_png(labels, values, horizontal=horizontal, colours=colours)
        image = Image(
            io.BytesIO(png),
            width=150 * mm,
            height=150 * mm * (0.38 * len(labels) + 0.8) / 6.4
            if horizontal
            else 150 * mm * 2.8 / 6.4,
        )
        story.append(
            KeepTogether(
                [
                    p(heading, h1),
                    image,
                    table(
                        [[_("Category"), _("Number")], *zip(labels, values, strict=True)],
                        [130 * mm, 40 * mm],
                    ),
                ]
            )
        )
    story += [
        p(_("Members per municipality"), h1),
        table(
            [[_("Municipality"), _("Members")], *c.members_per_municipality], [130 * mm, 40 * mm]
        ),
    ]
    if c.networks:
        story += [
            p(_("Networks' meetings"), h1),
            table([[_("Network"), _("Meetings")], *c.networks], [130 * mm, 40 * mm]),
        ]
    story.append(PageBreak())
    for section in c.sections:
        story.append(p(section.title, h1))
        for entry in section.entries:
            block = [p(entry.group.name, h2)]
            if entry.purpose:
                block.append(p(entry.purpose, small))
            if entry.summary:
                block.append(p(entry.summary, small))
            for label, lines in (
                (_("Goals"), entry.goals),
                (_("Activities"), entry.activities),
                (_("Priority areas"), entry.priorities),
            ):
                if lines:
                    block.append(
                        Paragraph(
                            f"<b>{escape(label)}:</b> " + "; ".join(escape(line) for line in lines),
                            small,
                        )
                    )
            block.append(Spacer(1, 3))
            story.append(KeepTogether(block))

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=c.title,
        author="Umeåregionen",
        lang="sv-SE",
    )

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.drawString(20 * mm, 9 * mm, c.title)
        canvas.drawRightString(190 * mm, 9 * mm, _("Page %(n)s") % {"n": document.page})
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def render_docx(c: Compilation) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "DejaVu Sans"
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = c.title
    document.core_properties.language = "sv-SE"
    document.add_heading(c.title, level=0)

    def add_table(rows):
        t = document.add_table(rows=0, cols=len(rows[0]))
        t.style = "Table Grid"
        for row in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)

    document.add_heading(_("Key figures"), level=1)
    add_table([[_("Figure"), _("Value")], *c.figures])
    for heading, labels, values, horizontal, colours in chart_specs(c):
        document.add_heading(heading, level=1)
        png = charts.bar_png(labels, values, horizontal=horizontal, colours=colours)
        document.add_picture(io.BytesIO(png), width=Cm(15))
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
            for label, lines in (
                (_("Goals"), entry.goals),
                (_("Activities"), entry.activities),
                (_("Priority areas"), entry.priorities),
            ):
                if lines:
                    para = document.add_paragraph()
                    para.add_run(f"{label}: ").bold = True
                    para.add_run("; ".join(lines))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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
