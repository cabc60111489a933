"""The annual report laid out like Mall 2, and the network's light report, in PDF and DOCX."""

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.shared import Pt
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from samverkan.core.exports import pdf, registry
from samverkan.core.formats import figure
from samverkan.planning.models import AnnualReport, ReportStatus
from samverkan.planning.selectors import plans as selectors


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
    if report.is_light:
        title = _("Network report %(year)s for %(group)s") % {
            "year": report.year.year,
            "group": group.name,
        }
    elif group.kind == group.Kind.WORKING_GROUP:
        title = _("Annual report %(year)s for Umeåregionen's %(group)s working group") % {
            "year": report.year.year,
            "group": group.name,
        }
    else:
        title = _("Annual report %(year)s for %(group)s") % {
            "year": report.year.year,
            "group": group.name,
        }
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
    )


def render_pdf(report: AnnualReport, *, public: bool = False) -> bytes:
    doc = build_document(report, public=public)
    st = pdf.styles()

    def p(text: str, style=st.base):
        return pdf.para(text, style)

    story = [p(doc.title, st.title)]
    story.extend(p(note, st.muted) for note in (doc.status_note, doc.plan_note) if note)
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
    if doc.light:
        story += [
            p(_("Number of meetings"), st.heading),
            pdf.box([p(doc.meetings or "–")]),
            p(_("What the network does"), st.heading),
            pdf.box([p(doc.network_activities or "–")]),
            p(_("Members' municipalities"), st.heading),
            pdf.box([p(doc.municipalities or "–")]),
        ]
    else:
        flow = []
        for goal in doc.goals:
            for g, indent in [(goal, ""), *[(s, "    ") for s in goal.sub_goals]]:
                flow.append(p(f"{indent}{g.number}. {g.statement}"))
                if g.planned:
                    flow.append(p(f"{indent}{_('Planned:')} {g.planned}", st.muted))
                flow.append(
                    Paragraph(
                        f"{indent}<b>{escape(_('Fulfilled:'))}</b> {escape(g.outcome)}", st.small
                    )
                )
                if g.comment:
                    flow.append(p(f"{indent}{g.comment}", st.small))
                if g.reason:
                    flow.append(p(f"{indent}{_('Why:')} {g.reason}", st.small))
        story += [
            p(_("Goal fulfilment %(year)s") % {"year": doc.year}, st.heading),
            pdf.box(flow or [p("–")]),
            p(_("Revisions during the year"), st.heading),
            pdf.box([p(doc.revisions or _("No revisions."))]),
            p(_("Work in the priority areas"), st.heading),
            pdf.box([p(f"{area} – {done}", st.small) for area, done in doc.priorities] or [p("–")]),
            p(_("Summary"), st.heading),
            pdf.box([p(doc.summary or "–")]),
            p(_("Results of activities/sub-goals %(year)s") % {"year": doc.year}, st.heading),
        ]
        rows = [
            [
                p(_("This we planned to carry out"), st.small),
                p(_("Result – done/not done"), st.small),
            ]
        ]
        rows += [[p(planned, st.small), p(result, st.small)] for planned, result in doc.activities]
        story.append(pdf.grid(rows, [85 * mm, 85 * mm]))
    story += [
        Spacer(1, 4),
        p(_("The report handed to the head of secretariat covers at most two pages."), st.muted),
    ]
    return pdf.build(story, title=doc.title)


def render_docx(report: AnnualReport, *, public: bool = False) -> bytes:
    doc = build_document(report, public=public)
    document = Document()
    document.styles["Normal"].font.name = "DejaVu Sans"
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = doc.title
    document.core_properties.language = "sv-SE"
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
    if doc.light:
        for heading, text in (
            (_("Number of meetings"), doc.meetings),
            (_("What the network does"), doc.network_activities),
            (_("Members' municipalities"), doc.municipalities),
        ):
            document.add_heading(heading, level=2)
            document.add_paragraph(text or "–")
    else:
        document.add_heading(_("Goal fulfilment %(year)s") % {"year": doc.year}, level=2)
        for goal in doc.goals:
            for g in [goal, *goal.sub_goals]:
                document.add_paragraph(f"{g.number}. {g.statement}")
                line = document.add_paragraph()
                line.add_run(_("Fulfilled:") + " ").bold = True
                line.add_run(g.outcome)
                for text in (g.comment, g.reason and f"{_('Why:')} {g.reason}"):
                    if text:
                        document.add_paragraph(text)
        document.add_heading(_("Revisions during the year"), level=2)
        document.add_paragraph(doc.revisions or _("No revisions."))
        document.add_heading(_("Work in the priority areas"), level=2)
        for area, done in doc.priorities or [("–", "")]:
            document.add_paragraph(f"{area} – {done}" if done else area, style="List Bullet")
        document.add_heading(_("Summary"), level=2)
        document.add_paragraph(doc.summary or "–")
        document.add_heading(
            _("Results of activities/sub-goals %(year)s") % {"year": doc.year}, level=2
        )
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = _("This we planned to carry out")
        table.rows[0].cells[1].text = _("Result – done/not done")
        for planned, result in doc.activities:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = planned, result
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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
