from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordImportConfig(AppConfig):
    name = "samverkan.wordimport"
    label = "wordimport"
    verbose_name = _("Import from Word")

    def ready(self) -> None:
        # Erase the copies of a person's contact details this app keeps (core/erasure.py).
        from samverkan.wordimport import receivers  # noqa: PLC0415

        receivers.connect()
