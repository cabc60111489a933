"""Single sign-on with OpenID Connect: Microsoft Entra ID (multi-tenant) or any issuer.

Providers come from settings.SSO_OIDC_PROVIDERS (the environment, as JSON), each:

    {"key": "entra", "name": "Microsoft-konto från kommunen",
     "server_metadata_url": "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration",
     "client_id": "...", "client_secret": "...",
     "issuer": "https://login.microsoftonline.com/{tenantid}/v2.0",
     "tenants": ["<tenant id of each member municipality>"],
     "verified_email_claim": "xms_edov"}

Authlib does the protocol (discovery, PKCE, state, nonce, the ID token's signature and
audience). Here: the issuer (with Entra's {tenantid} filled in from the token), the
allow-list of tenants, and the person, found by a verified e-mail address only.
"""

from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.django_client import OAuth  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.models import Invitation
from samverkan.core.audit import audit_log
from samverkan.organisation.models import Person


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    server_metadata_url: str
    client_id: str
    client_secret: str
    issuer: str = ""
    tenants: tuple[str, ...] = ()
    verified_email_claim: str = "email_verified"
    scope: str = "openid email profile"
    extra: dict[str, Any] = field(default_factory=dict)


class Refused(Exception):
    """Sign-in refused; the message says why and whom to ask."""


def providers() -> list[Provider]:
    result = []
    for raw in settings.SSO_OIDC_PROVIDERS:
        known = {k: v for k, v in raw.items() if k in Provider.__dataclass_fields__}
        known["tenants"] = tuple(known.get("tenants", ()))
        result.append(Provider(**known))
    return result


def provider(key: str) -> Provider | None:
    return next((p for p in providers() if p.key == key), None)


def client(p: Provider) -> Any:
    oauth = OAuth()
    return oauth.register(
        name=p.key,
        client_id=p.client_id,
        client_secret=p.client_secret,
        server_metadata_url=p.server_metadata_url,
        client_kwargs={"scope": p.scope, "code_challenge_method": "S256"},
    )


def claims_options(p: Provider) -> dict[str, Any] | None:
    """Entra's metadata names the issuer with a {tenantid} placeholder: fill it from `tid`."""
    if not p.issuer:
        return None  # Authlib checks `iss` against the issuer in the provider's metadata.

    def same_issuer(claims: Any, value: str) -> bool:
        return bool(value) and value == p.issuer.replace("{tenantid}", str(claims.get("tid", "")))

    return {"iss": {"essential": True, "validate": same_issuer}}


def ask() -> str:
    contact = settings.SECRETARIAT_CONTACT
    if contact:
        return _("Ask the secretariat (%(contact)s).") % {"contact": contact}
    return _("Ask the secretariat.")


def person_for(p: Provider, claims: dict[str, Any]) -> Person:
    """The person the verified e-mail address names; refused otherwise, never by name."""
    if p.tenants and str(claims.get("tid", "")) not in p.tenants:
        raise Refused(
            _(
                "Your organisation's accounts are not connected to samverkan (tenant %(tid)s). "
                "If your municipality has joined the cooperation, its IT department or the "
                "secretariat can have it added."
            )
            % {"tid": claims.get("tid") or "?"}
            + " "
            + ask()
        )
    email = str(claims.get("email") or "").strip()
    if not email or claims.get(p.verified_email_claim) is not True:
        raise Refused(
            _(
                "Your identity provider did not confirm your e-mail address, so we cannot tell "
                "who you are. Sign in with your password instead, or ask for an invitation."
            )
            + " "
            + ask()
        )
    return person_by_email(email)


def person_by_email(email: str) -> Person:
    """Exactly one person has this (verified) address, or the sign-in is refused."""
    people = list(Person.objects.filter(email__iexact=email).select_related("user")[:2])
    if len(people) != 1:
        raise Refused(
            (
                _("There is no person with the e-mail address %(email)s in samverkan.")
                if not people
                else _("More than one person has the e-mail address %(email)s.")
            )
            % {"email": email}
            + " "
            + ask()
        )
    return people[0]


def account_for(p: Provider, person: Person, claims: dict[str, Any]) -> User:
    return link_account(provider_key=p.key, issuer=str(claims.get("iss", "")), person=person)


def link_account(*, provider_key: str, issuer: str, person: Person) -> User:
    """The person's account, made (user name: the e-mail address) on the first sign-in."""
    with transaction.atomic():
        person = (
            Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
        )
        user = person.user
        if user is None:
            username = person.email.lower()
            if User.objects.filter(username__iexact=username).exists():
                raise Refused(
                    _("There is already an account named %(name)s.") % {"name": username}
                    + " "
                    + ask()
                )
            user = User(
                username=username,
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
            )
            user.set_unusable_password()
            user.save()
            person.user = user
            person.save(update_fields=["user"])
        if not user.is_active:
            raise Refused(_("Your account has been deactivated.") + " " + ask())
        Invitation.objects.filter(
            person=person, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(accepted_at=timezone.now())
        audit_log(
            action="samverkan.account.signed_in_with_sso",
            actor=user,
            obj=person,
            changes={"provider": provider_key, "issuer": issuer},
        )
    return user
