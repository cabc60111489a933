"""The headings and guidance of the plan and report templates come from data (issue 18).

A section without wording keeps the product's own; the cooperation's wording, from its set-up
file or the administration, shows on the forms, the pages, the PDF and the DOCX alike.
"""

import io
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from docx import Document as Docx

from samverkan.core.exports import registry
from samverkan.core.models import AuditEntry
from samverkan.datasets import demo, demo_plans
from samverkan.organisation.models import Group
from samverkan.planning.models import AnnualReport, Document, ReportStatus, TemplateWording
from samverkan.planning.selectors.wording import wording_for
from samverkan.planning.services import reports as report_services
from samverkan.setup import services as setup_services
from samverkan.setup.reader import SetupFileError
from samverkan.wordimport import selectors as wordimport_selectors
from samverkan.wordimport.parser import Refused, parse_docx
from tests import pdf_checks
from tests.planning_helpers import approved_plan, complete_plan, open_year, user
from tests.snapshots import load_once

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "samverkan"
    / "datasets"
    / "cooperations"
    / "exempelforbundet.yaml"
)
# Typst's own syntax in a heading and guidance: the PDF must print it, never run it.
ODD_HEADING = "Årets mål {year} för Đuolja #strong[x] *y*"
ODD_GUIDANCE = 'Vart vill ni nå? ] #import "secret": * $ @ `'


def _set(document: str, section: str, heading: str, guidance: str = "") -> None:
    TemplateWording.objects.update_or_create(
        document=document, section=section, defaults={"heading": heading, "guidance": guidance}
    )


@pytest.mark.django_db
def test_without_wording_every_section_keeps_the_products_words():
    assert not TemplateWording.objects.exists()
    plan = wording_for(Document.PLAN, year=2027)
    assert plan["field_of_work"].heading == "Verksamhetsområde"
    assert plan["field_of_work"].guidance.startswith("Inom vilket område verkar ni?")
    assert (plan["goals"].heading, plan["activities"].heading) == (
        "Mål 2027",
        "Aktivitetsplan 2027",
    )
    assert plan["activities"].guidance == "Vem gör vad, när och hur?"
    report = wording_for(Document.REPORT, year=2026)
    assert report["fulfilment"].heading == "Måluppfyllelse 2026"
    assert report["activities"].heading == "Resultat av aktiviteter/delmål 2026"
    assert wording_for(Document.NETWORK_REPORT)["meetings"].heading == "Antal träffar"
    with translation.override("en"):
        assert wording_for(Document.PLAN, year=2027)["goals"].heading == "Goals 2027"


@pytest.mark.django_db
def test_a_row_replaces_just_its_section_and_english_falls_back_to_the_swedish():
    TemplateWording.objects.create(
        document="plan", section="goals", heading="Nätverkets mål {year}", heading_en="Aims {year}"
    )
    _set("plan", "field_of_work", "Vårt uppdrag", "Vad gör ni?")
    plan = wording_for(Document.PLAN, year=2030)
    assert plan["goals"].heading == "Nätverkets mål 2030" and plan["goals"].guidance == ""
    assert plan["activities"].heading == "Aktivitetsplan 2030"  # no row: the default
    with translation.override("en"):
        english = wording_for(Document.PLAN, year=2030)
    assert english["goals"].heading == "Aims 2030"
    assert english["field_of_work"].heading == "Vårt uppdrag"  # the cooperation's own words
    assert english["purpose"].heading == "Purpose"


@pytest.mark.django_db
def test_a_documents_wording_is_one_query_however_many_sections_it_has():
    for key in ("field_of_work", "purpose", "goals", "activities", "priorities", "revision"):
        _set("plan", key, f"Rubrik {key}", "Vägledning")
    with CaptureQueriesContext(connection) as ctx:
        wording_for(Document.PLAN, year=2027)
    assert len(ctx.captured_queries) == 1


# --- The shipped wording on the forms and pages ------------------------------------------------


def test_the_plan_form_has_the_cooperations_headings_and_guidance(demo_data, persona):
    draft = complete_plan()
    url = reverse("planning:edit", args=[2027, draft.plan.group.slug, draft.number])
    html = persona("group_member").get(url).content.decode()
    # The heading labels the field; the guidance is linked to it with aria-describedby.
    assert '<h2><label for="id_field_of_work">Verksamhetsområde</label></h2>' in html
    assert (
        '<p class="help guidance" id="id_field_of_work_helptext">Inom vilket område verkar ni?'
        in html
    )
    assert 'aria-describedby="id_field_of_work_helptext"' in html
    assert "Umeåregionens 3 övergripande målsättningar" in html  # purpose, from the file
    # The title's guidance introduces the form: Mall 1's note on its length.
    assert '<p class="guidance">Den verksamhetsplan ni lämnar till kansliet ska omfatta' in html
    assert "<legend><h2>Prioriterade områden</h2></legend>" in html
    assert 'aria-describedby="id_priority_commitments_helptext"' in html
    goal_page = persona("group_member").get(
        reverse("planning:goal_add", args=[2027, draft.plan.group.slug, draft.number])
    )
    assert "SMARTa mål" in goal_page.content.decode()


def test_a_changed_wording_shows_on_the_public_page_the_pdf_and_the_docx(demo_data):
    version = approved_plan()
    _set("plan", "goals", ODD_HEADING, ODD_GUIDANCE)
    heading = ODD_HEADING.replace("{year}", "2027")
    page = Client().get(version.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert '<h2 id="goals">Årets mål 2027 för Đuolja #strong[x] *y*</h2>' in html
    text = " ".join(pdf_checks.text(registry.get("plan_pdf").render(version).content).split())
    assert heading in text and ODD_GUIDANCE in text  # printed as written, never run
    assert "Mål 2027" not in text
    docx = Docx(io.BytesIO(registry.get("plan_docx").render(version, public=True).content))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert heading in headings and "Verksamhetsområde" in headings


def _demo_reports() -> int:
    demo_plans.load_plans()
    return demo_plans.load_reports()


def _exported_text(report) -> tuple[str, list[str]]:
    text = " ".join(pdf_checks.text(registry.get("report_pdf").render(report).content).split())
    docx = Docx(io.BytesIO(registry.get("report_docx").render(report).content))
    return text, [p.text for p in docx.paragraphs]


def test_a_changed_wording_shows_on_the_reports_page_and_exports(demo_data):
    load_once("plans and reports", _demo_reports)
    report = AnnualReport.objects.filter(
        kind=AnnualReport.Kind.FULL, status=ReportStatus.ACCEPTED
    ).first()
    _set("report", "fulfilment", "Hur gick det {year}?", "Svara för varje mål.")
    heading = f"Hur gick det {report.year.year}?"
    assert heading in Client().get(report.get_absolute_url()).content.decode()
    text, paragraphs = _exported_text(report)
    assert heading in text and heading in paragraphs
    assert "Revideringar under året" in text  # the file's, which is the template's


def _network_report() -> int:
    demo.load_networks()
    demo.ensure_accounts()
    return report_services.report_create(
        group=Group.objects.get(slug="landsbygdsnatverket"),
        year=open_year(2027),
        actor=user("natverk"),
    ).pk


def test_the_networks_report_has_its_own_wording(demo_data):
    report = AnnualReport.objects.get(pk=load_once("a network's report", _network_report))
    _set("network_report", "meetings", "Träffar under {year}", "Räkna även de digitala.")
    client = Client()
    client.force_login(user("natverk"))
    form = client.get(reverse("planning:report_edit", args=[2027, "landsbygdsnatverket"]))
    html = form.content.decode()
    assert '<h2><label for="id_meetings">Träffar under 2027</label></h2>' in html
    assert 'aria-describedby="id_meetings_helptext"' in html and "även de digitala" in html
    assert "<legend><h2>Medlemmarnas kommuner</h2></legend>" in html  # no row: the default
    assert "Träffar under 2027" in client.get(report.get_absolute_url()).content.decode()
    text, paragraphs = _exported_text(report)
    assert "Träffar under 2027" in text and "Träffar under 2027" in paragraphs


def test_the_report_form_shows_the_wording(demo_data, persona):
    version = approved_plan()
    _set("report", "summary", "Året i korthet", "Skriv med era egna ord.")
    client = persona("contact_person")
    client.post(reverse("planning:report_create", args=[2027, version.plan.group.slug]))
    html = client.get(reverse("planning:report_edit", args=[2027, version.plan.group.slug]))
    html = html.content.decode()
    assert '<h2><label for="id_summary">Året i korthet</label></h2>' in html
    assert 'aria-describedby="id_summary_helptext"' in html
    assert "<legend><h2>Måluppfyllelse 2027</h2></legend>" in html  # from the file
    assert 'id="fulfilment-guidance"' in html


def test_the_plan_page_does_not_grow_with_wording(demo_data, persona):
    version = approved_plan()
    client = persona("secretariat")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(version.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    TemplateWording.objects.all().delete()
    _set("plan", "field_of_work", "Ett", "")
    before = count()
    for key in ("purpose", "goals", "activities", "priorities", "revision"):
        _set("plan", key, f"Rubrik {key}", "Vägledning")
    # purpose's default asked for the cooperation's name; its own wording does not.
    assert count() <= before


# --- The administration -------------------------------------------------------------------


def test_the_administration_edits_the_wording_and_is_audited(demo_data, persona):
    client = persona("administrator")
    row = TemplateWording.objects.get(document="plan", section="goals")
    url = f"/admin/planning/templatewording/{row.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200 and "Vägledning" in form.content.decode()
    response = client.post(
        url,
        {
            "document": "plan",
            "section": "goals",
            "heading": "Mål att nå {year}",
            "guidance": "Vad vill ni nå?",
            "heading_en": "",
            "guidance_en": "",
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.heading == "Mål att nå {year}"
    assert AuditEntry.objects.filter(action="samverkan.templatewording.changed").exists()
    assert "Mål att nå 2027" in Client().get(approved_plan().get_absolute_url()).content.decode()
    # A section the document does not have, or a placeholder other than the year: refused.
    refused = client.post(
        "/admin/planning/templatewording/add/",
        {"document": "network_report", "section": "goals", "heading": "Mål {år}"},
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "välj ett av title, meetings, network_activities, municipalities" in html
    assert "Bara {year} och {group} kan fyllas i, inte {år}" in html


@pytest.mark.parametrize("role", ["visitor", "group_member", "contact_person", "chief_executive"])
def test_others_cannot_edit_the_wording(persona, role):
    row = TemplateWording.objects.get(document="plan", section="goals")
    url = f"/admin/planning/templatewording/{row.pk}/change/"
    response = persona(role).post(url, {"document": "plan", "section": "goals", "heading": "X"})
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert "/login" in response["Location"] or "/konto/" in response["Location"]
    row.refresh_from_db()
    assert row.heading == "Mål {year}"


def test_the_secretariat_keeps_the_wording_as_it_keeps_the_organisation(persona):
    assert persona("secretariat").get("/admin/planning/templatewording/").status_code == 200


# --- The set-up file ----------------------------------------------------------------------

BASE = """\
cooperation:
  name: Formulerad samverkan
  vision: En vision
  target_population: 1000
  target_year: 2050
municipalities:
- code: '2480'
  name: Umeå
objectives:
- number: 1
  title: Ett mål
"""


@pytest.mark.django_db
def test_wording_from_the_file_is_written_and_updated_without_doubles():
    first = BASE + "wording:\n  plan:\n    goals:\n      heading: Mål {year}\n"
    setup_services.setup_from_text(first)
    assert TemplateWording.objects.get().heading == "Mål {year}"
    setup_services.setup_from_text(first.replace("Mål {year}", "Våra mål {year}"))
    row = TemplateWording.objects.get()
    assert (row.document, row.section, row.heading) == ("plan", "goals", "Våra mål {year}")
    assert (
        setup_services.setup_from_text(first.replace("Mål {year}", "Våra mål {year}")).changed
        is False
    )


BAD = (
    BASE
    + """\
wording:
  plan:
    goal:
      heading: Mål
    purpose:
      heading: Syfte {år}
  reports:
    summary:
      heading: Sammanfattning
  network_report:
    meetings:
      guidance: Bara vägledning
"""
)


@pytest.mark.django_db
def test_bad_wording_in_the_file_is_refused_by_line_with_the_allowed_keys():
    with pytest.raises(SetupFileError) as problems:
        setup_services.setup_from_text(BAD)
    found = {p.where: (p.line, p.message) for p in problems.value.problems}
    assert found["wording.plan.purpose.heading"][0] == 17
    assert "bara {year} och {group} kan fyllas i" in found["wording.plan.purpose.heading"][1]
    # Guidance alone is fine: the section keeps the product's heading.
    assert not [where for where in found if where.startswith("wording.network_report")]
    assert not TemplateWording.objects.exists()
    # The keys are checked once the grammar holds.
    fixed = BAD.replace("Syfte {år}", "Syfte")
    with pytest.raises(SetupFileError) as problems:
        setup_services.setup_from_text(fixed)
    found = {p.where: (p.line, p.message) for p in problems.value.problems}
    line, message = found["wording.plan.goal"]
    assert line == 14
    assert "avsnittet 'goal' finns inte i dokumenttypen verksamhetsplan" in message
    assert "title, field_of_work, purpose, goals, activities, priorities, revision" in message
    line, message = found["wording.reports"]
    assert line == 18 and "plan, report, network_report" in message
    assert not TemplateWording.objects.exists()


# --- Word files written from the cooperation's own templates ---------------------------------


def _own_template_file(title: str = "Nätverksplan 2027 för Kulturnätverket") -> bytes:
    document = Docx()
    document.add_heading(title, level=1)
    document.add_heading("Nätverkets uppdrag", level=2)
    document.add_paragraph("Vad arbetar nätverket med, och vilka yrkesgrupper möts i det?")
    document.add_paragraph("Kultur och föreningsliv i hela länet.")
    document.add_heading("Nätverksplanens mål för 2027", level=2)
    document.add_paragraph("1. Öka antalet besökare med 10 % före oktober 2027.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_the_word_import_reads_the_cooperations_own_headings_and_skips_its_guidance():
    setup_services.setup_from_file(EXAMPLE)
    content = _own_template_file()
    parsed = parse_docx(content, "kultur.docx", own=wordimport_selectors.own_words())
    assert (parsed.kind, parsed.year, parsed.group) == ("plan", 2027, "Kulturnätverket")
    assert parsed.field_of_work == "Kultur och föreningsliv i hela länet."
    assert [g.statement for g in parsed.goals] == [
        "Öka antalet besökare med 10 % före oktober 2027."
    ]
    assert not any("yrkesgrupper" in line for line in parsed.unparsed)
    # Without the cooperation's wording the title is unknown, and the file is refused.
    with pytest.raises(Refused):
        parse_docx(content, "kultur.docx")
    # A Mall 1 title with the cooperation's own headings: the headings alone are known.
    mall = _own_template_file("Verksamhetsplan 2027 för Kulturnätverket")
    plain = parse_docx(mall, "kultur.docx")
    assert plain.field_of_work is None and "Nätverkets uppdrag" in plain.unparsed
    assert parse_docx(mall, "kultur.docx", own=wordimport_selectors.own_words()).field_of_work
