"""Indicators per priority area, their values per municipality and year, and targets.

Values are stored per area code as Kolada names them: a municipality's four digits, the
county the cooperation compares itself with, or the country ("0000"). The region of the
cooperation is computed from its member municipalities by the rule the indicator declares; it
is never the county, which usually has more municipalities.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Source(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        MANUAL = "manual", _("Entered or imported by hand")

    class Rule(models.TextChoices):
        SUM = "sum", _("Sum of the municipalities (counts)")
        WEIGHTED_MEAN = "weighted_mean", _("Population-weighted mean (rates and shares)")

    slug = models.SlugField(_("identifier"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50)
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.KOLADA
    )
    kolada_kpi = models.CharField(_("Kolada KPI"), max_length=20, blank=True, db_index=True)
    divided_by_gender = models.BooleanField(
        _("divided by gender"),
        default=False,
        help_text=_("Kolada gives values for women and men as well as the total."),
    )
    source_name = models.CharField(
        _("named source"),
        max_length=200,
        blank=True,
        help_text=_("For values entered by hand, such as a regional travel survey."),
    )
    rule = models.CharField(
        _("regional value"), max_length=20, choices=Rule.choices, default=Rule.WEIGHTED_MEAN
    )
    commitments = models.ManyToManyField(
        "strategy.PriorityCommitment", verbose_name=_("commitments"), related_name="indicators"
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Value(models.Model):
    class Gender(models.TextChoices):
        TOTAL = "T", _("Total")
        WOMEN = "K", _("Women")
        MEN = "M", _("Men")

    class Origin(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        MANUAL = "manual", _("Entered by hand")
        IMPORT = "import", _("Imported from a file")
        SNAPSHOT = "snapshot", _("Shipped snapshot")
        # Invented values for the demonstration only; never loaded outside demo mode.
        DEMO = "demo", _("Invented for the demo")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    area = models.CharField(_("area code"), max_length=4)
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(
        _("gender"), max_length=1, choices=Gender.choices, default=Gender.TOTAL
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=50,
        blank=True,
        help_text=_("Why a value is missing, as the source says."),
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["indicator", "area", "year", "gender"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "year", "gender"],
                name="one_value_per_indicator_area_year_gender",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area} {self.year} {self.gender}: {self.value}"


class Target(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    municipality = models.ForeignKey(
        "organisation.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Empty for the region as a whole."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "municipality", "year"],
                name="one_target_per_indicator_area_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class SyncRun(models.Model):
    """One run of kolada_sync for one KPI: when, from where, and what it changed."""

    kpi = models.CharField(_("KPI"), max_length=20)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=300)
    values_seen = models.PositiveIntegerField(_("values seen"), default=0)
    values_changed = models.PositiveIntegerField(_("values changed"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("Kolada sync")
        verbose_name_plural = _("Kolada syncs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.kpi} {self.started_at:%Y-%m-%d %H:%M}"
