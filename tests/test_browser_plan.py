"""A member writes next year's plan with SMART advice, the contact person has it anchored and
submits it, and a chief executive approves it — in real Chromium, with screenshots."""

import re

import pytest

from samverkan.datasets import demo, demo_plans, umearegionen
from samverkan.planning.models import PlanVersion, Status
from tests.browser import chromium_page, screenshot, sign_in
from tests.snapshots import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    demo.load_people()
    demo.ensure_accounts()
    demo_plans.load_plans()


@pytest.fixture
def site(live_server):
    # Loaded once per session, written back per test (tests/snapshots.py).
    load_once("umearegionen", umearegionen.load)
    load_once("browser: the plan", _data)
    return live_server.url


def test_plan_from_draft_to_approval(site):
    pw = demo.DEMO_PASSWORD
    with chromium_page() as page:
        sign_in(page, site, "medlem", pw, "/verksamhetsplaner/2027/")
        page.get_by_role("button", name="Påbörja planen för Bibliotek").click()
        page.wait_for_url("**/2027/bibliotek/v1/redigera/")
        page.get_by_label("Verksamhetsområde").fill(
            "Folkbiblioteken i de sex kommunerna: gemensamt lånekort och transporter."
        )
        page.get_by_label("Avsikt/Syfte").fill(
            "Genom gemensamma bibliotekstjänster bidrar vi till att utveckla regionen."
        )
        page.get_by_label("Utveckla regionen").check()
        page.locator("input[name=priority_commitments]").first.check()
        screenshot(page, "plan-edit")
        page.get_by_role("button", name="Spara").click()
        page.wait_for_url("**/2027/bibliotek/v1/")

        page.get_by_role("link", name="Lägg till ett mål").click()
        page.get_by_role("textbox", name=re.compile("^Mål ")).fill("Vi ska jobba bra tillsammans.")
        advice = page.locator("#smart-advice")
        advice.get_by_text("Ange en riktning").wait_for()
        page.get_by_role("textbox", name=re.compile("^Mål ")).fill(
            "Öka antalet lån av e-böcker med 10 % före oktober 2027."
        )
        page.get_by_label("Riktning").select_option("increase")
        page.get_by_label("Vad som mäts").fill("lån av e-böcker per år")
        page.get_by_label("Enhet").fill("antal")
        page.get_by_label("Värde i dag").fill("41200")
        page.get_by_label("Målvärde").fill("45300")
        page.get_by_label("Klart senast").fill("2027-10-01")
        advice.get_by_text("Steget från dagens värde till målvärdet ser rimligt ut.").wait_for()
        screenshot(page, "plan-goal-smart")
        page.get_by_role("button", name="Spara målet").click()
        page.wait_for_url("**/2027/bibliotek/v1/#goals")

        page.get_by_role("link", name="Lägg till en aktivitet").click()
        page.get_by_role("textbox", name=re.compile("^Aktivitet ")).fill("Kampanj för e-boken")
        page.get_by_label("Hur").fill("Affischer och sociala medier i alla sex kommunerna")
        page.get_by_label("När").fill("2027-03-15")
        page.get_by_label("Ansvarig").select_option(index=1)
        page.locator("input[name=goals]").first.check()
        page.get_by_role("button", name="Spara aktiviteten").click()
        page.wait_for_url("**/2027/bibliotek/v1/#activities")
        assert "1 sida av högst 2" in page.locator("main").inner_text()
        screenshot(page, "plan-draft")

        sign_in(page, site, "kontaktperson", pw, "/verksamhetsplaner/2027/bibliotek/")
        page.get_by_role("button", name="Skicka för förankring").click()
        page.get_by_text("Förankring", exact=True).first.wait_for()
        while page.get_by_role("button", name="Registrera som förankrad").count():
            page.get_by_role("button", name="Registrera som förankrad").first.click()
            page.wait_for_load_state()
        screenshot(page, "plan-anchored")
        page.get_by_role("button", name="Lämna in till kansliet").click()
        page.wait_for_load_state()
        assert "Inlämnad till kansliet" in page.locator("main").inner_text()

        sign_in(page, site, "kommunchef", pw, "/verksamhetsplaner/2027/bibliotek/")
        page.get_by_label("Kommentar").first.fill("Godkänd vid mötet i december.")
        page.get_by_role("button", name="Godkänn").click()
        page.wait_for_load_state()
        assert "Godkänd" in page.locator("main").inner_text()
        screenshot(page, "plan-approved")

        pdf = page.request.get(f"{site}/verksamhetsplaner/2027/bibliotek/v1/export.pdf")
        assert pdf.ok and pdf.body()[:4] == b"%PDF"

    version = PlanVersion.objects.get(plan__group__slug="bibliotek", plan__year__year=2027)
    assert version.status == Status.APPROVED
    assert version.events.count() == 4
