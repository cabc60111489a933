"""The issue's path in real Chromium: the secretariat sets next year's wheel with the
keyboard and the desk follows; Vännäs's adoption of a council decision is recorded with its
case number and paragraph and the public matrix changes. Each page is checked with axe."""

import pytest

from samverkan.datasets import demo, demo_plans, umearegionen
from tests.browser import chromium_page, screenshot, serious_violations, sign_in
from tests.snapshots import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    demo.load_people()
    demo.ensure_accounts()
    demo_plans.load_plans()
    demo_plans.load_governance()


@pytest.fixture
def site(live_server):
    load_once("umearegionen", umearegionen.load)
    load_once("browser: the wheel", _data)
    return live_server.url


def test_the_secretariat_sets_the_wheel_and_records_vannas_decision(site):
    with chromium_page(bypass_csp=True) as page:  # axe-core is injected as a script
        sign_in(page, site, "kansli", demo.DEMO_PASSWORD, "/kansli/2027/")
        page.get_by_role("link", name="Ändra årshjulets datum").click()
        page.wait_for_url("**/arshjul/2027/redigera/")
        assert not serious_violations(page)
        # With the keyboard: focus the plans' date, type, tab on, press the button.
        field = page.get_by_label("Sista dag för verksamhetsplaner")
        field.focus()
        field.fill("2026-12-10")
        page.keyboard.press("Tab")
        page.get_by_role("button", name="Spara datumen").focus()
        # Wait for the answer to the POST itself: the form's page is already loaded, so
        # waiting for a load state could read it before the saved page arrives.
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Årshjulet 2027 är sparat" in page.locator("main").inner_text()
        screenshot(page, "wheel-form")
        page.goto(f"{site}/kansli/2027/")
        assert "2026-12-10" in page.locator(".key-figures").inner_text()

        page.goto(f"{site}/arshjul/2027/?kommun=2460")
        assert page.locator("svg.wheel g").count() == page.locator("table tbody tr").count()
        assert not serious_violations(page)
        screenshot(page, "wheel")

        page.goto(f"{site}/beslut/")
        page.get_by_role("link", name="Registrera – Vännäs").click()
        assert not serious_violations(page)
        page.get_by_label("Status").select_option("adopted")
        page.get_by_label("Beslutsdatum").fill("2026-10-20")
        page.get_by_label("Diarienummer").fill("KS 2026/118")
        page.get_by_label("Paragraf (§)").fill("142")
        page.get_by_label("Länk till protokollet").fill("https://www.vannas.se/protokoll.pdf")
        screenshot(page, "adoption-form")
        with page.expect_navigation():  # the form's own address also matches /beslut/
            page.get_by_role("button", name="Spara").click()

        page.context.clear_cookies()
        page.goto(f"{site}/beslut-i-kommunerna/")
        matrix = page.locator("table.adoption-matrix").inner_text()
        assert "KS 2026/118" in matrix and "§ 142" in matrix
        assert not serious_violations(page)
        screenshot(page, "adoption-matrix")
