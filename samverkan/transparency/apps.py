from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "samverkan.transparency"
    verbose_name = _("Transparency")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from samverkan.transparency import search, signals

        signals.connect()
        search.register_upper_lookup()
        connection_created.connect(search.unicode_upper, dispatch_uid="samverkan-unicode-upper")
