from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "samverkan.transparency"
    verbose_name = _("Transparency")

    def ready(self) -> None:
        # Django's rule: a module that imports models may be imported only once the app
        # registry is ready, so the signal and lookup modules are imported here.
        from django.db.backends.signals import connection_created  # noqa: PLC0415

        from samverkan.transparency import search, signals  # noqa: PLC0415

        signals.connect()
        search.register_upper_lookup()
        connection_created.connect(search.unicode_upper, dispatch_uid="samverkan-unicode-upper")
