"""The council's compilations of plans and reports, with key figures and charts."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from samverkan.council import compilations
from samverkan.datasets import demo, demo_plans
from samverkan.planning.models import PlanningYear


@pytest.fixture
def years(demo_data):
    demo.load_networks()
    demo_plans.load_plans()
    demo_plans.load_reports()
    return {y.year: y for y in PlanningYear.objects.all()}


def test_report_compilation_figures(years):
    c = compilations.compile_reports(years[2025])
    figures = dict(c.figures)
    assert figures["Godtagna berättelser"] == "8"
    fully, partly, not_at_all = c.fulfilment.values()
    assert fully and partly and not_at_all  # the demo's mix
    assert figures["Nätverkens träffar"] == "10"
    assert next(s.title for s in c.sections).startswith("1.")


def test_plan_compilation_orders_by_objective(years):
    c = compilations.compile_plans(years[2026])
    titles = [s.title for s in c.sections]
    assert titles == sorted(titles)
    names = [e.group.name for e in c.sections[0].entries]
    assert "Bibliotek" in names and "Kultur" not in names  # drafts are not compiled
    assert dict(c.figures)["Godkända planer"].startswith("4 ")


def test_empty_year_says_so(years, persona):
    response = persona("secretariat").get(
        reverse("desk:compilation_download", args=[2027, "planer", "pdf"])
    )
    assert response.status_code == 404
    assert "inget att sammanställa" in response.content.decode()


@pytest.mark.parametrize("role", ["secretariat", "chief_executive", "council_member"])
def test_readers_of_compilations(years, persona, role):
    response = persona(role).get(reverse("desk:compilation", args=[2025, "berattelser"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sammanställning av verksamhetsberättelser 2025" in html
    assert "<svg" in html and 'role="img"' in html


@pytest.mark.parametrize("role", ["visitor", "signed_in_visitor", "group_member", "contact_person"])
def test_refused_readers(years, persona, role):
    for url in (
        reverse("desk:compilation", args=[2025, "berattelser"]),
        reverse("desk:compilation_download", args=[2025, "berattelser", "pdf"]),
    ):
        assert persona(role).get(url).status_code == 403


def test_downloads(years, persona):
    client = persona("secretariat")
    pdf = client.get(reverse("desk:compilation_download", args=[2025, "berattelser", "pdf"]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Sammanställning av verksamhetsberättelser 2025" in text and "Nyckeltal" in text
    assert "Bibliotek" in text
    docx = client.get(reverse("desk:compilation_download", args=[2026, "planer", "docx"]))
    document = Document(io.BytesIO(docx.content))
    assert document.paragraphs[0].text == "Sammanställning av verksamhetsplaner 2026"
    assert document.inline_shapes  # the coverage chart
    xlsx = client.get(reverse("desk:compilation_download", args=[2025, "berattelser", "xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert "Nyckeltal" in workbook.sheetnames
    rows = list(workbook["Måluppfyllelse"].values)
    assert rows[0] == ("Uppfyllt", "Mål") and len(rows) == 4
