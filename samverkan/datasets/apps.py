from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsConfig(AppConfig):
    """Umeåregionen's data set and the invented demo people and plans, with their load
    commands. It may import every app; no app imports it."""

    name = "samverkan.datasets"
    label = "datasets"
    verbose_name = _("Data sets")
