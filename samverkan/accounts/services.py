"""Writes about accounts: invitations, accepting them, and a person's own contact details."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt  # type: ignore[import-untyped]
from axes.utils import reset as axes_reset  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts import lockout, permissions
from samverkan.accounts.models import Invitation, token_hash
from samverkan.core.audit import audit_log
from samverkan.core.types import AnyUser
from samverkan.organisation.models import Group, Membership, Municipality, Person
from samverkan.organisation.selectors import cooperation_name
from samverkan.organisation.services import membership_create


@dataclass(frozen=True)
class NewPerson:
    first_name: str
    last_name: str
    municipality: Municipality
    title: str
    email: str
    group: Group | None


def _expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


def _send_invitation(invitation: Invitation, token: str, base_url: str) -> None:
    link = base_url.rstrip("/") + reverse("accounts:accept", args=[token])
    context = {
        "invitation": invitation,
        "link": link,
        "days": settings.INVITATION_VALID_DAYS,
        "cooperation": cooperation_name(),
    }
    subject = render_to_string("accounts/mail/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/mail/invitation.txt", context)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    )


def _person_for(data: NewPerson) -> Person:
    """The person with this e-mail address if there is one (never matched by name), else new."""
    person = Person.objects.filter(email__iexact=data.email).order_by("pk").first()
    if person is None:
        person = Person(
            first_name=data.first_name,
            last_name=data.last_name,
            municipality=data.municipality,
            title=data.title,
            email=data.email,
        )
        person.full_clean()
        person.save()
        audit_log(
            action="samverkan.person.created",
            actor=None,
            obj=person,
            changes={"email": data.email, "municipality": data.municipality.name},
        )
    return person


def invitation_create(*, data: NewPerson, base_url: str, actor: AnyUser) -> Invitation:
    """Add (or find by e-mail) the person, make them a member of the group, and mail a link."""
    if not permissions.can_invite_people(actor):
        raise PermissionDenied
    with transaction.atomic():
        person = _person_for(data)
        if person.user_id is not None:
            raise ValidationError(
                {"email": _("%(name)s already has an account.") % {"name": person}}
            )
        if (
            data.group is not None
            and not Membership.objects.filter(
                group=data.group, person=person, end__isnull=True
            ).exists()
        ):
            membership_create(
                group=data.group,
                person=person,
                role=Membership.Role.MEMBER,
                start=timezone.localdate(),
                actor=actor,
            )
        # An earlier unused invitation stops working: only the newest link is valid.
        Invitation.objects.filter(
            person=person, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            person=person,
            email=person.email,
            group=data.group,
            token_hash=token_hash(token),
            invited_by=actor if isinstance(actor, User) else None,
            expires_at=_expiry(),
        )
        audit_log(
            action="samverkan.invitation.sent",
            actor=actor,
            obj=invitation,
            changes={"email": invitation.email, "group": data.group.name if data.group else ""},
        )
        _send_invitation(invitation, token, base_url)
    return invitation


def invitation_resend(*, invitation: Invitation, base_url: str, actor: AnyUser) -> Invitation:
    """Send a new link (the old one stops working) with a fresh expiry."""
    if not permissions.can_invite_people(actor):
        raise PermissionDenied
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.can_resend:
            raise ValidationError(_("This invitation has been accepted or revoked."))
        token = secrets.token_urlsafe(32)
        invitation.token_hash = token_hash(token)
        invitation.sent_at = timezone.now()
        invitation.expires_at = _expiry()
        invitation.times_sent += 1
        invitation.save()
        audit_log(action="samverkan.invitation.resent", actor=actor, obj=invitation)
        _send_invitation(invitation, token, base_url)
    return invitation


def invitation_revoke(*, invitation: Invitation, actor: AnyUser) -> Invitation:
    """Make an unused link stop working."""
    if not permissions.can_invite_people(actor):
        raise PermissionDenied
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise ValidationError(_("This invitation has already been accepted."))
        invitation.revoked_at = invitation.revoked_at or timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_log(action="samverkan.invitation.revoked", actor=actor, obj=invitation)
    return invitation


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("person", "group")
        .filter(token_hash=token_hash(token))
        .first()
    )


def invitation_account(invitation: Invitation) -> User | None:
    """The account the invited address already belongs to, if any: the person's own, or one
    whose user name is the address. Not one whose e-mail field merely says so: anyone can
    write any address there, and would then block or take another's invitation."""
    if invitation.person.user_id is not None:
        return invitation.person.user
    address = invitation.email.strip()
    if not address:
        return None
    return get_user_model().objects.filter(username__iexact=address).order_by("pk").first()


def _account_exists_error() -> ValidationError:
    return ValidationError(
        _(
            "The address already belongs to an account. Sign in to that account and open "
            "the link again, or ask the secretariat."
        )
    )


def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Create the account (username: the e-mail address) and link it to the invited person.

    Only a new account: the link proves that its holder can read the mail, not that they
    are the owner of an account the address already has, so it never sets a password."""
    User = get_user_model()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("person", "person__user")
            .get(pk=invitation.pk)
        )
        if not invitation.is_usable:
            raise ValidationError(_("This link can no longer be used."))
        if invitation_account(invitation) is not None:
            raise _account_exists_error()
        person = invitation.person
        user = User(
            username=invitation.email.lower(),
            email=invitation.email,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        user.set_password(password)
        user.save()
        person.user = user
        person.save(update_fields=["user"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit_log(action="samverkan.invitation.accepted", actor=user, obj=invitation)
    return user


def invitation_accept_signed_in(*, invitation: Invitation, user: User) -> User:
    """The invitation of an address that already has an account is accepted by that
    account, signed in: the person (and so the group's roles) is linked to it."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("person", "person__user")
            .get(pk=invitation.pk)
        )
        if not invitation.is_usable:
            raise ValidationError(_("This link can no longer be used."))
        account = invitation_account(invitation)
        if account is None or account.pk != user.pk:
            raise ValidationError(
                _(
                    "This invitation belongs to another account than the one you are signed "
                    "in as. Sign out and sign in to the right account, or ask the secretariat."
                )
            )
        person = invitation.person
        if person.user_id is None:
            if Person.objects.filter(user=user).exists():
                raise ValidationError(
                    _(
                        "Your account is already linked to another person. Ask the "
                        "secretariat to merge them."
                    )
                )
            person.user = user
            person.save(update_fields=["user"])
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit_log(
            action="samverkan.invitation.accepted",
            actor=user,
            obj=invitation,
            changes={"existing_account": user.username},
        )
    return user


def invitation_refuse_password(*, invitation: Invitation, ip_address: str | None) -> None:
    """Someone with the link tried to set a password for an account that already exists:
    refused, and noted, since the link may have reached the wrong hands."""
    account = invitation_account(invitation)
    audit_log(
        action="samverkan.invitation.password_refused",
        actor=None,
        obj=invitation,
        changes={
            "account": account.username if account is not None else "",
            "ip_address": ip_address or "",
        },
    )


def own_details_update(
    *, person: Person, title: str, phone: str, email: str, actor: AnyUser
) -> Person:
    """A person keeps their own title, phone and e-mail up to date (the model's validation)."""
    if actor is None or getattr(actor, "person", None) != person:
        raise PermissionDenied
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        before = {"title": person.title, "phone": person.phone, "email": person.email}
        person.title, person.phone, person.email = title, phone, email
        person.full_clean()
        person.save(update_fields=["title", "phone", "email"])
        changes = {k: getattr(person, k) for k, v in before.items() if getattr(person, k) != v}
        if email != before["email"] and person.user_id:
            get_user_model().objects.filter(pk=person.user_id).update(email=email)
        audit_log(action="samverkan.person.own_details", actor=actor, obj=person, changes=changes)
    return person


def lockout_clear(*, username: str, ip_address: str, actor: AnyUser) -> None:
    """Unlock: forget the failed sign-ins behind one lock (lockout.current_locks).

    With a user name: that name from that address (the account lock). Without: every
    failed sign-in from the address (the address lock).
    """
    if not permissions.can_invite_people(actor):
        raise PermissionDenied
    attempts = AccessAttempt.objects.filter(ip_address=ip_address)
    if username:
        attempts = attempts.filter(username=username)
    with transaction.atomic():
        attempt = attempts.order_by("-attempt_time").first()
        if attempt is None:
            raise ValidationError(_("This lock has already been lifted."))
        audit_log(
            action="samverkan.account.unlocked",
            actor=actor,
            obj=attempt,
            changes={
                "kind": lockout.ACCOUNT if username else lockout.ADDRESS,
                "username": username,
                "ip_address": ip_address,
            },
        )
        if username:
            axes_reset(username=username, ip=ip_address)
        else:
            axes_reset(ip=ip_address)


def lockout_record(*, username: str | None, ip_address: str | None) -> None:
    """Axes has just locked someone out: note it in the audit log, with the kind of lock."""
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .first()
    )
    if attempt is not None:
        by_address = lockout.address_locked(ip_address) and (
            lockout.account_failures(username, ip_address) < settings.AXES_FAILURE_LIMIT
        )
        audit_log(
            action="samverkan.account.locked_out",
            actor=None,
            obj=attempt,
            changes={
                "kind": lockout.ADDRESS if by_address else lockout.ACCOUNT,
                "username": username or "",
                "ip_address": ip_address or "",
            },
        )
