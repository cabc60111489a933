"""The calendar feeds: public for the council, secret and revocable for one's own dates."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samverkan.follow import calendar, services
from samverkan.follow.models import CalendarFeed
from samverkan.governance import selectors as governance_selectors

# A personal feed reaches back a month (what just passed) and a year and a half ahead.
FEED_PAST_DAYS = 31
FEED_FUTURE_DAYS = 550


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def council_ics(request):
    """The regional council's meetings and decisions as a calendar to subscribe to. Public."""
    host = request.get_host().split(":")[0]
    content = calendar.council_calendar(
        host=host,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        name=_("The regional council"),
        description=_("The regional council's meetings and decisions."),
    )
    return _ics(content, "regionradet.ics")


@require_safe
def personal_ics(request, token: str):
    """One person's own dates of the wheel, at their secret address. No sign-in: a calendar
    program fetches it; the address is the key, and revoking it makes this a 404."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    today = timezone.localdate()
    dates = governance_selectors.deadlines_for(
        feed.user,
        start=today - timedelta(days=FEED_PAST_DAYS),
        end=today + timedelta(days=FEED_FUTURE_DAYS),
    )
    content = calendar.personal_calendar(
        dates,
        host=request.get_host().split(":")[0],
        user_id=feed.user_id,
        name=_("My dates in the yearly wheel"),
        description=_("Your own deadlines and meetings in the cooperation's yearly wheel."),
    )
    response = _ics(content, "mina-datum.ics")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def calendar_page(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    personal_url = (
        request.build_absolute_uri(f"/kalender/{feed.token}.ics") if feed is not None else None
    )
    return render(
        request,
        "follow/calendar.html",
        {
            "feed": feed,
            "personal_url": personal_url,
            "council_url": request.build_absolute_uri("/kalender/regionradet.ics"),
        },
    )


@require_POST
@login_required
def calendar_create(request):
    services.calendar_feed_create(actor=request.user)
    messages.success(
        request, _("Your calendar has a new secret address. An earlier address no longer works.")
    )
    return redirect("follow:calendar")


@require_POST
@login_required
def calendar_revoke(request):
    services.calendar_feed_revoke(actor=request.user)
    messages.success(request, _("The address is revoked: calendars that used it get nothing more."))
    return redirect("follow:calendar")
