from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The Swedish admin: a surface over every domain app, so it sits above them all."""

    name = "samverkan.backoffice"
    label = "backoffice"
    verbose_name = _("Administration")
