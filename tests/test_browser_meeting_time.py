"""The secretariat gives a council meeting its time from the keyboard; the meeting's page
says when and where, on a desktop and on a phone."""

from datetime import time

import pytest

from samverkan.datasets import demo, demo_plans, umearegionen
from samverkan.governance.models import Meeting
from tests.browser import chromium_page, screenshot, serious_violations, sign_in
from tests.snapshots import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    demo.load_people()
    demo.ensure_accounts()
    demo_plans.load_governance()


@pytest.fixture
def site(live_server):
    load_once("umearegionen", umearegionen.load)
    load_once("browser: meeting time", _data)
    return live_server.url


def test_a_meeting_gets_its_time_and_shows_it(site):
    with chromium_page(bypass_csp=True) as page:
        sign_in(page, site, "kansli", demo.DEMO_PASSWORD, "/beslut/")
        # The date and time fields' parts follow the browser's own locale (12-hour here):
        # filled whole, then the rest by keyboard.
        page.get_by_label("Datum").last.fill("2027-02-10")
        page.get_by_label("Starttid").fill("09:30")
        page.get_by_label("Sluttid").fill("12:00")
        page.get_by_label("Plats").last.focus()
        page.keyboard.type("Bjurholm")
        screenshot(page, "decisions-meeting-form-filled")
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert "Sammanträdet är tillagt" in page.locator("main").inner_text()
        meeting = Meeting.objects.get(place="Bjurholm")
        assert (meeting.starts_at, meeting.ends_at) == (time(9, 30), time(12, 0))
        page.goto(f"{site}/beslut/sammantraden/{meeting.pk}/")
        assert "Tid: 09:30–12:00" in page.locator("main").inner_text()
        assert serious_violations(page) == []
        screenshot(page, "meeting-time-desktop")
        page.set_viewport_size({"width": 390, "height": 844})
        screenshot(page, "meeting-time-phone")
        page.goto(f"{site}/beslut/")
        screenshot(page, "decisions-meeting-form-phone")
