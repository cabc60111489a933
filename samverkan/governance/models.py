"""What the bodies decide and hand out: assignments from the chief executives, matters the
groups raise, and the council's meetings and decisions with each municipality's adoption.

"Beslut som rör kommunerna fattas alltid i respektive kommun": a council decision that
concerns the municipalities is tracked per municipality until each has adopted or rejected it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.organisation.models import Body, Group, Municipality


class Assignment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Given")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("assignment"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    group = models.ForeignKey(
        Group,
        verbose_name=_("to group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    to_secretariat = models.BooleanField(_("to the secretariat"), default=False)
    given_on = models.DateField(_("given on"))
    due = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.TextField(_("outcome"), blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.given_on and self.due and self.due < self.given_on:
            errors["due"] = _("An assignment cannot be due before it was given.")
        if bool(self.group_id) == bool(self.to_secretariat):
            errors["group"] = _("Give the assignment either to a group or to the secretariat.")
        if errors:
            raise ValidationError(errors)

    @property
    def assignee(self) -> str:
        return self.group.name if self.group is not None else str(_("The secretariat"))


class Matter(models.Model):
    """A group's proposal to the chief executives, or a summons of a group, through the head
    of secretariat."""

    class Kind(models.TextChoices):
        COOPERATION = "cooperation", _("Proposed area for cooperation")
        IMPROVEMENT = "improvement", _("Proposed improvement")
        SUMMONS = "summons", _("Group summoned")

    class Status(models.TextChoices):
        RAISED = "raised", _("With the head of secretariat")
        FORWARDED = "forwarded", _("With the chief executives")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.PROTECT, related_name="matters"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RAISED
    )
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    raised_on = models.DateField(_("raised on"), auto_now_add=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["-raised_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.body.name} {self.date.isoformat()}"


class BoardMeeting(models.Model):
    """A meeting of a member municipality's own board, in the yearly wheel: where the
    council's decisions are taken again ("fattas alltid i respektive kommun")."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="board_meetings",
    )
    body = models.CharField(
        _("board"), max_length=100, help_text=_("For example the municipal executive board.")
    )
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("board meeting of a member")
        verbose_name_plural = _("board meetings of the members")
        ordering = ["date", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "body", "date"], name="one_board_meeting_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name}, {self.body} {self.date.isoformat()}"

    def clean(self) -> None:
        if self.municipality_id and not self.municipality.is_member:
            raise ValidationError(
                {"municipality": _("Only member municipalities have meetings in the wheel.")}
            )


class Decision(models.Model):
    class Kind(models.TextChoices):
        ADOPT_PLAN = "adopt_plan", _("Adopts a strategic plan version")
        PRIORITY_AREAS = "priority_areas", _("Names priority areas")
        COMMISSION = "commission", _("Commissions something")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions"
    )
    reference = models.CharField(_("reference"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("decision"))
    plan_version = models.ForeignKey(
        "strategy.PlanVersion",
        verbose_name=_("strategic plan version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    concerns_municipalities = models.BooleanField(
        _("to be taken again by each municipality"), default=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-meeting__date", "reference"]

    def __str__(self) -> str:
        return f"{self.meeting.date.isoformat()} {self.title}"

    def clean(self) -> None:
        if self.kind == self.Kind.ADOPT_PLAN and not self.plan_version_id:
            raise ValidationError(
                {"plan_version": _("Choose the version of the strategic plan that is adopted.")}
            )


class Adoption(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="adoptions"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("municipal adoption")
        verbose_name_plural = _("municipal adoptions")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "municipality"], name="one_adoption_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_status_display()}"

    def clean(self) -> None:
        errors: dict[str, object] = {}  # lazy and formatted messages alike
        if self.status != self.Status.PENDING and not self.decided_on:
            errors["decided_on"] = _("Give the date of the municipality's decision.")
        if self.decided_on and self.decision_id and self.decided_on < self.decision.meeting.date:
            errors["decided_on"] = _(
                "The municipality cannot have decided before the council's meeting on %(date)s."
            ) % {"date": self.decision.meeting.date.isoformat()}
        if errors:
            raise ValidationError(errors)
