from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "samverkan.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        # The services register this app's transition tables with core.workflow; importing
        # them once the app registry is ready makes transition() know every kind of
        # document, whichever module a caller imported first.
        # The receivers erase the copies of a person's contact details this app keeps
        # (core/erasure.py).
        from samverkan.planning import receivers  # noqa: PLC0415
        from samverkan.planning.services import plans, reports  # noqa: F401, PLC0415

        receivers.connect()
