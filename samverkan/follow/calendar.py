"""Calendar files (RFC 5545) built with icalendar: the council's public calendar, and one
person's own dates from the yearly wheel.

Every event has a stable UID (the same date stays the same event when the feed is fetched
again, and a moved date moves it), a DTSTAMP, and an all-day DTSTART.
"""

from datetime import date, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from samverkan.governance.models import Decision, Meeting
from samverkan.governance.selectors import WheelDate
from samverkan.organisation.models import Body

PRODID = "-//samverkan//Yearly wheel//SV"


def _calendar(name: str, description: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    return cal


def _all_day(uid: str, day: date, summary: str, stamp: datetime, description: str = "") -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    return event


def council_calendar(*, host: str, base_url: str, name: str, description: str) -> bytes:
    """The regional council's meetings, each with the decisions taken there. Public."""
    cal = _calendar(name, description)
    stamp = timezone.now()
    meetings = (
        Meeting.objects.filter(body__kind=Body.Kind.COUNCIL)
        .select_related("body")
        .prefetch_related("decisions")
        .order_by("date")
    )
    for meeting in meetings:
        decisions: list[Decision] = list(meeting.decisions.all())
        lines = [(f"{d.reference} – " if d.reference else "") + d.title for d in decisions]
        event = _all_day(
            f"meeting-{meeting.pk}@{host}",
            meeting.date,
            meeting.body.name,
            stamp,
            "\n".join(lines),
        )
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", f"{base_url}/beslut/")
        cal.add_component(event)
    return cal.to_ical()


def personal_calendar(
    dates: list[WheelDate], *, host: str, user_id: int, name: str, description: str
) -> bytes:
    """One person's own dates of the wheel: their groups' plans and reports, their
    meetings."""
    cal = _calendar(name, description)
    stamp = timezone.now()
    for item in dates:
        # The kind and what it concerns name the event: moving the date moves the event.
        key = f"{item.kind}-{item.planning_year or ''}-{item.label}"
        uid = f"{abs(hash_text(key))}-{user_id}@{host}"
        cal.add_component(_all_day(uid, item.day, item.label, stamp, str(item.kind_label)))
    return cal.to_ical()


def hash_text(text: str) -> int:
    """A stable number for a text (Python's hash() changes between runs)."""
    value = 0
    for char in text.encode():
        value = (value * 131 + char) % (2**61 - 1)
    return value
