"""What was uploaded from Word, and what each file became.

The plan version or report an import creates is an ordinary one; what marks it as imported
from Word, with the file's name and content hash, lives here, one-to-one beside it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        RUNNING = "running", _("Reading")
        FINISHED = "finished", _("Read")
        FAILED = "failed", _("Failed")

    filename = models.CharField(_("file"), max_length=255)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    total = models.PositiveIntegerField(_("files"), default=0)
    done = models.PositiveIntegerField(_("files read"), default=0)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("Word import")
        verbose_name_plural = _("Word imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.WAITING, self.Status.RUNNING)


class ImportedDocument(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting to be read")
        TO_REVIEW = "to_review", _("To review")
        REFUSED = "refused", _("Refused")
        DUPLICATE = "duplicate", _("Already imported")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("import"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    filename = models.CharField(_("file"), max_length=255)
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64, db_index=True)
    # The file itself until it is read; afterwards only what was read and the hash are kept.
    content = models.BinaryField(_("content"), blank=True, default=b"")
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.WAITING
    )
    message = models.TextField(_("message"), blank=True)
    parsed = models.JSONField(_("what was read"), null=True, blank=True)
    group = models.ForeignKey(
        "organisation.Group",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plan_version = models.OneToOneField(
        "planning.PlanVersion",
        verbose_name=_("plan version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_from",
    )
    report = models.OneToOneField(
        "planning.AnnualReport",
        verbose_name=_("annual report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_from",
    )
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("imported Word file")
        verbose_name_plural = _("imported Word files")
        ordering = ["batch", "order", "id"]
        constraints = [
            # The same file is imported once: a second upload is recognised by its content.
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=models.Q(state="imported"),
                name="word_file_imported_once",
            )
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def result(self):
        return self.plan_version or self.report
