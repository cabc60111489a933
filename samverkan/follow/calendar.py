"""Calendar files (RFC 5545) built with icalendar: the council's public calendar, and one
person's own dates from the yearly wheel.

Every event has a stable UID (the same date stays the same event when the feed is fetched
again, and a moved date moves it), a DTSTAMP, and a DTSTART: all day, or in UTC for a
meeting with a time (UTC needs no VTIMEZONE beside it).
"""

from datetime import UTC, date, datetime, timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar import Calendar, Event

from samverkan.core.formats import genitive
from samverkan.governance.models import Meeting
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


def _timed(meeting: Meeting) -> tuple[datetime, datetime | None] | None:
    """The meeting's start and end in UTC, or None when it has no time (a whole day)."""
    if meeting.starts_at is None:
        return None
    zone = timezone.get_current_timezone()

    def utc(at) -> datetime:
        return datetime.combine(meeting.date, at, tzinfo=zone).astimezone(UTC)

    return utc(meeting.starts_at), utc(meeting.ends_at) if meeting.ends_at else None


def council_calendar(*, host: str, base_url: str, name: str, description: str) -> bytes:
    """The regional council's meetings: when, where, and a link to the meeting's page with
    its agenda, decisions and minutes. The decisions stay on that page: a calendar entry
    that carried them grew long and went stale when one was corrected. Public."""
    cal = _calendar(name, description)
    stamp = timezone.now()
    meetings = (
        Meeting.objects.filter(body__kind=Body.Kind.COUNCIL)
        .select_related("body")
        .annotate(
            n_agenda=Count("agenda", distinct=True), n_decisions=Count("decisions", distinct=True)
        )
        .order_by("date")
    )
    for meeting in meetings:
        url = base_url + reverse("governance:meeting", args=[meeting.pk])
        lines = []
        if meeting.n_decisions:
            lines.append(
                ngettext(
                    "%(n)s decision was taken.", "%(n)s decisions were taken.", meeting.n_decisions
                )
                % {"n": meeting.n_decisions}
            )
        elif meeting.n_agenda:
            lines.append(
                ngettext(
                    "%(n)s item on the agenda.", "%(n)s items on the agenda.", meeting.n_agenda
                )
                % {"n": meeting.n_agenda}
            )
        lines.append(_("Agenda, decisions and minutes: %(url)s") % {"url": url})
        summary = _("%(owner)s meeting") % {"owner": genitive(meeting.body.name)}
        uid = f"meeting-{meeting.pk}@{host}"
        timed = _timed(meeting)
        if timed is None:
            event = _all_day(uid, meeting.date, summary, stamp, "\n".join(lines))
        else:
            event = Event()
            event.add("uid", uid)
            event.add("dtstamp", stamp)
            event.add("dtstart", timed[0])
            if timed[1] is not None:
                event.add("dtend", timed[1])
            event.add("summary", summary)
            event.add("transp", "TRANSPARENT")  # followers, not only members, subscribe
            event.add("description", "\n".join(lines))
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", url)
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
