"""The cooperation's own template wording and interim follow-up rounds: set in the set-up
file or here."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.permissions import can_manage_cycle
from samverkan.backoffice.site import OrganisationAdmin, admin_site
from samverkan.organisation.models import Group
from samverkan.planning.models import InterimRound, TemplateWording


@admin.register(TemplateWording, site=admin_site)
class TemplateWordingAdmin(OrganisationAdmin):
    """The cooperation's own headings and guidance of the plan and report templates; a
    section without a row keeps the product's wording."""

    list_display = ["document", "section", "heading"]
    list_filter = ["document"]
    search_fields = ["heading", "guidance"]
    fields = ["document", "section", "heading", "guidance", "heading_en", "guidance_en"]


class InterimRoundForm(forms.ModelForm):
    # The kinds as tick boxes rather than a JSON list typed by hand.
    group_kinds = forms.MultipleChoiceField(
        label=_("kinds of group"),
        choices=Group.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked means every kind of group that reports."),
    )

    class Meta:
        model = InterimRound
        fields = ["name", "name_en", "due_month", "due_day", "group_kinds", "order"]
        error_messages = {
            "due_month": {"invalid": _("Give the month as a number, 1–12.")},
            "due_day": {"invalid": _("Give the day as a number, 1–31.")},
        }


@admin.register(InterimRound, site=admin_site)
class InterimRoundAdmin(OrganisationAdmin):
    form = InterimRoundForm
    list_display = ["name", "due_month", "due_day", "order"]

    def _allowed(self, request) -> bool:
        return can_manage_cycle(request.user)
