"""The yearly cycle around plans and reports: closing a year, reopening one document, and
the log of reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.organisation.models import Group
from samverkan.planning.models.interim import InterimReport
from samverkan.planning.models.plans import OperationalPlan, PlanningYear
from samverkan.planning.models.reports import AnnualReport


class Reopening(models.Model):
    """After a year is closed, the secretariat may reopen one plan, report or interim report,
    with a reason."""

    year = models.ForeignKey(
        PlanningYear, verbose_name=_("year"), on_delete=models.CASCADE, related_name="reopenings"
    )
    plan = models.ForeignKey(
        OperationalPlan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reopenings",
    )
    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reopenings",
    )
    interim = models.ForeignKey(
        InterimReport,
        verbose_name=_("interim report"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reopenings",
    )
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reopening")
        verbose_name_plural = _("reopenings")
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(plan__isnull=False, report__isnull=True, interim__isnull=True)
                    | models.Q(plan__isnull=True, report__isnull=False, interim__isnull=True)
                    | models.Q(plan__isnull=True, report__isnull=True, interim__isnull=False)
                ),
                name="reopening_of_one_document",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.plan or self.report or self.interim}"


class ReminderLog(models.Model):
    class Stage(models.TextChoices):
        PLAN = "plan", _("Operational plan")
        REPORT = "report", _("Annual report")
        INTERIM = "interim", _("Interim follow-up")

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="reminders"
    )
    year = models.ForeignKey(
        PlanningYear, verbose_name=_("year"), on_delete=models.CASCADE, related_name="reminders"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    late = models.BooleanField(_("late"), default=False)
    # The step of the schedule this reminder is, in days from the due date (-14 is a fortnight
    # before): each step is sent once per group, year and stage. Empty for reminders sent
    # before there was a schedule.
    step = models.SmallIntegerField(_("days from the due date"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year", "stage", "step", "due"],
                condition=models.Q(step__isnull=False),
                name="one_reminder_per_step",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sent_at:%Y-%m-%d} {self.group} ({self.get_stage_display()})"
