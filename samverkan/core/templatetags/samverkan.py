from django import template
from django.utils.html import format_html
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


@register.simple_tag
def content_lang(language: str = "sv") -> str:
    """` lang="sv"` on Swedish content shown on a page in another language (WCAG 3.1.2)."""

    if (get_language() or "sv").split("-")[0] == language:
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def isodate(value) -> str:
    """A date as <time>2009-12-16</time>: kept on one line (a phone would break it at a
    hyphen) and machine-readable for assistive technology."""

    if not value:
        return ""
    text = value.isoformat()[:10]
    return format_html('<time datetime="{}">{}</time>', text, text)
