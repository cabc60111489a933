"""Writes of the follow app: personal calendar addresses and subscriptions."""

import hashlib
import logging
import secrets
from functools import partial

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.core.audit import audit_log
from samverkan.follow.models import CalendarFeed, Subscription, Target
from samverkan.governance.models import Decision
from samverkan.organisation.models import Group
from samverkan.strategy.models import PriorityArea


def calendar_feed_create(*, actor: User) -> CalendarFeed:
    """A new secret address for the user's own calendar; an old one stops working."""
    with transaction.atomic():
        CalendarFeed.objects.filter(user=actor).delete()
        feed = CalendarFeed.objects.create(user=actor, token=secrets.token_urlsafe(32))
        audit_log(action="samverkan.calendar_feed.created", actor=actor, obj=feed)
    return feed


def calendar_feed_revoke(*, actor: User) -> None:
    """Revoke the user's calendar address: it answers 404 from now on."""
    with transaction.atomic():
        for feed in CalendarFeed.objects.filter(user=actor):
            audit_log(action="samverkan.calendar_feed.revoked", actor=actor, obj=feed)
            feed.delete()


# --- Following by e-mail -------------------------------------------------------------------


logger = logging.getLogger(__name__)


def _counted(key: str, limit: int) -> bool:
    """Count one more in the current window for `key`; False once past `limit`."""
    window = settings.FOLLOW_RATE_WINDOW_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def subscribe(
    *, email: str, target: str, target_id: int, client_ip: str | None = None
) -> Subscription | None:
    """Ask to follow something by e-mail: a confirmation goes to the address, and nothing
    else until it is confirmed. Asking again sends the confirmation again (a lost mail), and
    tells nothing about whether the address already follows it.

    Anyone may ask, for any address, so the mails are limited: per address (nobody's inbox
    is flooded) and per client address (nobody walks through many inboxes). Past a limit
    nothing happens, and the caller answers just the same (None here, for the tests)."""
    email = email.strip().lower()
    if client_ip and not _counted(
        f"follow:client:{client_ip}", settings.FOLLOW_REQUESTS_PER_CLIENT
    ):
        logger.warning("Following by e-mail: too many requests from %s", client_ip)
        return None
    with transaction.atomic():
        subscription, _created = Subscription.objects.get_or_create(
            email=email,
            target=target,
            target_id=target_id,
            defaults={"token": secrets.token_urlsafe(32)},
        )
        if subscription.is_confirmed:
            return subscription
        address_key = "follow:address:" + hashlib.sha256(email.encode()).hexdigest()
        if not _counted(address_key, settings.FOLLOW_MAILS_PER_ADDRESS):
            logger.warning("Following by e-mail: confirmation mails to one address held back")
            return subscription
        base = settings.SITE_URL.rstrip("/")
        with translation.override("sv"):
            subject = _("Confirm that you want to follow %(what)s") % {
                "what": describe(target, target_id)
            }
            body = render_to_string(
                "follow/email/confirm.txt",
                {
                    "what": describe(target, target_id),
                    "confirm": base + reverse("follow:confirm", args=[subscription.token]),
                    "unsubscribe": base + reverse("follow:unsubscribe", args=[subscription.token]),
                },
            )
        transaction.on_commit(
            partial(send_mail, subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        )
    return subscription


def confirm(*, token: str) -> Subscription | None:
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(token=token).first()
        if subscription is not None and not subscription.is_confirmed:
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
    return subscription


def unsubscribe(*, token: str) -> bool:
    deleted, _rows = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


def describe(target: str, target_id: int) -> str:
    """What is followed, named for people: '"title" (a decision)'."""
    name = target_name(target, target_id)
    return f"{name} ({Target(target).label})" if name else str(Target(target).label)


def target_name(target: str, target_id: int) -> str | None:
    if target == Target.DECISION:
        decision = Decision.objects.filter(pk=target_id).first()
        return decision.title if decision else None
    if target == Target.GROUP:
        group = Group.objects.filter(pk=target_id).first()
        return group.name if group else None
    area = PriorityArea.objects.filter(pk=target_id).first()
    return area.name if area else None
