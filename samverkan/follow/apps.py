from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowConfig(AppConfig):
    name = "samverkan.follow"
    label = "follow"
    verbose_name = _("Calendars and following")

    def ready(self) -> None:
        # Listen to the events the services below announce (core/events.py).
        from samverkan.follow import receivers  # noqa: PLC0415

        receivers.connect()
