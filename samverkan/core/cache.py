"""The public cache: whole pages and API answers, kept until something is published.

Every cached copy is filed under the current publication generation (a counter in the
database, see models.Publication). Publishing bumps the counter in the same transaction as
the change, so after it commits no process serves an older copy, and a rolled-back change
leaves the counter where it was. One indexed read per request is the price.
"""

import hashlib
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from samverkan.core.models import Publication

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def current(request=None) -> tuple[int, datetime]:
    """(generation, when public data last changed), read once per request."""
    if request is not None and hasattr(request, "_publication"):
        return request._publication
    row = Publication.objects.values_list("generation", "changed_at").first()
    mark = row if row is not None else (0, EPOCH)
    if request is not None:
        request._publication = mark
    return mark


def bump() -> None:
    """Something public changed: every cached page and API answer is out of date."""
    now = timezone.now()
    if not Publication.objects.update(generation=F("generation") + 1, changed_at=now):
        Publication.objects.create(generation=1, changed_at=now)


def _store():
    return caches[settings.PUBLIC_CACHE_ALIAS]


def _key(request, generation: int, changed: datetime) -> str:
    # The time as well as the counter: a database restored from a backup counts again from
    # an older generation, and must not meet copies cached from the newer one.
    # Scheme and host too: API answers hold absolute links, which must point where the
    # reader came from (https behind the proxy, or another allowed host name).
    path = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"public:{generation}:{changed.timestamp()}:{get_language()}:{request.method}:{path}"


def _has_pending_messages(request) -> bool:
    # A page that shows someone a one-time message ("you are signed out") is theirs alone.
    session = getattr(request, "session", None)
    return "messages" in request.COOKIES or (session is not None and "_messages" in session)


def cacheable(request, *, anonymous_only: bool) -> bool:
    if request.method not in ("GET", "HEAD") or not settings.PUBLIC_CACHE_SECONDS:
        return False
    return not (
        anonymous_only and (request.user.is_authenticated or _has_pending_messages(request))
    )


def serve(request, render, *, anonymous_only: bool = True):
    """The cached answer for this request, or render() it and keep it if it may be shared."""
    if not cacheable(request, anonymous_only=anonymous_only):
        return render()
    generation, changed = current(request)
    key = _key(request, generation, changed)
    store = _store()
    response = store.get(key)
    if response is not None:
        return response
    response = render()
    shareable = (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
    )
    if shareable:
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        store.set(key, response, settings.PUBLIC_CACHE_SECONDS)
    return response


def public_page(view):
    """Serve a public page to signed-out visitors from the cache (signed-in users see more)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return serve(request, lambda: view(request, *args, **kwargs))

    return wrapper
