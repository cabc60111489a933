"""Annual reports (verksamhetsberättelse, Mall 2) and the networks' light report.

A working group's report starts as a copy of the year's last approved plan: its goals and
activities are carried over so nobody pastes them in by hand. A network reports only how
often it met and what it does ("två nivåer").
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverkan.organisation.models import Group
from samverkan.planning.models.plans import Activity, Goal, PlanningYear, PlanVersion


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the secretariat")
    # Context: the SMART letter A is also "Accepted" in English, but not in Swedish.
    ACCEPTED = "accepted", pgettext_lazy("report status", "Accepted")
    RETURNED = "returned", _("Returned")


REPORT_EDITABLE = {ReportStatus.DRAFT, ReportStatus.RETURNED}


class AnnualReport(models.Model):
    class Kind(models.TextChoices):
        FULL = "full", _("Annual report (Mall 2)")
        LIGHT = "light", _("Network report")

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="reports"
    )
    year = models.ForeignKey(
        PlanningYear, verbose_name=_("year"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FULL)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    based_on = models.ForeignKey(
        PlanVersion,
        verbose_name=_("based on plan version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    summary = models.TextField(
        _("summary of the year"), blank=True, help_text=_("The year in the group's own words.")
    )
    revisions = models.TextField(
        _("revisions during the year"),
        blank=True,
        help_text=_("When, how and why goals or activities were changed during the year."),
    )
    # The light report of a network.
    meetings = models.IntegerField(
        _("number of meetings"),
        null=True,
        blank=True,
        error_messages={"invalid": _("Enter the number of meetings as a whole number.")},
    )
    network_activities = models.TextField(_("what the network does"), blank=True)
    municipalities = models.ManyToManyField(
        "organisation.Municipality", verbose_name=_("members' municipalities"), blank=True
    )

    frozen_contact = models.JSONField(_("contact person"), null=True, blank=True)
    frozen_members = models.JSONField(_("members"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year__year", "group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year"],
                name="one_report_per_group_and_year",
                violation_error_message=_("The group already has a report for that year."),
            )
        ]

    def __str__(self) -> str:
        return _("Annual report %(year)s for %(group)s") % {
            "year": self.year.year,
            "group": self.group.name,
        }

    def get_absolute_url(self) -> str:
        return reverse("planning:report", args=[self.year.year, self.group.slug])

    @property
    def is_locked(self) -> bool:
        """A closed year locks its plans and reports, except one the secretariat reopened."""
        if self.year.closed_at is None:
            return False
        return not self.reopenings.filter(year=self.year_id).exists()

    def clean(self) -> None:
        if self.meetings is not None and self.meetings < 0:
            raise ValidationError({"meetings": _("The number of meetings cannot be negative.")})

    @property
    def is_editable(self) -> bool:
        return self.status in REPORT_EDITABLE

    @property
    def is_accepted(self) -> bool:
        return self.status == ReportStatus.ACCEPTED

    @property
    def is_light(self) -> bool:
        return self.kind == self.Kind.LIGHT


class Fulfilment(models.TextChoices):
    FULLY = "fully", _("Fully")
    PARTLY = "partly", _("Partly")
    NOT_AT_ALL = "not_at_all", _("Not at all")


class ReportGoal(models.Model):
    """A goal of the plan as reported: copied when the report is created, then answered."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="goals"
    )
    source = models.ForeignKey(
        Goal,
        verbose_name=_("goal in the plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("long-term goal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sub_goals",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    statement = models.TextField(_("goal"))
    measure = models.CharField(_("what is measured"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline_value = models.DecimalField(
        _("value at the start"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    is_measurable = models.BooleanField(_("measurable"), default=False)

    value_reached = models.DecimalField(
        _("value reached"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fulfilment = models.CharField(
        _("fulfilled"), max_length=20, choices=Fulfilment.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    reason = models.TextField(_("why not fully met"), blank=True)

    class Meta:
        verbose_name = _("reported goal")
        verbose_name_plural = _("reported goals")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.statement

    def clean(self) -> None:
        if self.value_reached is not None and not self.is_measurable:
            raise ValidationError(
                {
                    "value_reached": _(
                        "This goal has no measure and target in the plan, so there is no value to "
                        "report: describe the outcome in the comment instead."
                    )
                }
            )


class ActivityResult(models.TextChoices):
    DONE = "done", _("Done")
    NOT_DONE = "not_done", _("Not done")


class ReportActivity(models.Model):
    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    source = models.ForeignKey(
        Activity,
        verbose_name=_("activity in the plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    planned = models.TextField(_("this we planned"))
    result = models.CharField(
        _("result"), max_length=20, choices=ActivityResult.choices, blank=True
    )
    result_text = models.TextField(_("what came of it"), blank=True)
    reason = models.TextField(_("why not done"), blank=True)

    class Meta:
        verbose_name = _("reported activity")
        verbose_name_plural = _("reported activities")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.planned


class ReportPriority(models.Model):
    """A priority commitment of the plan, and what the year's work did in it."""

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="priorities",
    )
    priority_commitment = models.ForeignKey(
        "strategy.PriorityCommitment",
        verbose_name=_("priority area and commitment"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    touched = models.BooleanField(_("the work touched this"), default=False)
    what_was_done = models.TextField(_("what was done"), blank=True)

    class Meta:
        verbose_name = _("reported priority")
        verbose_name_plural = _("reported priorities")
        ordering = ["priority_commitment__area__order", "priority_commitment__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "priority_commitment"], name="priority_once_per_report"
            )
        ]

    def __str__(self) -> str:
        return str(self.priority_commitment)


class ReportEvent(models.Model):
    report = models.ForeignKey(
        AnnualReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ReportStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report history")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report}: {self.from_status} → {self.to_status}"
