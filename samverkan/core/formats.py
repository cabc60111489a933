"""Figures as the reader's language writes them, shared by pages, exports and charts."""

from django.utils.formats import number_format
from django.utils.translation import get_language


def genitive(name: str) -> str:
    """A name as an owner, as the reader's language writes it: "Storsthlms" in Swedish (no
    extra s after s, x or z), "Storsthlm's" in English."""
    if not name:
        return name
    if (get_language() or "sv").startswith("sv"):
        return name if name[-1].lower() in "sxz" else f"{name}s"
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def figure(value) -> str:
    """1 250 000 and 2,5 in Swedish; 1,250,000 and 2.5 in English.

    Trailing zeros go (12.50 is stored for 12,5) but no written decimal is cut off.
    """
    if value is None:
        return ""
    text = f"{value:f}"
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
