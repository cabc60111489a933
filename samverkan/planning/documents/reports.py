"""The annual report laid out like Mall 2, and the network's light report, in PDF and DOCX."""

from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samverkan.core.exports import docx as docx_style
from samverkan.core.exports import pdf, registry
from samverkan.core.exports.logo import logo_png, logo_svg
from samverkan.core.formats import figure, genitive
from samverkan.organisation.selectors import (
    cooperation_name,
    document_brand,
    group_kind_word,
    page_limit,
)
from samverkan.planning.models import AnnualReport, Document, ReportStatus
from samverkan.planning.selectors import plans as selectors
from samverkan.planning.selectors.wording import Section, wording_for


@dataclass
class GoalOutcome:
    number: str
    statement: str
    planned: str
    outcome: str
    comment: str
    reason: str
    sub_goals: list["GoalOutcome"] = field(default_factory=list)


@dataclass
class ReportDocument:
    title: str
    year: int
    light: bool
    status_note: str
    plan_note: str
    contact: str
    members: list[str]
    goals: list[GoalOutcome]
    activities: list[tuple[str, str]]
    revisions: str
    priorities: list[tuple[str, str]]
    summary: str
    meetings: str
    network_activities: str
    municipalities: str
    # Each section's heading and guidance, as the cooperation words its template.
    wording: dict[str, Section]


def _person(line, public: bool) -> str:
    parts = [line.name, line.municipality, line.title]
    if not public:
        parts += [line.phone, line.email]
    return ", ".join(p for p in parts if p)


def _goal(number: str, g) -> GoalOutcome:
    # "Utgångsläge 12 platser, mål 30 platser senast 2025-12-31": each figure with its unit,
    # so the line reads as a sentence and the reached value below can be compared with it.
    def with_unit(value) -> str:
        return f"{figure(value)} {g.unit}".strip()

    planned = []
    if g.baseline_value is not None:
        planned.append(_("baseline %(value)s") % {"value": with_unit(g.baseline_value)})
    if g.target_value is not None:
        planned.append(_("target %(value)s") % {"value": with_unit(g.target_value)})
    text = ", ".join(planned)
    if g.deadline:
        text = " ".join(filter(None, [text, _("by %(date)s") % {"date": g.deadline.isoformat()}]))
    outcome = g.get_fulfilment_display() if g.fulfilment else _("not reported")
    if g.value_reached is not None:
        outcome += " – " + _("reached %(value)s") % {"value": with_unit(g.value_reached)}
    return GoalOutcome(number, g.statement, text, outcome, g.comment, g.reason)


def build_document(report: AnnualReport, *, public: bool) -> ReportDocument:
    report = selectors.loaded_report(report)
    group = report.group
    contact, members = selectors.report_people(report)
    goals = []
    for i, goal in enumerate(report.top_goals, start=1):
        outcome = _goal(str(i), goal)
        outcome.sub_goals = [
            _goal(f"{i}.{j}", sub) for j, sub in enumerate(goal.sub_goals.all(), start=1)
        ]
        goals.append(outcome)
    activities = []
    for a in report.activities.all():
        result = a.get_result_display() if a.result else _("not reported")
        detail = " ".join(part for part in (a.result_text, a.reason) if part)
        activities.append((a.planned, f"{result}{' – ' + detail if detail else ''}"))
    wording = wording_for(
        Document.NETWORK_REPORT if report.is_light else Document.REPORT,
        year=report.year.year,
        group=group.name,
    )
    if report.is_light or wording["title"].own_heading:
        title = wording["title"].heading
    elif group.kind == group.Kind.WORKING_GROUP:
        title = _("Annual report %(year)s for %(owner)s %(group)s %(kind)s") % {
            "kind": group_kind_word(group.kind),
            "owner": genitive(cooperation_name()),
            "year": report.year.year,
            "group": group.name,
        }
    else:
        title = wording["title"].heading
    status_note = ""
    if report.status != ReportStatus.ACCEPTED:
        status_note = _("Not accepted – status: %(status)s") % {
            "status": report.get_status_display()
        }
    elif report.accepted_at:
        status_note = _("Accepted by the secretariat %(date)s") % {
            "date": report.accepted_at.date().isoformat()
        }
    plan_note = ""
    if not report.is_light:
        if report.based_on is not None:
            plan_note = _("Reported against the approved operational plan, version %(n)s.") % {
                "n": report.based_on.number
            }
        else:
            plan_note = _("The group had no approved operational plan for %(year)s.") % {
                "year": report.year.year
            }
    return ReportDocument(
        title=title,
        year=report.year.year,
        light=report.is_light,
        status_note=status_note,
        plan_note=plan_note,
        contact=_person(contact, public) if contact else _("No contact person"),
        members=[_person(m, public) for m in members],
        goals=goals,
        activities=activities,
        revisions=report.revisions,
        priorities=[
            (
                f"{p.priority_commitment.area.name}: {p.priority_commitment.commitment.code} "
                f"{p.priority_commitment.wording}",
                p.what_was_done,
            )
            for p in report.priorities.all()
            if p.touched
        ],
        summary=report.summary,
        meetings="" if report.meetings is None else str(report.meetings),
        network_activities=report.network_activities,
        municipalities=", ".join(m.name for m in report.municipalities.all()),
        wording=wording,
    )


def render_pdf(report: AnnualReport, *, public: bool = False) -> bytes:
    return pdf.render(pdf_document(build_document(report, public=public)))


def pdf_document(doc: ReportDocument) -> pdf.Document:
    """The report in the house style, laid out like Mall 2 (or the network's light report)."""
    blocks = [pdf.heading(doc.title, 1)]
    blocks += [pdf.para(note, "muted") for note in (doc.status_note, doc.plan_note) if note]
    blocks.append(pdf.labelled(_("Contact person for the group:"), doc.contact))
    blocks.append(pdf.labelled(_("Members of the group:"), "; ".join(doc.members), small=True))
    words = doc.wording
    if doc.light:
        blocks += [
            pdf.heading(words["meetings"].heading),
            pdf.box([pdf.para(doc.meetings or "–")]),
            pdf.heading(words["network_activities"].heading),
            pdf.box([pdf.para(doc.network_activities or "–")]),
            pdf.heading(words["municipalities"].heading),
            pdf.box([pdf.para(doc.municipalities or "–")]),
        ]
    else:
        flow = []
        for goal in doc.goals:
            for g, sub in [(goal, False), *[(s, True) for s in goal.sub_goals]]:
                lines = [pdf.para(f"{g.number}. {g.statement}")]
                if g.planned:
                    lines.append(pdf.para(f"{_('Planned:')} {g.planned}", "muted"))
                lines.append(pdf.labelled(_("Fulfilled:"), g.outcome, small=True))
                if g.comment:
                    lines.append(pdf.para(g.comment, "small"))
                if g.reason:
                    lines.append(pdf.para(f"{_('Why:')} {g.reason}", "small"))
                flow += [pdf.indent(lines)] if sub else lines
        blocks += [
            pdf.heading(words["fulfilment"].heading),
            pdf.box(flow or [pdf.para("–")]),
            pdf.heading(words["revisions"].heading),
            pdf.box([pdf.para(doc.revisions or _("No revisions."))]),
            pdf.heading(words["priorities"].heading),
            pdf.box(
                [pdf.para(f"{area} – {done}", "small") for area, done in doc.priorities]
                or [pdf.para("–")]
            ),
            pdf.heading(words["summary"].heading),
            pdf.box([pdf.para(doc.summary or "–")]),
            pdf.heading(words["activities"].heading),
            pdf.table(
                [_("This we planned to carry out"), _("Result – done/not done")],
                [[planned, result] for planned, result in doc.activities],
                [1, 1],
            ),
        ]
    blocks += [
        pdf.space(),
        pdf.para(
            ngettext(
                "The report handed to the head of secretariat covers at most %(pages)s page.",
                "The report handed to the head of secretariat covers at most %(pages)s pages.",
                page_limit(),
            )
            % {"pages": page_limit()},
            "muted",
        ),
    ]
    brand_name, brand_logo = document_brand()
    return pdf.Document(doc.title, blocks, author=brand_name, logo_svg=logo_svg(brand_logo))


def render_docx(report: AnnualReport, *, public: bool = False) -> bytes:
    doc = build_document(report, public=public)
    brand_name, brand_logo = document_brand()
    document = docx_style.new_document(doc.title, author=brand_name, logo_png=logo_png(brand_logo))
    document.add_heading(doc.title, level=1)
    for note in (doc.status_note, doc.plan_note):
        if note:
            document.add_paragraph(note)
    para = document.add_paragraph()
    para.add_run(_("Contact person for the group:") + " ").bold = True
    para.add_run(doc.contact)
    para = document.add_paragraph()
    para.add_run(_("Members of the group:") + " ").bold = True
    para.add_run("; ".join(doc.members))
    words = doc.wording
    if doc.light:
        for key, text in (
            ("meetings", doc.meetings),
            ("network_activities", doc.network_activities),
            ("municipalities", doc.municipalities),
        ):
            document.add_heading(words[key].heading, level=2)
            document.add_paragraph(text or "–")
    else:
        document.add_heading(words["fulfilment"].heading, level=2)
        for goal in doc.goals:
            for g in [goal, *goal.sub_goals]:
                document.add_paragraph(f"{g.number}. {g.statement}")
                line = document.add_paragraph()
                line.add_run(_("Fulfilled:") + " ").bold = True
                line.add_run(g.outcome)
                for text in (g.comment, g.reason and f"{_('Why:')} {g.reason}"):
                    if text:
                        document.add_paragraph(text)
        document.add_heading(words["revisions"].heading, level=2)
        document.add_paragraph(doc.revisions or _("No revisions."))
        document.add_heading(words["priorities"].heading, level=2)
        for area, done in doc.priorities or [("–", "")]:
            document.add_paragraph(f"{area} – {done}" if done else area, style="List Bullet")
        document.add_heading(words["summary"].heading, level=2)
        document.add_paragraph(doc.summary or "–")
        document.add_heading(words["activities"].heading, level=2)
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = _("This we planned to carry out")
        table.rows[0].cells[1].text = _("Result – done/not done")
        docx_style.header_row(table.rows[0])
        for planned, result in doc.activities:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = planned, result
    return docx_style.save(document)


def _filename(report: AnnualReport) -> str:
    stem = "natverksrapport" if report.is_light else "verksamhetsberattelse"
    return f"{stem}-{report.year.year}-{slugify(report.group.name)}"


REPORT_PDF = registry.register(
    registry.Exporter(
        "report_pdf",
        gettext_lazy("Annual report (PDF)"),
        "pdf",
        registry.PDF,
        render_pdf,
        _filename,
    )
)
REPORT_DOCX = registry.register(
    registry.Exporter(
        "report_docx",
        gettext_lazy("Annual report (DOCX)"),
        "docx",
        registry.DOCX,
        render_docx,
        _filename,
    )
)
