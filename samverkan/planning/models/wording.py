"""The wording of the plan and report templates: each section's heading and guidance.

The sections themselves are fixed (the code knows what goes in each); what a cooperation calls
them and what it asks of the person filling them in is data. A section without a row keeps the
product's default, so an installation that says nothing about wording works as before.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SectionDefault:
    key: str
    # The product's own words: msgids, which may hold %(year)s and %(group)s (and the
    # purpose's %(owner)s).
    heading: Promise
    guidance: Promise | str = ""


class Document(models.TextChoices):
    PLAN = "plan", _("Operational plan")
    REPORT = "report", _("Annual report")
    NETWORK_REPORT = "network_report", _("Network report")


SECTIONS: dict[str, tuple[SectionDefault, ...]] = {
    # "title" is the document's title, and its guidance an introduction above the form. The
    # product's title of a working group's plan or report also names the cooperation.
    Document.PLAN: (
        SectionDefault("title", _("Operational plan %(year)s for %(group)s")),
        SectionDefault(
            "field_of_work",
            _("Field of work"),
            _("Within which field do you work? What is your speciality?"),
        ),
        SectionDefault(
            "purpose",
            _("Purpose"),
            _("How does your group work for %(owner)s overarching objectives?"),
        ),
        SectionDefault(
            "goals",
            _("Goals %(year)s"),
            _("What do you want to have achieved during the year? (SMART goals)"),
        ),
        SectionDefault(
            "activities", _("Activity plan %(year)s"), _("Who does what, when and how?")
        ),
        SectionDefault(
            "priorities",
            _("Priority areas"),
            _("Tick the priority areas and commitments the group works on this year."),
        ),
        SectionDefault(
            "revision",
            _("Revision"),
            _("Say from when, what changes in the approved plan and why."),
        ),
    ),
    Document.REPORT: (
        SectionDefault("title", _("Annual report %(year)s for %(group)s")),
        SectionDefault(
            "fulfilment",
            _("Goal fulfilment %(year)s"),
            _("Say for each goal whether it was met fully, partly or not at all, and why not."),
        ),
        SectionDefault("activities", _("Results of activities/sub-goals %(year)s")),
        SectionDefault(
            "priorities",
            _("Work in the priority areas"),
            _("Tick the areas the year's work touched and say what was done. At least one."),
        ),
        SectionDefault(
            "revisions",
            _("Revisions during the year"),
            _("When, how and why goals or activities were changed during the year."),
        ),
        SectionDefault("summary", _("Summary"), _("The year in the group's own words.")),
    ),
    Document.NETWORK_REPORT: (
        SectionDefault("title", _("Network report %(year)s for %(group)s")),
        SectionDefault("meetings", _("Number of meetings")),
        SectionDefault("network_activities", _("What the network does")),
        SectionDefault("municipalities", _("Members' municipalities")),
    ),
}

# What the administration's list calls each section; a key may serve more than one document.
SECTION_LABELS = {
    "title": _("Title"),
    "field_of_work": _("Field of work"),
    "purpose": _("Purpose"),
    "goals": _("Goals"),
    "activities": _("Activities"),
    "priorities": _("Priority areas"),
    "revision": _("Revision"),
    "fulfilment": _("Goal fulfilment"),
    "revisions": _("Revisions during the year"),
    "summary": _("Summary"),
    "meetings": _("Number of meetings"),
    "network_activities": _("What the network does"),
    "municipalities": _("Members' municipalities"),
}

# The placeholders a cooperation's own wording may use: the planning year ("Mål {year}") and
# the group's name ("Nätverksplan {year} för {group}").
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
YEAR, GROUP = "{year}", "{group}"


def section_keys(document: str) -> list[str]:
    return [s.key for s in SECTIONS.get(document, ())]


def unknown_placeholders(text: str) -> list[str]:
    return [p for p in PLACEHOLDER.findall(text) if p not in (YEAR, GROUP)]


class TemplateWording(models.Model):
    """A cooperation's own heading and guidance for one section of a plan or report."""

    document = models.CharField(_("document"), max_length=20, choices=Document.choices)
    section = models.CharField(
        _("section"),
        max_length=40,
        choices=list(SECTION_LABELS.items()),
    )
    heading = models.CharField(
        _("heading"),
        max_length=200,
        blank=True,
        help_text=_(
            "Write {year} where the planning year goes and {group} for the group's name, "
            "such as “Mål {year}”. Empty: the product's heading."
        ),
    )
    guidance = models.TextField(
        _("guidance"),
        blank=True,
        help_text=_("Shown above the field to the person filling in the form."),
    )
    heading_en = models.CharField(_("heading in English"), max_length=200, blank=True)
    guidance_en = models.TextField(_("guidance in English"), blank=True)

    class Meta:
        verbose_name = _("template section")
        verbose_name_plural = _("template wording")
        ordering = ["document", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "section"],
                name="one_wording_per_section",
                violation_error_message=_("That section already has its wording."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()}: {self.heading}"

    def clean(self) -> None:
        errors: dict[str, object] = {}
        allowed = section_keys(self.document)
        if self.document and self.section not in allowed:
            errors["section"] = _(
                "The section “%(section)s” is not one of the %(document)s's; "
                "choose one of %(allowed)s."
            ) % {
                "document": self.get_document_display().lower(),
                "section": self.section,
                "allowed": ", ".join(allowed),
            }
        for name in ("heading", "guidance", "heading_en", "guidance_en"):
            if found := unknown_placeholders(getattr(self, name)):
                errors[name] = _("Only {year} and {group} can be filled in, not %(found)s.") % {
                    "found": ", ".join(found)
                }
        if errors:
            raise ValidationError(errors)
