from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SetupConfig(AppConfig):
    """Setting up a cooperation from one declarative file (`samverkan setup PATH`), and the
    same for an administrator on an empty installation."""

    name = "samverkan.setup"
    label = "setup"
    verbose_name = _("Set-up")
