from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "samverkan.governance"
    label = "governance"
    verbose_name = _("Assignments, matters and decisions")

    def ready(self) -> None:
        # The services register this app's transition tables with core.workflow; importing
        # them once the app registry is ready makes transition() know every kind of
        # document, whichever module a caller imported first.
        from samverkan.governance import services  # noqa: F401, PLC0415
