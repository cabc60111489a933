"""The operational plan as a document laid out like Mall 1, in PDF and DOCX.

Both formats are built from one `PlanDocument`, so they say the same thing. A public
rendering leaves out phone numbers and e-mail addresses.
"""

from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samverkan.core.exports import docx as docx_style
from samverkan.core.exports import pdf, registry
from samverkan.core.exports.logo import logo_png, logo_svg
from samverkan.core.formats import figure, genitive
from samverkan.organisation.models import Body
from samverkan.organisation.selectors import (
    body_of_kind,
    cooperation_name,
    document_brand,
    group_kind_word,
    page_limit,
)
from samverkan.planning.models import Document, PlanVersion, Status
from samverkan.planning.selectors import plans as selectors
from samverkan.planning.selectors.wording import Section, wording_for


@dataclass
class GoalLine:
    number: str
    statement: str
    detail: str
    sub_goals: list["GoalLine"]
    goal: object = None


@dataclass
class ActivityLine:
    what: str
    how: str
    when: str
    responsible: str
    status: str
    goals: str
    activity: object = None


@dataclass
class PlanDocument:
    title: str
    year: int
    status_note: str
    contact: str
    members: list[str]
    field_of_work: str
    purpose: str
    objectives: list[str]
    goals: list[GoalLine]
    activities: list[ActivityLine]
    priorities: list[str]
    revision: str
    # Each section's heading and guidance, as the cooperation words its template.
    wording: dict[str, Section]


def _person(line, public: bool) -> str:
    parts = [line.name, line.municipality, line.title]
    if not public:
        parts += [line.phone, line.email]
    return ", ".join(p for p in parts if p)


def _goal_detail(goal) -> str:
    bits = []
    if goal.measure:
        bits.append(goal.measure + (f" ({goal.unit})" if goal.unit else ""))
    if goal.baseline_value is not None:
        when = f" ({goal.baseline_date.isoformat()})" if goal.baseline_date else ""
        bits.append(
            _("today %(value)s%(when)s") % {"value": figure(goal.baseline_value), "when": when}
        )
    if goal.target_value is not None:
        bits.append(_("target %(value)s") % {"value": figure(goal.target_value)})
    if goal.deadline:
        bits.append(_("by %(date)s") % {"date": goal.deadline.isoformat()})
    return " · ".join(bits)


def build_document(version: PlanVersion, *, public: bool) -> PlanDocument:
    version = selectors.loaded_version(version)
    plan = version.plan
    group = plan.group
    contact, members = selectors.people_of(version)
    goals = []
    numbering = {}
    for i, goal in enumerate(version.top_goals, start=1):
        subs = []
        numbering[goal.pk] = str(i)
        for j, sub in enumerate(goal.sub_goals.all(), start=1):
            numbering[sub.pk] = f"{i}.{j}"
            subs.append(GoalLine(f"{i}.{j}", sub.statement, _goal_detail(sub), [], sub))
        goals.append(GoalLine(str(i), goal.statement, _goal_detail(goal), subs, goal))
    activities = [
        ActivityLine(
            what=a.what,
            how=a.how,
            when=a.when.isoformat() if a.when else "",
            responsible=str(a.responsible) if a.responsible else "",
            status=a.get_status_display(),
            goals=", ".join(numbering.get(g.pk, "") for g in a.goals.all()),
            activity=a,
        )
        for a in version.activities.all()
    ]
    wording = wording_for(Document.PLAN, year=plan.year.year, group=group.name)
    if wording["title"].own_heading:
        title = wording["title"].heading
    elif group.kind == group.Kind.WORKING_GROUP:
        title = _("Operational plan %(year)s for %(owner)s %(group)s %(kind)s") % {
            "kind": group_kind_word(group.kind),
            "owner": genitive(cooperation_name()),
            "year": plan.year.year,
            "group": group.name,
        }
    else:
        title = wording["title"].heading
    revision = ""
    if version.is_revision:
        revision = _("Revision %(n)s from %(when)s. What changes: %(how)s Why: %(why)s") % {
            "n": version.number,
            "when": version.revision_when.isoformat() if version.revision_when else "–",
            "how": version.revision_how or "–",
            "why": version.revision_why or "–",
        }
    status_note = ""
    if version.status != Status.APPROVED:
        status_note = _("Not approved – status: %(status)s") % {
            "status": version.get_status_display()
        }
    elif version.approved_at:
        status_note = _("Approved %(date)s") % {"date": version.approved_at.date().isoformat()}
    return PlanDocument(
        title=title,
        year=plan.year.year,
        status_note=status_note,
        contact=_person(contact, public) if contact else _("No contact person"),
        members=[_person(m, public) for m in members],
        field_of_work=version.field_of_work,
        purpose=version.purpose,
        objectives=[o.short_title for o in version.objectives.all()],
        goals=goals,
        activities=activities,
        priorities=[
            f"{pc.area.name}: {pc.commitment.code} {pc.wording}"
            for pc in version.priority_commitments.all()
        ],
        revision=revision,
        wording=wording,
    )


# --- PDF ----------------------------------------------------------------------------------


def render_pdf(version: PlanVersion, *, public: bool = False) -> bytes:
    return pdf_from_document(build_document(version, public=public))


def pdf_from_document(doc: PlanDocument) -> bytes:
    return pdf.render(pdf_document(doc))


def pdf_document(doc: PlanDocument) -> pdf.Document:
    """The plan in the house style, laid out like Mall 1."""
    limit, chiefs = page_limit(), body_of_kind(Body.Kind.CHIEF_EXECUTIVES)
    blocks = [pdf.heading(doc.title, 1)]
    if doc.status_note:
        blocks.append(pdf.para(doc.status_note, "muted"))
    blocks.append(pdf.labelled(_("Contact person for the group:"), doc.contact))
    blocks.append(pdf.labelled(_("Members of the group:"), "; ".join(doc.members), small=True))
    if doc.revision:
        blocks += [pdf.space(), pdf.box([pdf.para(doc.revision, "small")])]
    words = doc.wording
    sections = [
        (words["field_of_work"], [pdf.para(doc.field_of_work)]),
        (
            words["purpose"],
            [
                pdf.para(doc.purpose),
                pdf.para(
                    _("Objectives: %(list)s") % {"list": ", ".join(doc.objectives) or "–"},
                    "small",
                ),
            ],
        ),
    ]
    for section, content in sections:
        blocks.append(pdf.keep([*_heading(section), pdf.box(content)]))
    goal_flow = []
    for goal in doc.goals:
        goal_flow.append(pdf.para(f"{goal.number}. {goal.statement}"))
        if goal.detail:
            goal_flow.append(pdf.para(goal.detail, "muted"))
        subs = []
        for sub in goal.sub_goals:
            subs.append(pdf.para(f"{sub.number} {sub.statement}", "small"))
            if sub.detail:
                subs.append(pdf.para(sub.detail, "muted"))
        if subs:
            goal_flow.append(pdf.indent(subs))
    blocks += [
        *_heading(words["goals"]),
        pdf.box(goal_flow or [pdf.para("–")]),
        *_heading(words["activities"]),
        pdf.table(
            [_("Activity"), _("How"), _("When"), _("Responsible"), _("Goal"), _("Done")],
            [[a.what, a.how, a.when, a.responsible, a.goals, a.status] for a in doc.activities],
            [38, 43, 23, 30, 12, 24],
        ),
        *_heading(words["priorities"]),
        pdf.box([pdf.para(line, "small") for line in doc.priorities] or [pdf.para("–")]),
        pdf.space(),
        pdf.para(
            ngettext(
                "The plan handed to the secretariat covers at most %(pages)s page. Changes to "
                "goals or the activity plan during the year are reported to %(chiefs)s through "
                "the head of secretariat.",
                "The plan handed to the secretariat covers at most %(pages)s pages. Changes to "
                "goals or the activity plan during the year are reported to %(chiefs)s through "
                "the head of secretariat.",
                limit,
            )
            % {"pages": limit, "chiefs": chiefs.name if chiefs else _("the chief executives")},
            "muted",
        ),
    ]
    brand_name, brand_logo = document_brand()
    return pdf.Document(doc.title, blocks, author=brand_name, logo_svg=logo_svg(brand_logo))


def _heading(section: Section) -> list[pdf.Block]:
    """A section's heading and, as Mall 1 asks it under the heading, its guidance."""
    blocks = [pdf.heading(section.heading)]
    if section.guidance:
        blocks.append(pdf.para(section.guidance, "muted"))
    return blocks


def page_count(pdf_bytes: bytes) -> int:
    """Pages of the Typst layout: the two-page rule of plans and reports is checked on it."""
    return pdf.page_count(pdf_bytes)


# --- DOCX ---------------------------------------------------------------------------------


def render_docx(version: PlanVersion, *, public: bool = False) -> bytes:
    doc = build_document(version, public=public)
    brand_name, brand_logo = document_brand()
    document = docx_style.new_document(doc.title, author=brand_name, logo_png=logo_png(brand_logo))
    document.add_heading(doc.title, level=1)
    if doc.status_note:
        document.add_paragraph().add_run(doc.status_note).italic = True
    para = document.add_paragraph()
    para.add_run(_("Contact person for the group:") + " ").bold = True
    para.add_run(doc.contact)
    para = document.add_paragraph()
    para.add_run(_("Members of the group:") + " ").bold = True
    para.add_run("; ".join(doc.members))
    if doc.revision:
        document.add_paragraph(doc.revision)
    words = doc.wording
    document.add_heading(words["field_of_work"].heading, level=2)
    document.add_paragraph(doc.field_of_work or "–")
    document.add_heading(words["purpose"].heading, level=2)
    document.add_paragraph(doc.purpose or "–")
    document.add_paragraph(_("Objectives: %(list)s") % {"list": ", ".join(doc.objectives) or "–"})
    document.add_heading(words["goals"].heading, level=2)
    for goal in doc.goals:
        document.add_paragraph(f"{goal.number}. {goal.statement}")
        if goal.detail:
            document.add_paragraph(goal.detail)
        for sub in goal.sub_goals:
            document.add_paragraph(f"{sub.number} {sub.statement}", style="List Bullet")
    document.add_heading(words["activities"].heading, level=2)
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    headers = [_("Activity"), _("How"), _("When"), _("Responsible"), _("Goal"), _("Done")]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    docx_style.header_row(table.rows[0])
    for a in doc.activities:
        cells = table.add_row().cells
        for cell, text in zip(
            cells, [a.what, a.how, a.when, a.responsible, a.goals, a.status], strict=True
        ):
            cell.text = text
    document.add_heading(words["priorities"].heading, level=2)
    for line in doc.priorities or ["–"]:
        document.add_paragraph(line, style="List Bullet")
    return docx_style.save(document)


def _filename(version: PlanVersion) -> str:
    plan = version.plan
    return f"verksamhetsplan-{plan.year.year}-{slugify(plan.group.name)}-v{version.number}"


PLAN_PDF = registry.register(
    registry.Exporter(
        "plan_pdf",
        gettext_lazy("Operational plan (PDF)"),
        "pdf",
        registry.PDF,
        render_pdf,
        _filename,
    )
)
PLAN_DOCX = registry.register(
    registry.Exporter(
        "plan_docx",
        gettext_lazy("Operational plan (DOCX)"),
        "docx",
        registry.DOCX,
        render_docx,
        _filename,
    )
)
