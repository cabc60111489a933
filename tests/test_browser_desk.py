"""The head of secretariat finds the overdue groups and sends reminders, in real Chromium."""

import pytest
from django.core import mail

from samverkan.datasets import demo, demo_plans, umearegionen
from samverkan.planning.models import ReminderLog
from tests.browser import chromium_page, screenshot, sign_in
from tests.snapshots import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    demo.load_people()
    demo.load_networks()
    demo.ensure_accounts()
    demo_plans.load_plans()
    demo_plans.load_reports()


@pytest.fixture
def site(live_server):
    # Loaded once per session, written back per test (tests/snapshots.py).
    load_once("umearegionen", umearegionen.load)
    load_once("browser: the desk", _data)
    return live_server.url


def test_head_of_secretariat_finds_overdue_groups_and_reminds_them(site):
    with chromium_page() as page:
        sign_in(page, site, "kansli", demo.DEMO_PASSWORD, "/")
        page.get_by_role("link", name="Kansliets översikt").click()
        page.wait_for_url("**/kansli/2026/")
        screenshot(page, "desk")
        page.get_by_label("Status").select_option("overdue")
        page.get_by_role("button", name="Filtrera").click()
        page.wait_for_url("**status=overdue**")
        table = page.locator("table.desk tbody")
        assert "Kultur" in table.inner_text() and "Bibliotek" not in table.inner_text()
        screenshot(page, "desk-overdue")
        page.get_by_role("button", name="Skicka påminnelser nu").click()
        page.wait_for_load_state()
        assert "påminnelser skickade" in page.locator("main").inner_text()
        assert "Kultur: Verksamhetsplan (försenad)" in page.locator("main").inner_text()
        screenshot(page, "desk-reminded")

        page.goto(f"{site}/kansli/2025/")
        page.get_by_role("link", name="Sammanställning av verksamhetsberättelser 2025").click()
        page.wait_for_url("**/sammanstallning/berattelser/")
        assert page.locator("figure svg").count() == 2
        screenshot(page, "compilation-reports")
        with page.expect_download() as download:
            page.get_by_role("link", name="PDF", exact=True).click()
        path = download.value.path()
        assert path.read_bytes()[:4] == b"%PDF"
        assert (
            download.value.suggested_filename == "sammanstallning-verksamhetsberattelser-2025.pdf"
        )
        page.goto(f"{site}/kansli/2026/tackning/")
        screenshot(page, "coverage")
    # Sent from 2026's desk: the overdue 2026 plan, not the 2025 report (that is 2025's desk).
    assert set(
        ReminderLog.objects.filter(group__slug="kultur").values_list("year__year", "stage")
    ) == {(2026, "plan")}
    assert any("Kultur" in m.subject for m in mail.outbox)
