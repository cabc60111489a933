"""Every Word export shares one house style: Word's heading styles, the document's language
and title, table header rows repeated on every page, and charts with alternative text. The
plan's and report's DOCX keep their text and order (a Word re-import reads them back)."""

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from samverkan.core.exports import registry
from samverkan.council import compilations, followup_report
from samverkan.council import documents as compilation_exports
from samverkan.datasets import demo, demo_plans
from samverkan.planning.models import AnnualReport, PlanningYear, ReportStatus
from samverkan.planning.selectors import plans as selectors
from tests.planning_helpers import approved_plan
from tests.snapshots import load_once


def _networks_plans_reports():
    demo.load_networks()
    demo_plans.load_plans()
    demo_plans.load_reports()


@pytest.fixture
def years(demo_data):
    load_once("networks+plans+reports", _networks_plans_reports)
    return {y.year: y for y in PlanningYear.objects.all()}


def _assert_house_style(content: bytes, title: str):
    document = Document(io.BytesIO(content))
    assert document.core_properties.title == title
    assert document.core_properties.language == "sv-SE"
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "sv-SE"
    assert document.styles["Normal"].font.name == "DejaVu Sans"
    assert document.styles["Heading 2"].font.name == "DejaVu Sans"
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    for shape in document.inline_shapes:
        assert shape._inline.docPr.get("descr")
    return document


def test_plan_docx_keeps_its_text_and_order(demo_data):
    version = selectors.version_detail(approved_plan().plan, 1)
    content = registry.get("plan_docx").render(version, public=True).content
    title = "Verksamhetsplan 2027 för Umeåregionens Bibliotek-arbetsgrupp"
    document = _assert_house_style(content, title)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        title,
        "Verksamhetsområde",
        "Avsikt/Syfte",
        "Mål 2027",
        "Aktivitetsplan 2027",
        "Prioriterade områden",
    ]
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == ["Aktivitet", "Hur", "När", "Ansvarig", "Mål", "Genomfört"]


def test_report_docx_has_the_house_style(years):
    for kind in ("full", "light"):
        report = AnnualReport.objects.filter(kind=kind, status=ReportStatus.ACCEPTED).first()
        result = registry.get("report_docx").render(report, public=True)
        document = Document(io.BytesIO(result.content))
        _assert_house_style(result.content, document.paragraphs[0].text)


def test_compilation_and_follow_up_docx_have_the_house_style(years):
    c = compilations.compile_reports(years[2025])
    document = _assert_house_style(compilation_exports.render_docx(c), c.title)
    assert len(document.inline_shapes) == 2  # both charts, each with its alternative text
    report = followup_report.build(years[2025])
    _assert_house_style(followup_report.render_docx(report), report.title)
