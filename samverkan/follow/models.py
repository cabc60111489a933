"""Calendar feeds behind a secret address, and subscriptions to what happens in the
cooperation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """A person's own deadlines as a calendar, at an address only they know. Revoking it
    deletes the row: the old address answers 404, and a new one can be made."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField(_("secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal calendar")
        verbose_name_plural = _("personal calendars")

    def __str__(self) -> str:
        return str(self.user)


class Target(models.TextChoices):
    DECISION = "decision", _("a decision")
    GROUP = "group", _("a group")
    AREA = "area", _("a priority area")


class Subscription(models.Model):
    """Someone follows a decision, a group or a priority area by e-mail. Nothing is sent
    until the address is confirmed (double opt-in); every mail carries the link that ends
    it. The address is personal data: it is shown to no one."""

    email = models.EmailField(_("e-mail address"))
    target = models.CharField(_("follows"), max_length=10, choices=Target.choices)
    target_id = models.PositiveIntegerField(_("which"))
    token = models.CharField(_("secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "target", "target_id"], name="one_subscription_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_target_display()} {self.target_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Notice(models.Model):
    """Something that happened to what can be followed: the entries of its Atom feed and
    the mails to its subscribers. One row per thing followed."""

    target = models.CharField(_("concerns"), max_length=10, choices=Target.choices)
    target_id = models.PositiveIntegerField(_("which"))
    title = models.CharField(_("title"), max_length=400)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=400)
    happened_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-happened_at", "-id"]
        indexes = [models.Index(fields=["target", "target_id", "-happened_at"])]

    def __str__(self) -> str:
        return self.title
