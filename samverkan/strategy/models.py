"""The strategic plan in yearly versions, and the priority frameworks and areas."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Objective(models.Model):
    """One of the cooperation's overarching objectives, stable across plan versions.

    Groups point here; each plan version words the objective and its sub-objectives anew.
    """

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_title = models.CharField(_("short title"), max_length=200)
    short_title_en = models.CharField(_("short title in English"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title}"


class PlanVersion(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    decided_by = models.ForeignKey(
        "organisation.Body", verbose_name=_("decided by"), on_delete=models.PROTECT
    )
    # A version without a decision is a proposal: the secretariat's draft for the yearly
    # review, shown only to those who prepare and take the decision.
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    preamble = models.TextField(_("preamble"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("strategic plan version")
        verbose_name_plural = _("strategic plan versions")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("strategy:version", args=[self.year])

    @property
    def is_adopted(self) -> bool:
        return self.decision_date is not None

    def clean(self) -> None:
        if self.decision_date and not self.valid_from:
            raise ValidationError({"valid_from": _("Give the date an adopted plan applies from.")})
        if self.valid_from and not self.decision_date:
            raise ValidationError(
                {"decision_date": _("A plan can only apply once it has been decided.")}
            )
        if self.decision_date and self.valid_from and self.valid_from < self.decision_date:
            raise ValidationError(
                {"valid_from": _("A plan cannot be valid before it was decided.")}
            )


class PlanObjective(models.Model):
    version = models.ForeignKey(
        PlanVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="objectives"
    )
    objective = models.ForeignKey(Objective, verbose_name=_("objective"), on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("objective in a version")
        verbose_name_plural = _("objectives in a version")
        ordering = ["objective__number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "objective"], name="one_wording_per_version")
        ]

    def __str__(self) -> str:
        return self.title


class SubObjective(models.Model):
    plan_objective = models.ForeignKey(
        PlanObjective,
        verbose_name=_("objective"),
        on_delete=models.CASCADE,
        related_name="sub_objectives",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("sub-objective")
        verbose_name_plural = _("sub-objectives")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Framework(models.Model):
    """A framework of commitments, such as the Aalborg Commitments of 2004."""

    slug = models.SlugField(_("identifier"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("priority framework")
        verbose_name_plural = _("priority frameworks")

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="themes"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    aim = models.TextField(_("aim"), blank=True)
    aim_en = models.TextField(_("aim in English"), blank=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="unique_theme_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Commitment(models.Model):
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="commitments"
    )
    code = models.CharField(_("code"), max_length=10)
    # Sort key so that 10.1 follows 9.5, not 1.5.
    sort_key = models.PositiveIntegerField(_("sort key"), editable=False, default=0)
    text = models.TextField(_("text"))
    text_en = models.TextField(_("text in English"), blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["sort_key"]
        constraints = [models.UniqueConstraint(fields=["theme", "code"], name="unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def save(self, *args, **kwargs) -> None:
        major, _sep, minor = self.code.partition(".")
        self.sort_key = int(major) * 100 + int(minor or 0)
        super().save(*args, **kwargs)


class PriorityArea(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        "organisation.Body", verbose_name=_("decided by"), on_delete=models.PROTECT
    )
    decision_date = models.DateField(_("decision date"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class PriorityCommitment(models.Model):
    """A commitment prioritised within an area, in the cooperation's own wording."""

    area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("priority area"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.PROTECT, related_name="+"
    )
    wording = models.TextField(_("wording"))
    municipalities = models.ManyToManyField(
        "organisation.Municipality",
        verbose_name=_("prioritised by"),
        related_name="prioritised_commitments",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("prioritised commitment")
        verbose_name_plural = _("prioritised commitments")
        ordering = ["area__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["area", "commitment"], name="commitment_once_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.commitment.code} {self.wording}"
