"""The invented second cooperation in real Chromium: set up from its file on an empty
database, its start page and organisation chart name it, pass axe and are photographed."""

from pathlib import Path

import pytest

from samverkan.setup import services as setup_services
from tests.browser import chromium_page, screenshot
from tests.snapshots import load_once
from tests.test_browser_accessibility import _violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "samverkan"
    / "datasets"
    / "cooperations"
    / "exempelforbundet.yaml"
)


def _example() -> None:
    setup_services.setup_from_file(EXAMPLE)


@pytest.fixture
def site(live_server):
    load_once("exempelforbundet", _example)
    return live_server.url


def test_the_second_cooperations_start_page_and_organisation_chart(site):
    with chromium_page(bypass_csp=True) as page:  # axe-core is injected as a script
        page.goto(site + "/")
        assert page.locator("html").get_attribute("lang") == "sv"
        header = page.locator("body > header").inner_text()
        assert "Exempelförbundet" in header
        assert "Ett län där det är lätt att leva" in page.locator("main").inner_text()
        assert "Umeåregionen" not in page.content()
        assert not _violations(page)
        screenshot(page, "exempelforbundet-start")

        page.get_by_role("link", name="Organisation", exact=True).first.click()
        assert page.locator("h1").inner_text() == "Organisation"
        chart = page.locator("main").inner_text()
        for name in ("Förbundsfullmäktige", "Styrgruppen", "Förbundskansliet"):
            assert name in chart
        columns = page.locator(".org-column h2")
        # One column per objective, then the horizontal principles: four objectives, not three.
        assert [columns.nth(i).inner_text()[0] for i in range(4)] == ["1", "2", "3", "4"]
        # No objective's name is broken inside a word in its narrow column.
        for i in range(4):
            assert columns.nth(i).evaluate("h => h.scrollWidth <= h.clientWidth")
        assert "Attraktiv livsmiljö" in columns.nth(0).inner_text()
        assert page.locator("a", has_text="Besöksnäringsnätverket").count() == 2  # two objectives
        assert "Umeåregionen" not in page.content() and "Regionrådet" not in page.content()
        assert not _violations(page)
        screenshot(page, "exempelforbundet-organisation")
