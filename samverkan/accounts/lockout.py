"""Brute-force protection with django-axes, in two kinds of lock.

* A user name from one address: after AXES_FAILURE_LIMIT wrong passwords for that user name
  from that address (AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]). The same
  account can still sign in from elsewhere, and others behind the same address are not hit.
* An address: after LOGIN_ADDRESS_FAILURE_LIMIT failed sign-ins from it, whatever the user
  names (someone trying many names). The limit is much higher, because a whole
  municipality may sit behind one shared address.

Axes has one failure limit for all its lockout parameters, so the second kind is not an axes
parameter: LockoutHandler (settings.AXES_HANDLER) adds it in get_failures, the one place axes
asks both when recording a failure and when checking a sign-in.
"""

from dataclasses import dataclass
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler  # type: ignore[import-untyped]
from axes.helpers import get_client_username, get_failure_limit  # type: ignore[import-untyped]
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

ACCOUNT = "account"
ADDRESS = "address"


def _since() -> datetime:
    return timezone.now() - settings.AXES_COOLOFF_TIME


def address_failures(ip_address: str | None) -> int:
    """Failed sign-ins from this address, under any user name, within the lockout time."""
    if not ip_address:
        return 0
    total = AccessAttempt.objects.filter(
        ip_address=ip_address, attempt_time__gte=_since()
    ).aggregate(n=Sum("failures_since_start"))["n"]
    return int(total or 0)


def account_failures(username: str | None, ip_address: str | None) -> int:
    total = AccessAttempt.objects.filter(
        username=username, ip_address=ip_address, attempt_time__gte=_since()
    ).aggregate(n=Sum("failures_since_start"))["n"]
    return int(total or 0)


def address_locked(ip_address: str | None) -> bool:
    return address_failures(ip_address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, plus the lock on an address alone at its own, higher limit."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = int(super().get_failures(request, credentials))
        if address_locked(getattr(request, "axes_ip_address", None)):
            return max(failures, int(get_failure_limit(request, credentials)))
        return failures


@dataclass(frozen=True)
class Lock:
    kind: str  # ACCOUNT (a user name from an address) or ADDRESS
    username: str
    ip_address: str
    failures: int
    last_attempt: datetime


def current_locks() -> list[Lock]:
    """Every lock in force now, of both kinds, newest first."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=_since())
    locks = [
        Lock(ACCOUNT, row["username"] or "", row["ip_address"] or "", row["n"], row["last"])
        for row in recent.values("username", "ip_address")
        .annotate(n=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(n__gte=settings.AXES_FAILURE_LIMIT)
    ]
    locks += [
        Lock(ADDRESS, "", row["ip_address"] or "", row["n"], row["last"])
        for row in recent.exclude(ip_address__isnull=True)
        .values("ip_address")
        .annotate(n=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(n__gte=settings.LOGIN_ADDRESS_FAILURE_LIMIT)
    ]
    return sorted(locks, key=lambda lock: lock.last_attempt, reverse=True)


def locked_out_response(request, original_response=None, credentials=None):
    """The page a refused sign-in gets (settings.AXES_LOCKOUT_CALLABLE): what is locked,
    for how long, and whom to ask."""
    ip_address = getattr(request, "axes_ip_address", None)
    username = get_client_username(request, credentials) or ""
    by_address = address_locked(ip_address) and (
        account_failures(username, ip_address) < settings.AXES_FAILURE_LIMIT
    )
    return render(
        request,
        "accounts/locked_out.html",
        {
            "by_address": by_address,
            "username": username,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "address_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
            "contact": settings.SECRETARIAT_CONTACT,
        },
        status=429,
    )


def client_ip(request) -> str | None:
    """The address the lockout counts, as axes' AXES_CLIENT_IP_CALLABLE.

    Behind TRUSTED_PROXY_COUNT proxies (production: one), the client's address is the one the
    nearest of them appended to X-Forwarded-For: that many entries from the right. Entries to
    their left were written by the client and are never trusted, or a guesser could send a new
    address with every try and never be locked out. Without proxies, REMOTE_ADDR.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    address: str | None = request.META.get("REMOTE_ADDR")
    return address
