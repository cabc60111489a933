"""`{% imported_from_word obj %}`: the "imported from Word" note on a plan or report page."""

from django import template

from samverkan.wordimport import selectors

register = template.Library()


@register.inclusion_tag("wordimport/_imported_note.html", takes_context=True)
def imported_from_word(context, obj):
    return {"imported": selectors.imported_from_word(obj) if obj is not None else None}
