"""The cooperation the site serves, for the header and wherever a page names it."""

from django.utils.functional import SimpleLazyObject

from samverkan.organisation.selectors import bodies_by_kind
from samverkan.organisation.selectors import cooperation as the_cooperation


def cooperation(request) -> dict:
    # Lazy: a page that never names the cooperation costs no query, and a cached public
    # page costs none at all.
    return {
        "cooperation": SimpleLazyObject(the_cooperation),
        "bodies": SimpleLazyObject(bodies_by_kind),
    }
