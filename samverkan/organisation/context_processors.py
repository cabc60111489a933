"""The cooperation the site serves, for the header and wherever a page names it."""

from collections.abc import Callable

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from samverkan.core.formats import genitive
from samverkan.organisation.models import Body
from samverkan.organisation.selectors import body_names
from samverkan.organisation.selectors import cooperation as the_cooperation


def _names_once() -> Callable[[], dict[str, str]]:
    """The bodies' names, read with one query the first time a page asks for any of them."""
    memo: dict[str, str] | None = None

    def names() -> dict[str, str]:
        nonlocal memo
        if memo is None:
            memo = body_names()
        return memo

    return names


def cooperation(request) -> dict:
    # Lazy: a page that never names the cooperation costs no query, and a cached public
    # page costs none at all. The council and the chief executives are named from data,
    # never by the catalogue ("Regionrådet" is one cooperation's council, not every one's).
    names = _names_once()

    def council() -> str:
        return names().get(Body.Kind.COUNCIL) or gettext("the council")

    def chiefs() -> str:
        return names().get(Body.Kind.CHIEF_EXECUTIVES) or gettext("the chief executives")

    coop = SimpleLazyObject(the_cooperation)

    def demo() -> bool:
        # Read from the cooperation the header loads anyway: no query of its own.
        if settings.DEMO is not None:
            return settings.DEMO
        return bool(coop) and bool(getattr(coop, "demo_data", False))

    return {
        "cooperation": coop,
        # The "invented people" banner: the data decides, SAMVERKAN_DEMO may force it.
        "DEMO": SimpleLazyObject(demo),
        "council_name": SimpleLazyObject(council),
        "council_genitive": SimpleLazyObject(lambda: genitive(council())),
        "chiefs_name": SimpleLazyObject(chiefs),
    }
