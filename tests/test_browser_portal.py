"""A resident of Bjurholm, signed out, finds decisions, public transport work and indicators,
by keyboard alone and by mouse; a journalist finds the open data."""

import pytest

from samverkan.datasets import demo, umearegionen
from tests.browser import chromium_page, screenshot
from tests.snapshots import load_once
from tests.transparency_helpers import load_portal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _people():
    demo.load_people()
    demo.ensure_accounts()


@pytest.fixture
def site(live_server):
    # Loaded once per session, written back per test (tests/snapshots.py).
    load_once("umearegionen", umearegionen.load)
    load_once("browser: people and accounts", _people)
    load_portal()
    return live_server.url


def _focused(page) -> dict:
    """What has focus, and whether it is visibly marked."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 80),
                href: el.getAttribute('href') || '', id: el.id,
                // A ring that can be seen: some width and a colour that is not transparent.
                visible: (style.outlineStyle !== 'none'
                          && parseFloat(style.outlineWidth) >= 2
                          && !style.outlineColor.endsWith(', 0)')
                          && style.outlineColor !== 'transparent')
                         || (style.boxShadow !== 'none'
                             && !style.boxShadow.startsWith('rgba(0, 0, 0, 0)')),
            };
        }"""
    )


def _tab_to(page, match, limit: int = 80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["visible"], f"no visible focus on {focused}"
        if match(focused):
            return focused
    raise AssertionError("never reached by Tab")


def test_start_page_by_keyboard_to_public_transport(site):
    with chromium_page() as page:
        page.goto(site + "/")
        page.keyboard.press("Tab")
        first = _focused(page)
        assert first["text"] == "Hoppa till innehållet" and first["visible"]
        screenshot(page, "portal-skip-link-focused")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"

        page.goto(site + "/")
        _tab_to(page, lambda f: f["id"] == "header-q")
        page.keyboard.type("kollektivtrafik")
        page.keyboard.press("Enter")
        page.wait_for_url("**/sok/?q=kollektivtrafik")
        assert page.locator("h1").inner_text() == "Sök"
        screenshot(page, "portal-search-kollektivtrafik")
        _tab_to(page, lambda f: f["href"].endswith("/2025/infra-kommunikation/berattelse/"))
        page.keyboard.press("Enter")
        page.wait_for_url("**/2025/infra-kommunikation/berattelse/")
        assert "Infra/Kommunikation" in page.locator("h1").inner_text()
        screenshot(page, "portal-report-by-keyboard")


def test_indicator_page_by_keyboard(site):
    with chromium_page() as page:
        page.goto(site + "/uppfoljning/indikatorer/hallbara-resor/")
        assert page.locator("figure svg").count() == 1
        assert page.get_by_text("Påhittade värden.").count() == 1
        table = _tab_to(page, lambda f: f["tag"] == "DIV")  # the scrollable table region
        assert table["visible"]
        page.keyboard.press("ArrowRight")  # a keyboard user can scroll the wide table
        _tab_to(page, lambda f: f["href"].endswith("hallbara-resor.csv"))
        screenshot(page, "portal-indicator-csv-focused")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename == "hallbara-resor.csv"


def test_resident_finds_decisions_and_bjurholms_adoption_by_mouse(site):
    with chromium_page() as page:
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(site + "/")
        page.get_by_role("link", name="Beslut", exact=True).click()
        page.wait_for_url("**/beslut/")
        row = page.locator("tr", has=page.get_by_role("rowheader", name="Bjurholm")).first
        assert row.count() == 1
        screenshot(page, "portal-decisions-phone")


def test_resident_goes_from_the_organisation_to_a_groups_report_by_mouse(site):
    with chromium_page() as page:
        page.goto(site + "/")
        page.get_by_role("link", name="Organisation", exact=True).first.click()
        page.wait_for_url("**/organisation/")
        page.get_by_role("link", name="Infra/Kommunikation").first.click()
        page.wait_for_url("**/organisation/grupper/infra-kommunikation/")
        screenshot(page, "portal-group-documents")
        page.get_by_role("link", name="Verksamhetsberättelse 2025").click()
        page.wait_for_url("**/2025/infra-kommunikation/berattelse/")
        assert page.get_by_role("heading", level=1).count() == 1


def test_journalist_finds_open_data_and_api_documentation(site):
    with chromium_page() as page:
        page.goto(site + "/")
        page.get_by_role("link", name="Öppna data och API").click()
        page.wait_for_url("**/oppna-data/")
        screenshot(page, "portal-open-data")
        with page.expect_download() as download:
            page.get_by_role("link", name="gruppernas planer och berättelser 2025 (CSV)").click()
        assert download.value.suggested_filename == "samverkan-2025-grupper.csv"
        page.get_by_role("link", name="/api/v1/docs").click()
        page.wait_for_url("**/api/v1/docs")
        page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
        assert page.locator(".opblock").count() >= 15
        screenshot(page, "portal-api-docs")
