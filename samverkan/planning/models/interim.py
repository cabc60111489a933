"""Interim follow-ups (delårsuppföljning): a cooperation's extra report rounds within the year.

A cooperation defines zero or more rounds (a name and a day of the year, such as 31 August),
each for some kinds of group. In each round a group says, against the year's approved plan,
how each activity stands, how things are in general and what needs attention. The
secretariat notes the report or returns it; a noted one is public like an accepted report.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverkan.organisation.models import Group
from samverkan.planning.models.plans import Activity, PlanningYear, PlanVersion

# The kinds of group that report, and so take part in a round unless it names its own.
REPORTING_KINDS = (Group.Kind.WORKING_GROUP, Group.Kind.NETWORK)


class InterimRound(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    due_month = models.PositiveSmallIntegerField(_("due month"))
    due_day = models.PositiveSmallIntegerField(_("due day"))
    group_kinds = models.JSONField(
        _("kinds of group"),
        default=list,
        blank=True,
        help_text=_("Empty means every kind of group that reports."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("interim follow-up round")
        verbose_name_plural = _("interim follow-up rounds")
        ordering = ["due_month", "due_day", "order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.due_month and self.due_day:
            try:
                # 2001 has no 29 February: a round must fall on a day every year has.
                date(2001, self.due_month, self.due_day)
            except ValueError:
                raise ValidationError(
                    {"due_day": _("Choose a day that every year has, such as 08-31.")}
                ) from None
            same_day = InterimRound.objects.filter(
                due_month=self.due_month, due_day=self.due_day
            ).exclude(pk=self.pk)
            if same_day.exists():
                # Reminders are sent per group and due day: two rounds on one day would clash.
                raise ValidationError(
                    {"due_day": _("Another round is due on that day: give each round its own.")}
                )
        unknown = set(self.group_kinds or []) - set(Group.Kind.values)
        if unknown:
            raise ValidationError({"group_kinds": _("Unknown kind of group.")})

    def due_on(self, year: int) -> date:
        return date(year, self.due_month, self.due_day)

    @property
    def kinds(self) -> set[str]:
        return set(self.group_kinds or REPORTING_KINDS)

    def applies_to(self, group: Group) -> bool:
        return group.kind in self.kinds


class InterimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the secretariat")
    NOTED = "noted", _("Noted by the secretariat")
    RETURNED = "returned", _("Returned")


INTERIM_EDITABLE = {InterimStatus.DRAFT, InterimStatus.RETURNED}


class InterimReport(models.Model):
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="interim_reports"
    )
    year = models.ForeignKey(
        PlanningYear,
        verbose_name=_("year"),
        on_delete=models.PROTECT,
        related_name="interim_reports",
    )
    round = models.ForeignKey(
        InterimRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InterimStatus.choices, default=InterimStatus.DRAFT
    )
    based_on = models.ForeignKey(
        PlanVersion,
        verbose_name=_("based on plan version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    situation = models.TextField(
        _("the situation"),
        blank=True,
        help_text=_("A few sentences on how the work is going so far this year."),
    )
    attention = models.TextField(
        _("what needs attention"),
        blank=True,
        help_text=_("What the secretariat should know or help with."),
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
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    noted_at = models.DateTimeField(_("noted"), null=True, blank=True)

    class Meta:
        verbose_name = _("interim report")
        verbose_name_plural = _("interim reports")
        ordering = ["-year__year", "round__due_month", "round__due_day", "group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year", "round"],
                name="one_interim_report_per_group_year_and_round",
                violation_error_message=_("The group already has that interim report."),
            )
        ]

    def __str__(self) -> str:
        return _("%(round)s %(year)s for %(group)s") % {
            "round": self.round.name,
            "year": self.year.year,
            "group": self.group.name,
        }

    def get_absolute_url(self) -> str:
        return reverse("planning:interim", args=[self.year.year, self.group.slug, self.round_id])

    @property
    def due_on(self) -> date:
        return self.round.due_on(self.year.year)

    @property
    def is_locked(self) -> bool:
        """A closed year locks its interim reports too, except one the secretariat reopened."""
        if self.year.closed_at is None:
            return False
        return not self.reopenings.filter(year=self.year_id).exists()

    @property
    def is_editable(self) -> bool:
        return self.status in INTERIM_EDITABLE

    @property
    def is_noted(self) -> bool:
        return self.status == InterimStatus.NOTED


class ActivityState(models.TextChoices):
    # Context: elsewhere "On track" is an indicator heading for its target.
    ON_TRACK = "on_track", pgettext_lazy("activity state", "On track")
    DELAYED = "delayed", _("Delayed")
    DONE = "done", pgettext_lazy("activity state", "Done")
    NOT_STARTED = "not_started", _("Not started")


class InterimActivity(models.Model):
    """An activity of the approved plan, and how it stands at the round."""

    report = models.ForeignKey(
        InterimReport,
        verbose_name=_("interim report"),
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
    state = models.CharField(_("state"), max_length=20, choices=ActivityState.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("activity at the interim follow-up")
        verbose_name_plural = _("activities at the interim follow-up")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.planned


class InterimEvent(models.Model):
    report = models.ForeignKey(
        InterimReport,
        verbose_name=_("interim report"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=InterimStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=InterimStatus.choices)
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
        verbose_name = _("interim report event")
        verbose_name_plural = _("interim report history")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report}: {self.from_status} → {self.to_status}"
