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
        # The receivers erase the copies of a person's contact details this app keeps
        # (core/erasure.py).
        from samverkan.governance import receivers, services  # noqa: F401, PLC0415

        receivers.connect()
