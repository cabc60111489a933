"""The headings and guidance of a plan or report template, as every surface prints them."""

from dataclasses import dataclass

from django.utils.translation import get_language

from samverkan.core.formats import genitive
from samverkan.organisation.selectors import cooperation_name
from samverkan.planning.models.wording import SECTIONS, YEAR, TemplateWording


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    guidance: str


def wording_for(document: str, *, year: int | None = None) -> dict[str, Section]:
    """Every section of `document` by its key, in one query: the cooperation's own wording
    where it has one, the product's default (translated) where it has none.

    `year` fills in the planning year ("Mål {year}"); without it the placeholder stays.
    """
    rows = {w.section: w for w in TemplateWording.objects.filter(document=document)}
    english = (get_language() or "").startswith("en")
    owner: str | None = None
    sections: dict[str, Section] = {}
    for default in SECTIONS[document]:
        row = rows.get(default.key)
        if row is not None:
            heading = (english and row.heading_en) or row.heading
            guidance = (english and row.guidance_en) or row.guidance
            if year is not None:
                heading = heading.replace(YEAR, str(year))
                guidance = guidance.replace(YEAR, str(year))
        else:
            values = {"year": year if year is not None else YEAR}
            if "%(owner)s" in str(default.guidance):
                if owner is None:  # a query, only when a default needs the name
                    owner = genitive(cooperation_name())
                values["owner"] = owner
            heading = str(default.heading) % values
            guidance = str(default.guidance) % values if default.guidance else ""
        sections[default.key] = Section(default.key, heading, guidance)
    return sections
