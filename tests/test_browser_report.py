"""The Bibliotek contact person reports on the year from the approved (and revised) plan, a
network reports its meetings, and the secretariat accepts both — in real Chromium."""

import pytest

from samverkan.datasets import demo, demo_plans, umearegionen
from samverkan.planning.models import AnnualReport, ReportStatus
from tests.browser import chromium_page, screenshot, sign_in
from tests.snapshots import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    demo.load_people()
    demo.load_networks()
    demo.ensure_accounts()
    demo_plans.load_plans()


@pytest.fixture
def site(live_server):
    # Loaded once per session, written back per test (tests/snapshots.py).
    load_once("umearegionen", umearegionen.load)
    load_once("browser: the report", _data)
    return live_server.url


def test_reports_filled_in_and_accepted(site):
    pw = demo.DEMO_PASSWORD
    with chromium_page() as page:
        sign_in(page, site, "kontaktperson", pw, "/verksamhetsplaner/2026/")
        page.get_by_role("button", name="Påbörja verksamhetsberättelsen – Bibliotek").click()
        page.wait_for_url("**/2026/bibliotek/berattelse/redigera/")
        assert "version 2" in page.locator("main").inner_text()
        rows = page.locator("fieldset.report-section").first.locator(".report-row")
        assert rows.count() == 2
        rows.nth(0).get_by_label("Helt", exact=True).check()
        rows.nth(0).get_by_label("Uppnått värde").fill("45 900")
        rows.nth(1).get_by_label("Delvis", exact=True).check()
        rows.nth(1).get_by_label("Uppnått värde").fill("4")
        rows.nth(1).get_by_label("Varför målet inte uppfylldes helt").fill(
            "Transportslingan till Robertsfors kom i gång först i oktober."
        )
        activities = page.locator("fieldset.report-section").nth(1).locator(".report-row")
        for i in range(activities.count()):
            activities.nth(i).get_by_label("Genomfört", exact=True).check()
        prio = page.locator("fieldset.report-section").nth(2).locator(".report-row").first
        prio.get_by_label("Arbetet berörde detta").check()
        prio.get_by_label("Vad som gjordes").fill("Läsombud i alla sex kommunerna.")
        page.get_by_label("Sammanfattning", exact=True).fill(
            "Ett år med fler e-boklån och snabbare fjärrlån, trots licensbytet i våras."
        )
        assert "Licensen" in page.get_by_label("Revideringar under året").input_value() or (
            "licens" in page.get_by_label("Revideringar under året").input_value()
        )
        screenshot(page, "report-edit")
        page.get_by_role("button", name="Spara").click()
        page.wait_for_url("**/2026/bibliotek/berattelse/")
        page.get_by_role("button", name="Lämna in till kansliet").click()
        page.wait_for_load_state()
        assert "Inlämnad till kansliet" in page.locator("main").inner_text()

        sign_in(page, site, "natverk", pw, "/verksamhetsplaner/2026/")
        page.get_by_role("button", name="Rapportera nätverkets år – Landsbygdsnätverket").click()
        page.wait_for_url("**/2026/landsbygdsnatverket/berattelse/redigera/")
        page.get_by_label("Antal träffar").fill("-1")
        page.get_by_role("button", name="Spara").click()
        assert "Antalet träffar kan inte vara negativt." in page.locator("main").inner_text()
        screenshot(page, "network-report-error")
        page.get_by_label("Antal träffar").fill("6")
        page.get_by_label("Vad nätverket gör").fill(
            "Vi träffas varannan månad och delar erfarenheter om servicepunkter."
        )
        page.get_by_role("button", name="Spara").click()
        page.wait_for_url("**/landsbygdsnatverket/berattelse/")
        page.get_by_role("button", name="Lämna in till kansliet").click()
        page.wait_for_load_state()

        sign_in(page, site, "kansli", pw, "/verksamhetsplaner/2026/bibliotek/berattelse/")
        screenshot(page, "report-submitted")
        page.get_by_role("button", name="Godta berättelsen").click()
        page.wait_for_load_state()
        assert "Godtagen" in page.locator("main").inner_text()
        page.goto(f"{site}/verksamhetsplaner/2026/landsbygdsnatverket/berattelse/")
        page.get_by_role("button", name="Godta berättelsen").click()
        page.wait_for_load_state()
        screenshot(page, "network-report-accepted")
        page.goto(f"{site}/verksamhetsplaner/2026/")
        screenshot(page, "year-2026-secretariat")

    assert set(AnnualReport.objects.values_list("status", flat=True)) == {ReportStatus.ACCEPTED}
    bibliotek = AnnualReport.objects.get(group__slug="bibliotek")
    assert bibliotek.based_on.number == 2
    assert str(bibliotek.goals.order_by("order").first().value_reached) == "45900.00"
