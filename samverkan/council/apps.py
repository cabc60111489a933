from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """What is made for the council from the layers below: the compilations of a year's plans
    and reports, the priority areas' coverage and the yearly follow-up, with their documents.
    No models of its own."""

    name = "samverkan.council"
    label = "council"
    verbose_name = _("Decision documents")
