"""Every PDF samverkan makes is tagged PDF/UA-1 from one Typst engine: language, title,
outline, headings, table header rows, figures with alternative text; and what users wrote is
printed as written, never read as Typst markup."""

import dataclasses
import re

import pytest
from django.urls import reverse

from samverkan.core.exports import pdf, registry
from samverkan.council import compilations, followup_report
from samverkan.council import documents as compilation_exports
from samverkan.datasets import demo, demo_plans
from samverkan.planning.documents import plans as plan_exports
from samverkan.planning.documents import reports as report_exports
from samverkan.planning.models import AnnualReport, PlanningYear, ReportStatus
from samverkan.planning.selectors import plans as selectors
from tests import pdf_checks
from tests.planning_helpers import approved_plan
from tests.snapshots import load_once

# Every character that means something in Typst markup or code.
NASTY = '#import "x": * ] [ *fet* _k_ $x^2$ <etikett> @ref \\ // ` ~ = - + 1. #{1+1}'


def _networks_plans_reports():
    demo.load_networks()
    demo_plans.load_plans()
    demo_plans.load_reports()


@pytest.fixture
def years(demo_data):
    load_once("networks+plans+reports", _networks_plans_reports)
    return {y.year: y for y in PlanningYear.objects.all()}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _poison(obj, seen: list[str], path: str = "") -> None:
    """Set every text field of a document (dataclasses, nested lists) to NASTY with a marker,
    recording the texts to look for."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        here = f"{path}{f.name}"
        if isinstance(value, str) and f.name not in {"kind"}:
            text = f"«{len(seen)}» {NASTY}"
            seen.append(text)
            setattr(obj, f.name, text)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    _poison(item, seen, f"{here}.{i}.")
                elif isinstance(item, str):
                    text = f"«{len(seen)}» {NASTY}"
                    seen.append(text)
                    value[i] = text
                elif isinstance(item, tuple):
                    texts = []
                    for part in item:
                        if isinstance(part, str):
                            texts.append(f"«{len(seen)}» {NASTY}")
                            seen.append(texts[-1])
                        else:
                            texts.append(part)
                    value[i] = tuple(texts)
        elif dataclasses.is_dataclass(value):
            _poison(value, seen, f"{here}.")


def _assert_printed_as_written(content: bytes, seen: list[str]) -> None:
    printed = _squash(pdf_checks.text(content))
    for expected in seen:
        assert _squash(expected) in printed, expected


def test_plan_text_fields_print_as_written(demo_data):
    document = plan_exports.build_document(approved_plan(), public=False)
    seen: list[str] = []
    _poison(document, seen)
    assert len(seen) > 15
    _assert_printed_as_written(plan_exports.pdf_from_document(document), seen)


@pytest.mark.parametrize("light", [False, True])
def test_report_text_fields_print_as_written(years, light):
    report = AnnualReport.objects.filter(kind="light" if light else "full").first()
    document = report_exports.build_document(report, public=False)
    seen: list[str] = []
    _poison(document, seen)
    content = pdf.render(report_exports.pdf_document(document))
    printed = _squash(pdf_checks.text(content))
    # The light report shows only the network's fields, the full one only the full fields.
    shown = [s for s in seen if _squash(s) in printed]
    assert len(shown) >= (5 if light else 10)
    for field in (document.title, document.contact, document.summary if not light else ""):
        if field:
            assert _squash(field) in printed


def test_compilation_text_fields_print_as_written(years):
    c = compilations.compile_reports(years[2025])
    seen: list[str] = []
    c.title = f"«t» {NASTY}"
    seen.append(c.title)
    for section in c.sections:
        section.title = f"«s{len(seen)}» {NASTY}"
        seen.append(section.title)
        for entry in section.entries:
            entry.group.name = f"«g{len(seen)}» {NASTY}"
            seen.append(entry.group.name)
            entry.summary = f"«u{len(seen)}» {NASTY}"
            seen.append(entry.summary)
            entry.goals = [f"«m{len(seen)}» {NASTY}"]
            seen.append(entry.goals[0])
    c.figures = [(f"«f» {NASTY}", f"«v» {NASTY}")]
    seen += list(c.figures[0])
    content = compilation_exports.render_pdf(c)
    _assert_printed_as_written(content, seen)


def test_follow_up_text_fields_print_as_written(years):
    report = followup_report.build(years[2025])
    seen: list[str] = []
    _poison(report, seen)
    _assert_printed_as_written(followup_report.render_pdf(report), seen)


def test_visitors_plan_is_tagged_swedish_titled_and_two_pages_at_most(demo_data, persona, tmp_path):
    version = approved_plan()
    url = reverse(
        "planning:export",
        args=[version.plan.year.year, version.plan.group.slug, version.number, "pdf"],
    )
    response = persona("visitor").get(url)
    assert response.status_code == 200
    title = "Verksamhetsplan 2027 för Umeåregionens Bibliotek-arbetsgrupp"
    reading = pdf_checks.assert_accessible(response.content, title=title, tmp_path=tmp_path)
    assert reading.lang == "sv-SE"
    assert {"Table", "TH", "TD"} <= set(reading.tags)
    assert reading.pages <= 2
    # The Sámi letters are drawn by the bundled font, not lost.
    assert "Đuolja" in pdf_checks.text(response.content)


def test_report_pdfs_are_tagged(years, tmp_path):
    for kind in ("full", "light"):
        report = selectors.loaded_report(
            AnnualReport.objects.filter(kind=kind, status=ReportStatus.ACCEPTED).first()
        )
        content = report_exports.render_pdf(report, public=True)
        title = report_exports.build_document(report, public=True).title
        reading = pdf_checks.assert_accessible(content, title=title, tmp_path=tmp_path)
        assert reading.pages <= 2
        if kind == "full":
            assert "TH" in reading.tags


@pytest.mark.parametrize(("kind", "year"), [("planer", 2026), ("berattelser", 2025)])
def test_compilations_have_a_bookmark_per_group_and_charts_with_alt(years, kind, year, tmp_path):
    compiler = compilations.compile_plans if kind == "planer" else compilations.compile_reports
    c = compiler(years[year])
    content = compilation_exports.render_pdf(c)
    reading = pdf_checks.assert_accessible(content, title=c.title, tmp_path=tmp_path)
    for section in c.sections:
        assert section.title in reading.outline
        for entry in section.entries:
            assert entry.group.name in reading.outline
    assert {"Table", "TH", "H3", "Figure"} <= set(reading.tags)
    assert all(alt.startswith("Stapeldiagram") for alt in reading.figure_alts)


def test_follow_up_pdf_is_tagged(years, tmp_path):
    report = followup_report.build(years[2025])
    reading = pdf_checks.assert_accessible(
        followup_report.render_pdf(report), title=report.title, tmp_path=tmp_path
    )
    for area in report.areas:
        assert area.name in reading.outline
    assert "TH" in reading.tags


def test_english_document_says_english(tmp_path):
    content = pdf.render(
        pdf.Document("Plan", [pdf.heading("Plan", 1), pdf.heading("Goals")], lang="en")
    )
    assert pdf_checks.read(content).lang == "en-GB"


def test_same_document_same_bytes():
    document = pdf.Document("Plan", [pdf.heading("Plan", 1), pdf.para("Đuolja ŋ ŧ")])
    assert pdf.render(document) == pdf.render(document)


def test_every_pdf_the_project_makes_is_checked_here():
    # A new PDF exporter must be added to the accessibility tests above.
    pdfs = {e.identifier for e in registry.all_exporters() if e.content_type == registry.PDF}
    assert pdfs == {"plan_pdf", "report_pdf", "compilation_pdf", "followup_pdf", "interim_pdf"}
