"""Invitations: how a person the secretariat adds gets an account.

The link in the mail carries a random token; only its SHA-256 is stored, so a copy of the
database cannot be used to accept someone else's invitation.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.organisation.models import Group, Person


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Sent, not yet accepted")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    group = models.ForeignKey(
        Group, verbose_name=_("group"), null=True, blank=True, on_delete=models.SET_NULL
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    times_sent = models.PositiveSmallIntegerField(_("times sent"), default=1)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.person} <{self.email}>"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def can_resend(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.EXPIRED)


class PendingSamlRequest(models.Model):
    """A SAML sign-in on its way: the IdP answers with a cross-site POST, which carries no
    session cookie (SameSite=Lax), so the request's id is kept here until the answer
    (InResponseTo), with the hash of a secret in a cookie of its own that the POST carries."""

    request_id = models.CharField(max_length=100, unique=True)
    provider = models.CharField(max_length=50)
    # SHA-256 of the secret in the browser's SAML cookie: only that browser may answer it.
    browser_hash = models.CharField(max_length=64, blank=True)
    next_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pending SAML sign-in")
        verbose_name_plural = _("pending SAML sign-ins")

    def __str__(self) -> str:
        return self.request_id


class UsedSamlAssertion(models.Model):
    """A signed assertion that has signed someone in: the same one is never accepted again
    (an answer to our request is also spent with the request; an IdP-initiated one has none)."""

    assertion_id = models.CharField(max_length=200, unique=True)
    provider = models.CharField(max_length=50)
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("used SAML assertion")
        verbose_name_plural = _("used SAML assertions")

    def __str__(self) -> str:
        return self.assertion_id
