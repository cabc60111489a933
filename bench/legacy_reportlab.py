"""Today's ReportLab renderers (before Typst), kept only so that bench_documents.py can
compare the two engines on the same content in the same run. Delete with the benchmark table."""

import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
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
from samverkan.council.compilations import Compilation
from samverkan.council.documents import chart_specs
from samverkan.planning.documents.plans import PlanDocument

FONT_DIR = Path(__file__).resolve().parent.parent / "samverkan" / "core" / "exports" / "fonts"
_fonts_registered = False


def pdf_fonts() -> tuple[str, str]:
    """Register the bundled DejaVu fonts once: they draw Sámi letters, Helvetica does not."""
    global _fonts_registered
    if not _fonts_registered:
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(
            "DejaVuSans",
            normal="DejaVuSans",
            bold="DejaVuSans-Bold",
            italic="DejaVuSans",
            boldItalic="DejaVuSans-Bold",
        )
        _fonts_registered = True
    return "DejaVuSans", "DejaVuSans-Bold"


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


def build_story(story: list, *, title: str) -> bytes:
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


def pdf_from_document(doc: PlanDocument) -> bytes:
    st = styles()

    def p(text: str, style=st.base):
        return para(text, style)

    story = [p(doc.title, st.title)]
    if doc.status_note:
        story.append(p(doc.status_note, st.muted))
    story.append(
        Paragraph(
            f"<b>{escape(_('Contact person for the group:'))}</b> {escape(doc.contact)}", st.base
        )
    )
    story.append(
        Paragraph(
            f"<b>{escape(_('Members of the group:'))}</b> "
            + "; ".join(escape(m) for m in doc.members),
            st.small,
        )
    )
    if doc.revision:
        story += [Spacer(1, 4), box([p(doc.revision, st.small)])]

    sections = [
        (
            _("Field of work"),
            _("Within which field do you work? What is your speciality?"),
            [p(doc.field_of_work)],
        ),
        (
            _("Purpose"),
            _("How does your group work for Umeåregionen's three overarching objectives?"),
            [
                p(doc.purpose),
                p(_("Objectives: %(list)s") % {"list": ", ".join(doc.objectives) or "–"}, st.small),
            ],
        ),
    ]
    for name, ask, content in sections:
        story.append(KeepTogether([p(name, st.heading), p(ask, st.muted), box(content)]))

    goal_flow = []
    for goal in doc.goals:
        goal_flow.append(p(f"{goal.number}. {goal.statement}"))
        if goal.detail:
            goal_flow.append(p(goal.detail, st.muted))
        for sub in goal.sub_goals:
            goal_flow.append(p(f"    {sub.number} {sub.statement}", st.small))
            if sub.detail:
                goal_flow.append(p(f"    {sub.detail}", st.muted))
    story += [
        p(_("Goals %(year)s") % {"year": doc.year}, st.heading),
        p(_("What do you want to have achieved during the year? (SMART goals)"), st.muted),
        box(goal_flow or [p("–")]),
        p(_("Activity plan %(year)s") % {"year": doc.year}, st.heading),
        p(_("Who does what, when and how?"), st.muted),
    ]
    header = [_("Activity"), _("How"), _("When"), _("Responsible"), _("Goal"), _("Done")]
    rows = [[p(h, st.small) for h in header]] + [
        [
            p(a.what, st.small),
            p(a.how, st.small),
            p(a.when, st.small),
            p(a.responsible, st.small),
            p(a.goals, st.small),
            p(a.status, st.small),
        ]
        for a in doc.activities
    ]
    story.append(grid(rows, [38 * mm, 43 * mm, 23 * mm, 30 * mm, 12 * mm, 24 * mm]))
    story += [
        p(_("Priority areas"), st.heading),
        box([p(line, st.small) for line in doc.priorities] or [p("–")]),
        Spacer(1, 4),
        p(
            _(
                "The plan handed to the secretariat covers at most two pages. Changes to goals or "
                "the activity plan during the year are reported to the chief executives through "
                "the head of secretariat."
            ),
            st.muted,
        ),
    ]
    return build_story(story, title=doc.title)


def compilation_pdf(c: Compilation) -> bytes:
    regular, bold = pdf_fonts()
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
