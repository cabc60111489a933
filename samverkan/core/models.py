from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """An append-only record of a change: who did what to which object, and when.

    Rows are never updated or deleted by the application; the admin shows them read-only.
    """

    action = models.CharField(_("action"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class Publication(models.Model):
    """The moment public data last changed: one row, bumped whenever something is published.

    Public pages and API answers are cached under its generation, so bumping it clears every
    cached copy at once in every server process; its time is the API's Last-Modified.
    """

    generation = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        # The table kept its name when the model moved here from the portal app.
        db_table = "transparency_publication"
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.generation} ({self.changed_at:%Y-%m-%d %H:%M})"
