"""The cooperation the site serves, for the header and wherever a page names it."""

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from samverkan.core.formats import genitive
from samverkan.organisation.models import Body
from samverkan.organisation.selectors import body_of_kind
from samverkan.organisation.selectors import cooperation as the_cooperation


def council_name() -> str:
    """What the cooperation calls its council ("Regionrådet", "Förbundsfullmäktige" …)."""
    council = body_of_kind(Body.Kind.COUNCIL)
    return council.name if council else gettext("the council")


def cooperation(request) -> dict:
    # Lazy: a page that never names the cooperation costs no query, and a cached public
    # page costs none at all. The council is named from data, never by the catalogue.
    return {
        "cooperation": SimpleLazyObject(the_cooperation),
        "council_name": SimpleLazyObject(council_name),
        "council_genitive": SimpleLazyObject(lambda: genitive(council_name())),
    }
