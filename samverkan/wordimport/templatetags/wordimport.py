"""`{% imported_from_word obj %}`: the "imported from Word" note on a plan or report page."""

from django import template

from samverkan.accounts import permissions
from samverkan.wordimport import selectors

register = template.Library()


@register.inclusion_tag("wordimport/_imported_note.html", takes_context=True)
def imported_from_word(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "imported": selectors.imported_from_word(obj) if obj is not None else None,
        # Text the reader did not understand may hold names and phone numbers: signed-in only.
        "show_unparsed": permissions.can_see_contact_details(user),
    }
