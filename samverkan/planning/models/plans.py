"""Operational plans (verksamhetsplan, Mall 1): a group's plan for one planning year.

A plan has versions. Version 1 is written, anchored, submitted and approved; every later
version is a revision of the approved one. An approved version is never changed again, so
the history of what was decided stays readable.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverkan.organisation.models import Group, Person


class PlanningYear(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        error_messages={"unique": _("That planning year is already open.")},
    )
    # The yearly wheel: the dates of the cycle, defined once per year. The desk's "late" and
    # "due soon", the reminders, "Mina sidor" and the calendar feeds all derive from them.
    plans_due = models.DateField(_("plans due"))
    anchoring_due = models.DateField(
        _("anchoring done by"),
        null=True,
        blank=True,
        help_text=_("The day the members' anchoring of the plans should be done."),
    )
    approval_meeting_on = models.DateField(
        _("chief executives' approval meeting"), null=True, blank=True
    )
    reports_due = models.DateField(_("annual reports due"))
    plan_review_on = models.DateField(
        _("yearly review of the strategic plan"), null=True, blank=True
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    # A closed year's plans and reports are locked; see Reopening for the exceptions.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("planning year")
        verbose_name_plural = _("planning years")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    def clean(self) -> None:
        errors: dict[str, object] = {}  # lazy and formatted messages alike
        if self.year and not 2000 <= self.year <= 2100:
            errors["year"] = _("Give a year between 2000 and 2100.")
        if self.plans_due and self.year and self.plans_due.year > self.year:
            errors["plans_due"] = _("Plans must be due before or in the year they plan for.")
        if self.reports_due and self.year and self.reports_due.year <= self.year:
            errors["reports_due"] = _("Annual reports are due after the year has ended.")
        if self.anchoring_due and self.plans_due and self.anchoring_due < self.plans_due:
            errors["anchoring_due"] = _(
                "The anchoring cannot be done before the plans are due (%(date)s)."
            ) % {"date": self.plans_due.isoformat()}
        first_ready = self.anchoring_due or self.plans_due
        if self.approval_meeting_on and first_ready and self.approval_meeting_on < first_ready:
            errors["approval_meeting_on"] = _(
                "The chief executives approve the plans after they are in and anchored (%(date)s)."
            ) % {"date": first_ready.isoformat()}
        if self.plan_review_on and self.year and self.plan_review_on.year != self.year:
            errors["plan_review_on"] = _("The yearly review falls within the year %(year)s.") % {
                "year": self.year
            }
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def first_day(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 12, 31)


class OperationalPlan(models.Model):
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.ForeignKey(
        PlanningYear, verbose_name=_("year"), on_delete=models.PROTECT, related_name="plans"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("operational plan")
        verbose_name_plural = _("operational plans")
        ordering = ["-year__year", "group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year"],
                name="one_plan_per_group_and_year",
                violation_error_message=_("The group already has a plan for that year."),
            )
        ]

    def __str__(self) -> str:
        return _("Operational plan %(year)s for %(group)s") % {
            "year": self.year.year,
            "group": self.group.name,
        }

    def get_absolute_url(self) -> str:
        return reverse("planning:plan", args=[self.year.year, self.group.slug])

    @property
    def is_locked(self) -> bool:
        """A closed year locks its plans and reports, except one the secretariat reopened."""
        if self.year.closed_at is None:
            return False
        return not self.reopenings.filter(year=self.year_id).exists()


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ANCHORING = "anchoring", _("Anchoring")
    SUBMITTED = "submitted", _("Submitted to the secretariat")
    FORWARDED = "forwarded", _("Forwarded for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


EDITABLE = {Status.DRAFT, Status.RETURNED}


class PlanVersion(models.Model):
    plan = models.ForeignKey(
        OperationalPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Bumped on every save of the version or its goals and activities, so that a form
    # loaded before someone else's save can tell that it is out of date.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    field_of_work = models.TextField(_("field of work"), blank=True)
    purpose = models.TextField(
        _("purpose"),
        blank=True,
        help_text=_("How the group serves the objectives: “By xx we contribute to yy.”"),
    )
    objectives = models.ManyToManyField(
        "strategy.Objective", verbose_name=_("objectives served"), blank=True
    )
    priority_commitments = models.ManyToManyField(
        "strategy.PriorityCommitment", verbose_name=_("priority areas and commitments"), blank=True
    )

    # A revision says when, how and why it changes the approved plan.
    revision_when = models.DateField(_("revision from"), null=True, blank=True)
    revision_how = models.TextField(_("what changes"), blank=True)
    revision_why = models.TextField(_("why"), blank=True)

    # Frozen at submission so later changes of membership do not rewrite a submitted plan.
    frozen_contact = models.JSONField(_("contact person"), null=True, blank=True)
    frozen_members = models.JSONField(_("members"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "planning:version", args=[self.plan.year.year, self.plan.group.slug, self.number]
        )

    @property
    def is_revision(self) -> bool:
        return self.number > 1

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_approved(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def is_anchoring(self) -> bool:
        return self.status == Status.ANCHORING


class Goal(models.Model):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")
        INTRODUCE = "introduce", _("Introduce")
        KEEP = "keep", _("Keep")

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE, related_name="goals"
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
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, blank=True
    )
    measure = models.CharField(_("what is measured"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline_value = models.DecimalField(
        _("value today"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("measured on"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_reason = models.TextField(_("reason for a deadline outside the year"), blank=True)
    is_long_term = models.BooleanField(_("long-term goal"), default=False)
    indicator = models.ForeignKey(
        "followup.Indicator",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goals",
        help_text=_(
            "Measure the goal by a follow-up indicator; today's value is then filled "
            "in from its latest regional value."
        ),
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.statement

    @property
    def is_measurable(self) -> bool:
        return bool(self.measure and self.unit and self.target_value is not None)


class Activity(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Not done")

    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("plan version"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    what = models.TextField(_("activity"))
    how = models.TextField(_("how"), blank=True)
    when = models.DateField(_("when"), null=True, blank=True)
    responsible = models.ForeignKey(
        Person,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    goals = models.ManyToManyField(Goal, verbose_name=_("serves goals"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "when", "id"]

    def __str__(self) -> str:
        return self.what


class Anchoring(models.Model):
    """A member's confirmation that the plan is anchored with their nearest manager."""

    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("plan version"),
        on_delete=models.CASCADE,
        related_name="anchorings",
    )
    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.CASCADE)
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)
    manager = models.CharField(_("nearest manager"), max_length=200, blank=True)
    # Set when the contact person records a member's confirmation given by phone or e-mail.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("anchoring")
        verbose_name_plural = _("anchorings")
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="anchor_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.version}"


class PlanEvent(models.Model):
    """One transition of a plan version: who moved it, from what, to what, and why."""

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
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
        verbose_name = _("plan event")
        verbose_name_plural = _("plan history")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.version}: {self.from_status} → {self.to_status}"
