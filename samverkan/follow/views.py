"""The calendar feeds: public for the council, secret and revocable for one's own dates."""

from datetime import timedelta
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from samverkan.accounts import lockout
from samverkan.follow import calendar, services
from samverkan.follow.models import CalendarFeed, Notice, Subscription, Target
from samverkan.governance import selectors as governance_selectors
from samverkan.organisation.models import Body
from samverkan.organisation.selectors import body_of_kind, cooperation_name

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
    council = body_of_kind(Body.Kind.COUNCIL)
    name = council.name if council else cooperation_name()
    content = calendar.council_calendar(
        # The events' UIDs take the site's own name, not the one this request came by: a
        # calendar that subscribed under another address must see the same events.
        host=urlsplit(settings.SITE_URL).hostname or "samverkan",
        base_url=request.build_absolute_uri("/").rstrip("/"),
        name=name,
        description=_("The meetings and decisions of %(council)s.") % {"council": name},
    )
    return _ics(content, "sammantraden.ics")


@require_safe
def personal_ics(request, token: str):
    """One person's own dates of the wheel, at their secret address. No sign-in: a calendar
    program fetches it; the address is the key, and revoking it makes this a 404."""
    # A closed account's address stops working with it.
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    today = timezone.localdate()
    dates = governance_selectors.deadlines_for(
        feed.user,
        start=today - timedelta(days=FEED_PAST_DAYS),
        end=today + timedelta(days=FEED_FUTURE_DAYS),
    )
    content = calendar.personal_calendar(
        dates,
        host=urlsplit(settings.SITE_URL).hostname or "samverkan",
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
            "council_url": request.build_absolute_uri(reverse("follow:council_ics")),
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


# --- Following: by e-mail or Atom ------------------------------------------------------------


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        error_messages={
            "required": gettext_lazy("Give your e-mail address."),
            "invalid": gettext_lazy("Enter an e-mail address, such as namn@kommun.se."),
        },
    )


def _target(target: str, target_id: int) -> str:
    if target not in Target.values:
        raise Http404
    name = services.target_name(target, target_id)
    if name is None:
        raise Http404
    return name


def follow_page(request, target: str, target_id: int):
    """Follow a decision, a group or a priority area: by e-mail (confirmed first) or by Atom.
    Public: anyone may follow."""
    name = _target(target, target_id)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.subscribe(
            email=form.cleaned_data["email"],
            target=target,
            target_id=target_id,
            client_ip=lockout.client_ip(request),
        )
        # The same answer whether a mail went out or a limit held it back: the page tells
        # no one whether the address follows anything or was asked for a moment ago.
        messages.success(
            request,
            _(
                "Check your inbox: a link that confirms you want to follow %(name)s is on its "
                "way, unless several were sent to the address a short while ago. Nothing else "
                "is sent until you confirm."
            )
            % {"name": name},
        )
        return redirect("follow:follow", target, target_id)
    notices = Notice.objects.filter(target=target, target_id=target_id)[:20]
    return render(
        request,
        "follow/follow.html",
        {
            "form": form,
            "name": name,
            "kind": Target(target).label,
            "target": target,
            "target_id": target_id,
            "notices": notices,
        },
        status=400 if request.method == "POST" else 200,
    )


def confirm(request, token: str):
    """The link in the confirmation mail shows a button: a mail program that opens links to
    check them confirms nothing."""
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        services.confirm(token=token)
        messages.success(request, _("Confirmed: you will get an e-mail when something happens."))
        return redirect("follow:follow", subscription.target, subscription.target_id)
    return render(
        request,
        "follow/confirm.html",
        {
            "subscription": subscription,
            "what": services.describe(subscription.target, subscription.target_id),
        },
    )


def unsubscribe(request, token: str):
    subscription = Subscription.objects.filter(token=token).first()
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "follow/unsubscribed.html")
    if subscription is None:
        return render(request, "follow/unsubscribed.html", status=404)
    return render(
        request,
        "follow/unsubscribe.html",
        {"what": services.describe(subscription.target, subscription.target_id)},
    )


class NoticeFeed(Feed):
    """The Atom feed of one followed thing."""

    feed_type = Atom1Feed

    def get_object(self, request, target: str, target_id: int):
        return (target, target_id, _target(target, target_id))

    def title(self, obj):
        return _("Follow %(name)s") % {"name": obj[2]}

    def link(self, obj):
        return reverse("follow:follow", args=[obj[0], obj[1]])

    def subtitle(self, obj):
        return _("What happens to %(name)s in the cooperation.") % {"name": obj[2]}

    def items(self, obj):
        return Notice.objects.filter(target=obj[0], target_id=obj[1])[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return f"{item.url}#notis-{item.pk}"

    def item_guid(self, item):
        return f"notice-{item.pk}"

    def item_pubdate(self, item):
        return item.happened_at

    def item_updateddate(self, item):
        return item.happened_at
