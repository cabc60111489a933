"""Writes of the follow app: personal calendar addresses."""

import secrets

from django.contrib.auth.models import User
from django.db import transaction

from samverkan.core.audit import audit_log
from samverkan.follow.models import CalendarFeed


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
