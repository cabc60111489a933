"""The invented second cooperation's logo in real Chromium: loaded from /logotyp/ before
its name in the header, passes axe, and is photographed."""

import pytest

from tests.browser import chromium_page, screenshot
from tests.test_browser_accessibility import _violations
from tests.test_browser_any_cooperation import site  # noqa: F401 (the fixture)

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
