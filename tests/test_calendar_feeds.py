"""Calendar feeds: the council's public calendar and a person's own dates behind a secret,
revocable address; both parse as RFC 5545 with the properties a calendar program needs."""

from datetime import UTC, date, datetime, time

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from samverkan.core.models import AuditEntry
from samverkan.datasets import demo_plans
from samverkan.follow.models import CalendarFeed
from samverkan.governance.models import Meeting
from samverkan.planning.models import PlanningYear
from samverkan.planning.services import cycle
from tests.planning_helpers import user
from tests.snapshots import load_once
from tests.transparency_helpers import load_portal


@pytest.fixture
def wheel(demo_data):
    load_portal()
    load_once("plans", demo_plans.load_plans)


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert cal.get("PRODID") and str(cal.get("VERSION")) == "2.0"
    events = cal.walk("VEVENT")
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert event.get(required) is not None, required
    assert len({str(e["UID"]) for e in events}) == len(events)  # every UID its own
    return cal


@pytest.mark.usefixtures("wheel")
def test_the_council_calendar_is_public_and_valid():
    cal = _parse(Client().get("/kalender/sammantraden.ics"))
    events = cal.walk("VEVENT")
    days = {e.decoded("DTSTART") for e in events}
    # A meeting without a time is a whole day; one with a time starts and ends in UTC.
    assert {date(2027, 3, 18), date(2027, 9, 23)} <= days
    september = next(e for e in events if "Vindeln" in str(e.get("LOCATION")))
    assert september.decoded("DTSTART") == datetime(2026, 9, 24, 11, 0, tzinfo=UTC)  # 13:00
    assert september.decoded("DTEND") == datetime(2026, 9, 24, 14, 0, tzinfo=UTC)  # 16:00
    assert str(september["SUMMARY"]) == "Regionrådets sammanträde"
    # The event names the meeting and links to its page; the decisions stay on that page.
    meeting = Meeting.objects.get(date=date(2026, 9, 24))
    page = "http://testserver" + reverse("governance:meeting", args=[meeting.pk])
    assert str(september["URL"]) == page
    description = str(september["DESCRIPTION"])
    assert page in description and "1 beslut fattades." in description
    assert "e-böcker" not in description and meeting.decisions.get().text not in description
    march = next(e for e in events if e.decoded("DTSTART") == date(2027, 3, 18))
    assert str(march["LOCATION"]) == "Umeå" and "DTEND" in march
    # No e-mail address in the public feed: the only @ are in the events' UIDs, which take
    # the site's own name (SITE_URL), whatever address the calendar was fetched from.
    text = Client().get("/kalender/sammantraden.ics").content.decode()
    assert "@testserver" not in text
    assert "@" not in text.replace("@localhost", "")


def test_a_meeting_page_and_the_secretariats_form_give_the_time(demo_data, persona):
    url = reverse("governance:meeting_add")
    data = {
        "meeting-date": "2027-02-10",
        "meeting-starts_at": "09:30",
        "meeting-ends_at": "12:00",
        "meeting-place": "Bjurholm",
    }
    assert persona("secretariat").post(url, data).status_code == 302
    meeting = Meeting.objects.get(place="Bjurholm")
    assert (meeting.starts_at, meeting.ends_at) == (time(9, 30), time(12, 0))
    html = Client().get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert "Tid: 09:30–12:00" in html and "Plats: Bjurholm" in html
    # An end before the start, or an end without a start, is refused with a reason.
    for starts, ends in (("14:00", "13:00"), ("", "13:00")):
        bad = dict(data, **{"meeting-starts_at": starts, "meeting-ends_at": ends})
        bad["meeting-place"] = "Vännäs"
        response = persona("secretariat").post(url, bad, follow=True)
        assert not Meeting.objects.filter(place="Vännäs").exists()
        assert "sammanträdet" in response.content.decode()


def test_a_person_makes_revokes_and_renews_their_secret_address(wheel, persona):
    client = persona("contact_person")
    assert client.get(reverse("follow:calendar")).status_code == 200
    client.post(reverse("follow:calendar_create"))
    feed = CalendarFeed.objects.get(user__username="kontaktperson")
    url = f"/kalender/{feed.token}.ics"
    assert url in client.get(reverse("follow:calendar")).content.decode()
    cal = _parse(Client().get(url))  # a calendar program does not sign in
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert any("Verksamhetsplaner för 2027" in s and "Bibliotek" in s for s in summaries)
    assert AuditEntry.objects.filter(action="samverkan.calendar_feed.created").exists()
    # Revoked: the old address is gone.
    client.post(reverse("follow:calendar_revoke"))
    assert Client().get(url).status_code == 404
    assert AuditEntry.objects.filter(action="samverkan.calendar_feed.revoked").exists()
    # A new address works, the old one still does not.
    client.post(reverse("follow:calendar_create"))
    new = CalendarFeed.objects.get(user__username="kontaktperson")
    assert new.token != feed.token
    assert Client().get(f"/kalender/{new.token}.ics").status_code == 200
    assert Client().get(url).status_code == 404
    # A closed account's address stops working with it.
    new.user.is_active = False
    new.user.save()
    assert Client().get(f"/kalender/{new.token}.ics").status_code == 404


def test_moving_a_date_moves_the_event_but_keeps_its_uid(wheel, persona):
    persona("contact_person").post(reverse("follow:calendar_create"))
    url = f"/kalender/{CalendarFeed.objects.get().token}.ics"

    def plans_event():
        cal = _parse(Client().get(url))
        return next(
            e for e in cal.walk("VEVENT") if "Verksamhetsplaner för 2027" in str(e["SUMMARY"])
        )

    before = plans_event()
    cycle.wheel_update(
        year=PlanningYear.objects.get(year=2027), actor=user("kansli"), plans_due=date(2026, 12, 18)
    )
    after = plans_event()
    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("DTSTART") == date(2026, 12, 18) != before.decoded("DTSTART")


def test_an_unknown_address_is_not_found(wheel):
    assert Client().get("/kalender/gissat.ics").status_code == 404


@pytest.mark.usefixtures("wheel")
def test_the_calendar_page_is_for_signed_in_users(persona):
    assert persona("visitor").get(reverse("follow:calendar")).status_code == 302
    assert persona("visitor").post(reverse("follow:calendar_create")).status_code == 302
    assert not CalendarFeed.objects.exists()
    for role in ("signed_in_visitor", "group_member", "chief_executive", "council_member"):
        assert persona(role).get(reverse("follow:calendar")).status_code == 200
