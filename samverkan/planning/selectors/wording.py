"""The headings and guidance of a plan or report template, as every surface prints them."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language

from samverkan.core.formats import genitive
from samverkan.organisation.selectors import cooperation_name
from samverkan.planning.models.wording import GROUP, SECTIONS, YEAR, TemplateWording


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    guidance: str
    own_heading: bool = False  # the cooperation's heading, not the product's


def wording_for(
    document: str, *, year: int | None = None, group: str | None = None
) -> dict[str, Section]:
    """Every section of `document` by its key, in one query: the cooperation's own wording
    where it has one, the product's default (translated) where it has none.

    `year` and `group` fill in {year} and {group} ("Nätverksplan {year} för {group}");
    without them the placeholders stay.
    """
    rows = {w.section: w for w in TemplateWording.objects.filter(document=document)}
    english = (get_language() or "").startswith("en")
    fill = {YEAR: "" if year is None else str(year), GROUP: group or ""}
    owner: str | None = None

    def filled(text: str) -> str:
        for placeholder, value in fill.items():
            if value:
                text = text.replace(placeholder, value)
        return text

    def default_guidance(guidance: Promise | str) -> str:
        nonlocal owner
        if not guidance:
            return ""
        values = {"year": fill[YEAR] or YEAR, "group": fill[GROUP] or GROUP}
        if "%(owner)s" in str(guidance):
            if owner is None:  # a query, only when a default needs the name
                owner = genitive(cooperation_name())
            values["owner"] = owner
        return str(guidance) % values

    sections: dict[str, Section] = {}
    for default in SECTIONS[document]:
        row = rows.get(default.key)
        heading = str(default.heading) % {"year": fill[YEAR] or YEAR, "group": fill[GROUP] or GROUP}
        own = False
        if row is None:
            guidance = default_guidance(default.guidance)
        else:
            own_heading = (english and row.heading_en) or row.heading
            if own_heading:
                heading, own = filled(own_heading), True
            # A row's guidance replaces the product's, even when it is empty.
            guidance = filled((english and row.guidance_en) or row.guidance)
        sections[default.key] = Section(default.key, heading, guidance, own)
    return sections
