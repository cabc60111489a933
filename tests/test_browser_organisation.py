"""A visitor and a signed-in user walk the organisation chart in real Chromium."""

import pytest

from samverkan.datasets import demo, umearegionen
from tests.browser import chromium_page, screenshot
from tests.snapshots import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    demo.load_people()
    demo.load_plan_revision()
    demo.ensure_accounts()


@pytest.fixture
def site(live_server):
    # Loaded once per session, written back per test (tests/snapshots.py).
    load_once("umearegionen", umearegionen.load)
    load_once("browser: the organisation", _data)
    return live_server.url


def test_visitor_walks_the_organisation_chart(site):
    with chromium_page() as page:
        page.goto(site + "/")
        assert page.locator("html").get_attribute("lang") == "sv"
        assert "kvarts miljon" in page.locator("h1").inner_text()
        screenshot(page, "start")

        # Keyboard first: the skip link is the first thing Tab reaches.
        page.keyboard.press("Tab")
        assert (
            page.evaluate("document.activeElement.textContent").strip() == "Hoppa till innehållet"
        )

        page.get_by_role("link", name="Organisation", exact=True).first.click()
        assert page.locator("h1").inner_text() == "Organisation"
        columns = page.locator(".org-column h2")
        assert "Utveckla regionen" in columns.nth(0).inner_text()
        assert page.locator("a", has_text="Flyktingmottagning").count() == 2
        screenshot(page, "organisation")

        page.locator(".org-column", has_text="Utveckla regionen").get_by_role(
            "link", name="Bibliotek"
        ).click()
        assert page.locator("h1").inner_text() == "Bibliotek"
        assert page.get_by_text("Logga in för att se").count() > 0
        assert "@" not in page.locator("main table").inner_text()
        screenshot(page, "group-visitor")


def test_signed_in_member_sees_contact_details_and_switches_language(site):
    with chromium_page() as page:
        page.goto(site + "/konto/logga-in/?next=/organisation/grupper/bibliotek/")
        page.get_by_label("Användarnamn").fill("medlem")
        page.get_by_label("Lösenord").fill(demo.DEMO_PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url("**/organisation/grupper/bibliotek/")
        assert "@" in page.locator("main table").inner_text()
        screenshot(page, "group-signed-in")

        page.get_by_role("button", name="In English").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("columnheader", name="Municipality").count() == 1
        page.goto(site + "/organisation/")
        assert "Develop the region" in page.locator(".org-columns").first.inner_text()
        screenshot(page, "organisation-en")

        page.goto(site + "/prioriterade-omraden/")
        screenshot(page, "priority-areas-en")
        page.goto(site + "/strategisk-plan/jamfor/")
        screenshot(page, "compare-en")
