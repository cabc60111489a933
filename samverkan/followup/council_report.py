"""The yearly follow-up for the council, per priority area: each indicator's trend and
traffic light, where a special effort may be needed, and which groups worked on the area."""

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.core.exports import registry
from samverkan.followup import analysis, selectors
from samverkan.planning.coverage import coverage
from samverkan.planning.models import PlanningYear

LIGHT_WORDS = {
    analysis.ON_TRACK: gettext_lazy("On track"),
    analysis.AT_RISK: gettext_lazy("At risk"),
    analysis.OFF_TRACK: gettext_lazy("Off track"),
    analysis.UNKNOWN: gettext_lazy("No target or too few years"),
}


@dataclass
class IndicatorLine:
    title: str
    trend: str
    light: str


@dataclass
class AreaSection:
    name: str
    indicators: list[IndicatorLine] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    needs_effort: bool = False


@dataclass
class FollowUp:
    year: int
    title: str
    areas: list[AreaSection]


def build(year: PlanningYear) -> FollowUp:
    cov = coverage(year)
    groups_by_pc: dict[int, set[str]] = {}
    for row in cov.groups:
        for pc, cell in zip(cov.commitments, row.cells, strict=True):
            if cell:
                groups_by_pc.setdefault(pc.pk, set()).add(row.group.name)
    sections = []
    for area in selectors.indicators_by_area():
        section = AreaSection(area.name)
        seen = set()
        for pc in area.commitments.all():
            section.groups.extend(sorted(groups_by_pc.get(pc.pk, set()) - set(section.groups)))
            for indicator in pc.indicators.all():
                if indicator.pk in seen:
                    continue
                seen.add(indicator.pk)
                view = selectors.indicator_view(indicator.slug)
                region = view.series.get("Umeåregionen", [])
                if len(region) >= 2:
                    (y0, v0), (y1, v1) = region[0], region[-1]
                    trend = _("%(from)s in %(y0)s → %(to)s in %(y1)s") % {
                        "from": f"{v0:g}",
                        "y0": y0,
                        "to": f"{v1:g}",
                        "y1": y1,
                    }
                else:
                    trend = _("no regional series yet")
                section.indicators.append(
                    IndicatorLine(indicator.title, trend, str(LIGHT_WORDS[view.light]))
                )
                section.needs_effort |= view.light == analysis.OFF_TRACK
        sections.append(section)
    return FollowUp(
        year.year, _("Follow-up of the priority areas %(year)s") % {"year": year.year}, sections
    )


def render_pdf(report: FollowUp) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    regular, bold = registry.pdf_fonts()
    base = ParagraphStyle("b", fontName=regular, fontSize=9.5, leading=12.5)
    h1 = ParagraphStyle("h1", parent=base, fontName=bold, fontSize=16, leading=20, spaceAfter=6)
    h2 = ParagraphStyle(
        "h2",
        parent=base,
        fontName=bold,
        fontSize=12,
        leading=15,
        spaceBefore=10,
        textColor=colors.HexColor("#0b4f7c"),
    )
    story = [Paragraph(escape(report.title), h1)]
    for section in report.areas:
        story.append(Paragraph(escape(section.name), h2))
        if section.needs_effort:
            story.append(
                Paragraph("<b>" + escape(_("A special effort may be needed.")) + "</b>", base)
            )
        rows = [[_("Indicator"), _("Trend"), _("Status")]] + [
            [line.title, line.trend, line.light] for line in section.indicators
        ]
        table = Table(
            [[Paragraph(escape(str(c)), base) for c in r] for r in rows],
            colWidths=[70 * mm, 60 * mm, 40 * mm],
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f0f6")),
                ]
            )
        )
        story.append(table)
        story.append(
            Paragraph(
                escape(
                    _("Groups that worked on the area: %(groups)s")
                    % {"groups": ", ".join(section.groups) or "–"}
                ),
                base,
            )
        )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=report.title, lang="sv-SE").build(story)
    return buffer.getvalue()


def render_docx(report: FollowUp) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(report.title, level=0)
    for section in report.areas:
        document.add_heading(section.name, level=1)
        if section.needs_effort:
            document.add_paragraph(_("A special effort may be needed.")).runs[0].bold = True
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, [_("Indicator"), _("Trend"), _("Status")], strict=True
        ):
            cell.text = text
        for line in section.indicators:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = line.title, line.trend, line.light
        document.add_paragraph(
            _("Groups that worked on the area: %(groups)s")
            % {"groups": ", ".join(section.groups) or "–"}
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _filename(report: FollowUp) -> str:
    return f"uppfoljning-prioriterade-omraden-{report.year}"


registry.register(
    registry.Exporter(
        "followup_pdf", gettext_lazy("Follow-up (PDF)"), "pdf", registry.PDF, render_pdf, _filename
    )
)
registry.register(
    registry.Exporter(
        "followup_docx",
        gettext_lazy("Follow-up (DOCX)"),
        "docx",
        registry.DOCX,
        render_docx,
        _filename,
    )
)
