"""Tables a civil servant reads on a phone: the adoption matrix, the desk's groups and
the Word import's files fit 390 px without a sideways scroll, and keep their header cells
for screen readers."""

import io
import zipfile

import pytest

from samverkan.datasets import demo, demo_plans, umearegionen
from samverkan.organisation.models import Municipality
from tests.browser import chromium_page, screenshot, serious_violations, sign_in
from tests.snapshots import load_once
from tests.wordimport_fixtures import FIXTURES, protocol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# How far the page, or any table's scrolling box, reaches past its width (0: it fits).
OVERFLOW = """() => {
  const boxes = [document.documentElement, ...document.querySelectorAll('.table-scroll')];
  return Math.max(...boxes.map(b => b.scrollWidth - b.clientWidth));
}"""


def _data():
    demo.load_people()
    demo.ensure_accounts()
    demo_plans.load_plans()
    demo_plans.load_governance()


@pytest.fixture
def site(live_server):
    load_once("umearegionen", umearegionen.load)
    load_once("browser: phone tables", _data)
    return live_server.url


def _header_cells(page) -> tuple[int, int]:
    return (
        page.locator("table th[scope=col]").count(),
        page.locator("table th[scope=row]").count(),
    )


def test_the_adoption_matrix_reads_on_a_phone(site):
    members = Municipality.objects.filter(is_member=True).count()
    with chromium_page(bypass_csp=True) as page:
        page.set_viewport_size(DESKTOP)
        page.goto(f"{site}/beslut-i-kommunerna/")
        cols, rows = _header_cells(page)
        # The decision, then one column per member (seven, Örnsköldsvik too).
        assert cols == 1 + members and rows == 1
        screenshot(page, "adoption-matrix-desktop")
        page.set_viewport_size(PHONE)
        screenshot(page, "adoption-matrix-phone")
        assert page.evaluate(OVERFLOW) <= 0
        assert _header_cells(page) == (cols, rows)
        # Each member's cell is labelled with the member's name where the header row is hidden.
        cell = page.locator("table.adoption-matrix td[data-label=Vindeln]")
        assert "Antaget" in cell.inner_text()
        assert "Vindeln" in cell.evaluate("c => getComputedStyle(c, '::before').content")
        assert serious_violations(page) == []
        screenshot(page, "adoption-matrix-phone")


def test_the_word_import_reads_on_a_phone(site, tmp_path):
    members = Municipality.objects.filter(is_member=True).count()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "gamla/verksamhetsplan-kultur-2013.docx", FIXTURES["plan-rubrikformat.docx"]()[0]
        )
        archive.writestr("gamla/protokoll.docx", protocol())
        archive.writestr("gamla/trasig.docx", b"PK\x03\x04 broken")
    upload = tmp_path / "gamla.zip"
    upload.write_bytes(buffer.getvalue())
    with chromium_page(bypass_csp=True) as page:
        page.set_viewport_size(PHONE)
        sign_in(page, site, "kansli", demo.DEMO_PASSWORD, "/kansli/")
        # The desk's table of groups stacks the same way.
        assert page.locator("table.desk.stack-narrow th[scope=row]").count() > 10
        assert page.evaluate(OVERFLOW) <= 0
        assert serious_violations(page) == []
        screenshot(page, "desk-phone")
        # And the decisions page's table of where each municipality stands.
        page.goto(f"{site}/beslut/")
        assert page.locator("table.stack-narrow td[data-label=Diarienummer]").count() == members
        assert page.evaluate(OVERFLOW) <= 0
        assert serious_violations(page) == []
        screenshot(page, "decisions-phone")
        page.set_viewport_size(DESKTOP)
        screenshot(page, "decisions-desktop")
        page.set_viewport_size(PHONE)
        page.goto(f"{site}/kansli/import/")
        screenshot(page, "wordimport-upload-phone")
        assert page.evaluate(OVERFLOW) <= 0
        field = page.get_by_label("Word-fil (.docx) eller zip-fil med Word-filer")
        field.focus()
        field.set_input_files(upload)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_url("**/kansli/import/*/")
        assert "3 av 3 filer lästa" in page.locator("main").inner_text()
        screenshot(page, "wordimport-batch-phone")
        assert page.evaluate(OVERFLOW) <= 0
        assert _header_cells(page)[0] == 4
        assert serious_violations(page) == []
        screenshot(page, "wordimport-batch-phone")
        page.set_viewport_size(DESKTOP)
        screenshot(page, "wordimport-batch-desktop")
        page.set_viewport_size(PHONE)
        page.get_by_role("link", name="Granska verksamhetsplan-kultur-2013.docx").click()
        page.wait_for_load_state()
        screenshot(page, "wordimport-review-phone")
        assert page.evaluate(OVERFLOW) <= 0
        assert serious_violations(page) == []
        page.set_viewport_size(DESKTOP)
        screenshot(page, "wordimport-review-desktop")
