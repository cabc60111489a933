"""The house style of samverkan's PDF documents: A4, the bundled DejaVu font, boxed
sections like the municipal templates, and a footer with the title and page number."""

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from samverkan.core.exports.registry import pdf_fonts

BRAND = "#0b4f7c"
MUTED = "#4a5560"


@dataclass(frozen=True)
class Styles:
    base: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    muted: ParagraphStyle


def styles() -> Styles:
    regular, bold = pdf_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11)
    return Styles(
        base=base,
        small=small,
        title=ParagraphStyle(
            "title", parent=base, fontName=bold, fontSize=14, leading=18, spaceAfter=4
        ),
        heading=ParagraphStyle(
            "heading",
            parent=base,
            fontName=bold,
            fontSize=11,
            leading=14,
            spaceBefore=6,
            spaceAfter=2,
            textColor=colors.HexColor(BRAND),
        ),
        muted=ParagraphStyle("muted", parent=small, textColor=colors.HexColor(MUTED)),
    )


def para(text: str, style):
    """A paragraph of plain text: escaped, with its line breaks kept."""

    return Paragraph(escape(text or "").replace("\n", "<br/>"), style)


def box(flowables: list):
    """A framed section, as the templates' text boxes; long content runs onto the next page
    (splitInRow) so that an over-long document can still be rendered and its pages counted."""

    table = Table([[flowables]], colWidths=[170 * mm], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor(MUTED)),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def grid(rows: list[list], widths: list[float]):
    """A table with a header row and a grid, repeating the header on each page."""

    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(MUTED)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f0f6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def build(story: list, *, title: str) -> bytes:
    regular, _bold = pdf_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="Umeåregionen",
        lang="sv-SE",
    )

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawString(20 * mm, 9 * mm, title)
        canvas.drawRightString(190 * mm, 9 * mm, _("Page %(n)s") % {"n": doc.page})
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
