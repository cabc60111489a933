from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def localized(obj, field: str) -> str:
    """Content in the page's language: `field_en` on English pages when it is filled in."""
    if (get_language() or "sv").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")
