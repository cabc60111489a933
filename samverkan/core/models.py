from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
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


def _document_path(instance: "GeneratedDocument", filename: str) -> str:
    return f"documents/{instance.kind}/{instance.pk}/{filename}"


class GeneratedDocument(models.Model):
    """A document made in the background (a compilation, the council's follow-up): what was
    asked for, how far the work has come, and the finished file in Django's storage.

    A finished file is reused for the same request until something is published (the
    publication generation it was made under is kept), so a second reader gets it at once.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("parameters"), max_length=200)
    parameters = models.JSONField(_("parameters"), default=dict)
    generation = models.PositiveBigIntegerField(_("publication generation"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    file = models.FileField(_("file"), upload_to=_document_path, blank=True, max_length=300)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "key", "generation"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def waiting_long(self) -> bool:
        """Queued for over a minute: the worker may not be running."""
        return self.status == self.Status.QUEUED and self.created_at < timezone.now() - timedelta(
            minutes=1
        )
