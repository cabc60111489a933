"""A visitor opens a priority area's indicators and an indicator page, in real Chromium."""

from decimal import Decimal

import pytest

from samverkan.datasets import umearegionen
from samverkan.followup.kolada import Row
from samverkan.followup.models import Indicator, Target
from samverkan.followup.services import values_upsert
from tests.browser import chromium_page, screenshot
from tests.snapshots import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    indicator = Indicator.objects.get(slug="nystartade-foretag")
    base = {"2401": 3.1, "2403": 2.2, "2404": 3.8, "2409": 3.0, "2460": 3.4, "2480": 4.6}
    rows = [
        Row("N00999", code, year, "T", Decimal(str(round(v + (year - 2015) * 0.05, 2))), "")
        for code, v in base.items()
        for year in range(2015, 2025)
    ]
    values_upsert(indicator=indicator, rows=rows, origin="import")
    Target.objects.create(indicator=indicator, year=2030, value=Decimal("5"))


@pytest.fixture
def site(live_server):
    # Loaded once per session, written back per test (tests/snapshots.py).
    load_once("umearegionen", umearegionen.load)
    load_once("browser: the follow-up", _data)
    return live_server.url


def test_visitor_reads_an_indicator(site):
    with chromium_page() as page:
        page.goto(site + "/uppfoljning/")
        assert page.locator("h1").inner_text() == "Uppföljning av hållbar utveckling"
        screenshot(page, "followup-overview")
        page.get_by_role("link", name="Nystartade företag per 1 000 invånare 16–64 år").click()
        page.wait_for_url("**/indikatorer/nystartade-foretag/")
        assert page.locator("figure svg").count() == 1
        assert page.locator("table.chart-table tbody tr").count() == 10
        assert page.locator(".light").count() == 1
        screenshot(page, "followup-indicator")
