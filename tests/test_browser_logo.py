"""The invented second cooperation's logo in real Chromium: loaded from /logotyp/ before
its name in the header, passes axe, and is photographed."""

import pytest

from samverkan.datasets import demo, umearegionen
from samverkan.organisation.models import Cooperation
from tests.browser import chromium_page, screenshot, sign_in
from tests.snapshots import load_once
from tests.test_browser_accessibility import _violations
from tests.test_browser_any_cooperation import EXAMPLE, site  # noqa: F401 (the fixture)
from tests.test_browser_organisation import _data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_header_shows_the_cooperations_logo_before_its_name(site):  # noqa: F811
    with chromium_page(bypass_csp=True) as page:  # axe-core is injected as a script
        page.goto(site + "/")
        logo = page.locator("header .brand img.brand-logo")
        assert logo.count() == 1 and logo.get_attribute("alt") == ""
        # Loaded, drawn, and as high as the header's text allows.
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
        assert logo.bounding_box()["height"] <= 40
        brand = page.locator("header .brand")
        assert brand.inner_text().strip().startswith("Exempelförbundet")
        assert not _violations(page)
        screenshot(page, "exempelforbundet-start-logo")


@pytest.fixture
def organisation_site(live_server):
    load_once("umearegionen", umearegionen.load)
    load_once("browser: the organisation", _data)
    return live_server.url


def test_an_administrator_uploads_a_logo_and_a_refusal_stays_at_its_field(
    organisation_site, tmp_path
):
    bad = tmp_path / "logo.svg"
    bad.write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>', "utf-8")
    good = EXAMPLE.with_name("exempelforbundet-logo.svg")
    coop = Cooperation.objects.get()
    change = f"/admin/organisation/cooperation/{coop.pk}/change/"
    with chromium_page() as page:
        sign_in(page, organisation_site, "admin", demo.DEMO_PASSWORD, next_path=change)
        page.goto(organisation_site + change)
        page.locator("#id_logo_file").set_input_files(str(bad))
        page.get_by_role("button", name="Spara", exact=True).click()
        page.wait_for_load_state()
        assert "händelsehanterare" in page.locator(".field-logo_file").inner_text()
        screenshot(page, "admin-cooperation-logo-refused")
        page.locator("#id_logo_file").set_input_files(str(good))
        page.get_by_role("button", name="Spara", exact=True).click()
        page.wait_for_load_state()
        assert page.locator(".errorlist").count() == 0
        page.goto(organisation_site + "/")
        assert page.locator("header img.brand-logo").evaluate("img => img.naturalWidth > 0")
        screenshot(page, "umearegionen-start-with-uploaded-logo")
    assert Cooperation.objects.get().logo_type == "image/svg+xml"
