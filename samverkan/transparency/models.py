from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """The moment public data last changed: one row, bumped whenever something is published.

    Public pages and API answers are cached under its generation, so bumping it clears every
    cached copy at once in every server process; its time is the API's Last-Modified.
    """

    generation = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.generation} ({self.changed_at:%Y-%m-%d %H:%M})"
