"""The secretariat brings old Word plans and reports in, in real Chromium: upload a zip,
see the refusals, review and correct one file, confirm, and find it on its pages."""

import io
import zipfile

import pytest

from samverkan.datasets import demo, umearegionen
from samverkan.planning.models import PlanVersion
from tests.browser import chromium_page, screenshot, serious_violations, sign_in
from tests.snapshots import load_once
from tests.wordimport_fixtures import FIXTURES, protocol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    demo.load_people()
    demo.ensure_accounts()


@pytest.fixture
def site(live_server):
    load_once("umearegionen", umearegionen.load)
    load_once("browser: the word import", _data)
    return live_server.url


def test_a_zip_of_old_files_is_reviewed_and_imported(site, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("gamla/plan.docx", FIXTURES["plan-rubrikformat.docx"]()[0])
        archive.writestr("gamla/protokoll.docx", protocol())
        archive.writestr("gamla/trasig.docx", b"PK\x03\x04 broken")
    upload = tmp_path / "gamla.zip"
    upload.write_bytes(buffer.getvalue())
    with chromium_page(bypass_csp=True) as page:  # axe-core is injected as a script
        sign_in(page, site, "kansli", demo.DEMO_PASSWORD, "/kansli/import/")
        assert serious_violations(page) == []
        # The file field is reached and chosen from the keyboard as well.
        page.get_by_label("Word-fil (.docx) eller zip-fil med Word-filer").focus()
        page.get_by_label("Word-fil (.docx) eller zip-fil med Word-filer").set_input_files(upload)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_url("**/kansli/import/*/")
        main = page.locator("main").inner_text()
        assert "3 av 3 filer lästa" in main
        assert "inte ut som en verksamhetsplan" in main
        assert "skadad" in main
        assert serious_violations(page) == []
        screenshot(page, "wordimport-batch")
        page.get_by_role("link", name="Granska plan.docx").click()
        assert serious_violations(page) == []
        page.get_by_label("Målvärde").fill("32")
        screenshot(page, "wordimport-review")
        page.get_by_role("button", name="Bekräfta och importera").click()
        page.wait_for_url("**/kansli/import/*/")
        assert "importerades som" in page.locator("main").inner_text()
        page.get_by_role("link", name="Verksamhetsplan 2013 för Kultur").click()
        assert "Importerad från Word-filen plan.docx" in page.locator("main").inner_text()
        screenshot(page, "wordimport-plan")
    version = PlanVersion.objects.get(plan__group__slug="kultur", plan__year__year=2013)
    assert version.goals.get().target_value == 32
