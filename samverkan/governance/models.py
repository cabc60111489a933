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
        FORWARDED = "forwarded", _("Forwarded for decision")
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
    # Optional: a meeting without a time is a whole day in the calendar feed.
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # The minutes are the secretariat's draft until they are approved (justerade); then they
    # are public and no longer change.
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    minutes_approved_by = models.CharField(
        _("approved by"),
        max_length=200,
        blank=True,
        help_text=_("Who approved (justerade) the minutes, as the minutes name them."),
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.body.name} {self.date.isoformat()}"

    @property
    def minutes_published(self) -> bool:
        return self.minutes_approved_on is not None

    def clean(self) -> None:
        errors: dict[str, object] = {}  # lazy and formatted messages alike
        if self.ends_at and not self.starts_at:
            errors["starts_at"] = _("Give the time the meeting starts as well.")
        elif self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        if self.minutes_approved_on:
            if not self.minutes.strip():
                errors["minutes"] = _("Write the minutes before they are approved.")
            if not self.minutes_approved_by.strip():
                errors["minutes_approved_by"] = _("Name who approved the minutes.")
            if self.date and self.minutes_approved_on < self.date:
                errors["minutes_approved_on"] = _(
                    "The minutes cannot be approved before the meeting on %(date)s."
                ) % {"date": self.date.isoformat()}
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    """A point on a meeting's agenda, perhaps a matter or an assignment it takes up."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    matter = models.ForeignKey(
        Matter,
        verbose_name=_("matter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_agenda_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


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
    matters = models.ManyToManyField(
        Matter,
        verbose_name=_("answers the matters"),
        blank=True,
        related_name="council_decisions",
    )
    assignments = models.ManyToManyField(
        Assignment,
        verbose_name=_("answers the assignments"),
        blank=True,
        related_name="council_decisions",
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
    """The track of one council decision through one member municipality: sent to it, put on
    the agenda of one of its boards, decided there, with the member's own case number
    (diarienummer), paragraph (§) and minutes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ADOPTED = "adopted", _("Adopted")
        ADOPTED_WITH_CHANGES = "adopted_with_changes", _("Adopted with changes")
        REJECTED = "rejected", _("Declined")

    DECIDED = (Status.ADOPTED, Status.ADOPTED_WITH_CHANGES, Status.REJECTED)

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="adoptions"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    sent_on = models.DateField(_("sent to the municipality on"), null=True, blank=True)
    agenda_on = models.DateField(_("on the agenda on"), null=True, blank=True)
    agenda_body = models.CharField(
        _("on the agenda of"),
        max_length=100,
        blank=True,
        help_text=_("The board that takes the matter, for example the municipal council."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reference = models.CharField(
        _("case number"),
        max_length=100,
        blank=True,
        help_text=_("The municipality's own case number (diarienummer), such as KS 2026/123."),
    )
    paragraph = models.CharField(
        _("paragraph (§)"),
        max_length=20,
        blank=True,
        help_text=_("The paragraph of the minutes, such as 45."),
    )
    minutes_url = models.URLField(
        _("link to the minutes"),
        blank=True,
        error_messages={
            "invalid": _("Enter a full web address, such as https://vannas.se/protokoll.")
        },
    )
    changes_made = models.TextField(_("what was changed"), blank=True)

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

    @property
    def is_decided(self) -> bool:
        return self.status in self.DECIDED

    @property
    def stage(self) -> str:
        """Where the track has come: decided, on the agenda, sent, or not yet sent."""
        if self.is_decided:
            return "decided"
        if self.agenda_on:
            return "agenda"
        if self.sent_on:
            return "sent"
        return "not_sent"

    def clean(self) -> None:
        errors: dict[str, object] = {}  # lazy and formatted messages alike
        meeting_date = self.decision.meeting.date if self.decision_id else None
        if self.is_decided:
            if not self.decided_on:
                errors["decided_on"] = _("Give the date of the municipality's decision.")
            if not self.reference.strip():
                errors["reference"] = _("Give the municipality's case number (diarienummer).")
            if not self.paragraph.strip():
                errors["paragraph"] = _("Give the paragraph (§) of the minutes.")
        if self.status == self.Status.ADOPTED_WITH_CHANGES and not self.changes_made.strip():
            errors["changes_made"] = _("Say what the municipality changed.")
        if self.decided_on and meeting_date and self.decided_on < meeting_date:
            errors["decided_on"] = _(
                "The municipality cannot have decided before the meeting on %(date)s that took "
                "the decision."
            ) % {"date": meeting_date.isoformat()}
        if self.sent_on and meeting_date and self.sent_on < meeting_date:
            errors["sent_on"] = _(
                "It cannot have been sent before the meeting on %(date)s that took the decision."
            ) % {"date": meeting_date.isoformat()}
        if self.agenda_on and not self.agenda_body.strip():
            errors["agenda_body"] = _("Name the board whose agenda it is on.")
        if self.agenda_on and meeting_date and self.agenda_on < meeting_date:
            errors["agenda_on"] = _(
                "It cannot be on an agenda before the meeting on %(date)s that took the decision."
            ) % {"date": meeting_date.isoformat()}
        if self.paragraph.strip().startswith("§"):
            self.paragraph = self.paragraph.strip().lstrip("§").strip()
        if errors:
            raise ValidationError(errors)


class AdoptionReminder(models.Model):
    """A reminder to a member's representative that a council decision waits for the
    member's board: sent once per decision and board meeting."""

    adoption = models.ForeignKey(
        Adoption, verbose_name=_("adoption"), on_delete=models.CASCADE, related_name="reminders"
    )
    board_meeting = models.ForeignKey(
        BoardMeeting,
        verbose_name=_("before the board meeting"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    recipient = models.EmailField(_("recipient"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("adoption reminder")
        verbose_name_plural = _("adoption reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "board_meeting", "recipient"],
                name="one_adoption_reminder_per_board_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.adoption} → {self.recipient}"
