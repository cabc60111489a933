"""The yearly follow-up for the council, per priority area: each indicator's trend and
traffic light, where a special effort may be needed, and which groups worked on the area."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.core.exports import docx as docx_style
from samverkan.core.exports import pdf, registry
from samverkan.core.exports.logo import logo_png, logo_svg
from samverkan.council.coverage import coverage
from samverkan.followup import analysis, selectors
from samverkan.organisation.selectors import cooperation_name, document_brand
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
    source: str


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
    # Said at the top when any figure is invented: the report is read out of its context.
    has_demo_values: bool = False


def _figure(value, indicator) -> str:
    # As on the indicator page: sums whole, means to one decimal; Swedish digit grouping and
    # decimal comma, and the unit, since the council quotes these figures.
    decimals = 0 if indicator.rule == "sum" else 1
    # number_format cuts off (40,95 -> 40,9); round half up first, as floatformat does on the
    # indicator page and the CSV gives, so the council reads the same figure everywhere.
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{text} {indicator.unit}".strip()


def _source(view) -> str:
    if "demo" in view.origins:
        return _("Invented for the demo, not Kolada")
    if view.origins & {"kolada", "snapshot"}:
        return _("Source: Kolada")
    return view.indicator.source_name or "–"


def build(year: PlanningYear) -> FollowUp:
    cov = coverage(year)
    groups_by_pc: dict[int, set[str]] = {}
    for row in cov.groups:
        for pc, cell in zip(cov.commitments, row.cells, strict=True):
            if cell:
                groups_by_pc.setdefault(pc.pk, set()).add(row.group.name)
    sections = []
    demo = False
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
                region = view.series.get(view.region_label, [])
                if len(region) >= 2:
                    (y0, v0), (y1, v1) = region[0], region[-1]
                    trend = _("%(from)s in %(y0)s → %(to)s in %(y1)s") % {
                        "from": _figure(v0, indicator),
                        "y0": y0,
                        "to": _figure(v1, indicator),
                        "y1": y1,
                    }
                else:
                    trend = _("no regional series yet")
                section.indicators.append(
                    IndicatorLine(
                        indicator.title, trend, str(LIGHT_WORDS[view.light]), _source(view)
                    )
                )
                demo |= "demo" in view.origins
                section.needs_effort |= view.light == analysis.OFF_TRACK
        sections.append(section)
    return FollowUp(
        year.year,
        _("Follow-up of the priority areas %(year)s") % {"year": year.year},
        sections,
        has_demo_values=demo,
    )


def _notes(report: FollowUp) -> list[str]:
    notes = [_("The trend is the region's value, computed from each year's member municipalities.")]
    if report.has_demo_values:
        notes.insert(
            0,
            _(
                "This is a demo: the indicator values in this report are made up to show how "
                "follow-up works. They are not Kolada's figures."
            ),
        )
    return notes


def pdf_document(report: FollowUp) -> pdf.Document:
    """The follow-up in the house style: one section (and bookmark) per priority area."""
    blocks = [pdf.para(cooperation_name(), "lead"), pdf.heading(report.title, 1)]
    blocks += [pdf.para(note) for note in _notes(report)]
    for section in report.areas:
        blocks.append(pdf.heading(section.name))
        if section.needs_effort:
            blocks.append(pdf.para(_("A special effort may be needed."), "strong"))
        blocks.append(
            pdf.table(
                [_("Indicator"), _("Trend"), _("Status"), _("Source")],
                [[line.title, line.trend, line.light, line.source] for line in section.indicators],
                [58, 52, 32, 32],
            )
        )
        blocks.append(
            pdf.para(
                _("Groups that worked on the area: %(groups)s")
                % {"groups": ", ".join(section.groups) or "–"}
            )
        )
    brand_name, brand_logo = document_brand()
    return pdf.Document(report.title, blocks, author=brand_name, logo_svg=logo_svg(brand_logo))


def render_pdf(report: FollowUp) -> bytes:
    return pdf.render(pdf_document(report))


def render_docx(report: FollowUp) -> bytes:
    brand_name, brand_logo = document_brand()
    document = docx_style.new_document(
        report.title, author=brand_name, logo_png=logo_png(brand_logo)
    )
    document.add_heading(report.title, level=0)
    for note in _notes(report):
        document.add_paragraph(note)
    for section in report.areas:
        document.add_heading(section.name, level=1)
        if section.needs_effort:
            document.add_paragraph(_("A special effort may be needed.")).runs[0].bold = True
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        header = [_("Indicator"), _("Trend"), _("Status"), _("Source")]
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        docx_style.header_row(table.rows[0])
        for line in section.indicators:
            texts = [line.title, line.trend, line.light, line.source]
            for cell, text in zip(table.add_row().cells, texts, strict=True):
                cell.text = text
        document.add_paragraph(
            _("Groups that worked on the area: %(groups)s")
            % {"groups": ", ".join(section.groups) or "–"}
        )
    return docx_style.save(document)


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
