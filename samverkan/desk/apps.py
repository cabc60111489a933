from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The secretariat's signed-in desk: a surface over planning, with no models of its own."""

    name = "samverkan.desk"
    label = "desk"
    verbose_name = _("The secretariat's desk")
