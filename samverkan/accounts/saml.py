"""Single sign-on with SAML 2.0, for a municipality that runs its own identity provider.

Providers come from settings.SSO_SAML_PROVIDERS (the environment, as JSON), each:

    {"key": "kommun", "name": "Kommunens konto",
     "idp_metadata": "/etc/samverkan/kommun-idp.xml"   (a file, or an https:// URL),
     "email_domains": ["kommun.se"],
     "email_attribute": "mail",
     "allow_idp_initiated": false}

pysaml2 does the protocol: the request (HTTP-Redirect), the signed answer (HTTP-POST),
its signature (xmlsec1), audience, lifetime and InResponseTo. SAML has no "verified" flag:
the IdP is trusted for the e-mail domains it is listed with, and only for those. Our
metadata, for the IdP's administrators, is at /konto/saml/<key>/metadata/.

An answer is accepted only in the browser that asked for it: otherwise anyone could post
their own signed answer into someone else's browser and sign it in as themselves (login
CSRF). The IdP's POST is cross-site and carries no session cookie (SameSite=Lax), so the
browser gets a cookie of its own (SameSite=None, only for /konto/saml/<key>/) with a secret whose
hash the pending request keeps. Answers the IdP sends unasked (IdP-initiated sign-in) cannot
be tied to a browser; they are refused unless the provider says "allow_idp_initiated": true.
Each signed assertion signs in once.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT  # type: ignore[import-untyped]
from saml2.client import Saml2Client  # type: ignore[import-untyped]
from saml2.config import SPConfig  # type: ignore[import-untyped]
from saml2.metadata import entity_descriptor  # type: ignore[import-untyped]

from samverkan.accounts.models import PendingSamlRequest, UsedSamlAssertion, token_hash
from samverkan.accounts.sso import Refused, ask, person_by_email
from samverkan.organisation.models import Person

PENDING_MINUTES = 15
BROWSER_COOKIE = "samverkan_saml"
# An assertion lives minutes; its id is kept long enough to outlive any IdP's lifetime.
USED_ASSERTION_DAYS = 2


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    idp_metadata: str
    email_domains: tuple[str, ...] = ()
    email_attribute: str = "mail"
    allow_idp_initiated: bool = False


def providers() -> list[Provider]:
    result = []
    for raw in settings.SSO_SAML_PROVIDERS:
        known = {k: v for k, v in raw.items() if k in Provider.__dataclass_fields__}
        known["email_domains"] = tuple(d.lower() for d in known.get("email_domains", ()))
        # Only a JSON true opens IdP-initiated sign-in: not "false", not 1.
        known["allow_idp_initiated"] = known.get("allow_idp_initiated") is True
        result.append(Provider(**known))
    return result


def provider(key: str) -> Provider | None:
    return next((p for p in providers() if p.key == key), None)


def _config(p: Provider, base_url: str) -> SPConfig:
    base = base_url.rstrip("/")
    metadata: dict[str, Any] = (
        {"remote": [{"url": p.idp_metadata}]}
        if p.idp_metadata.startswith("https://")
        else {"local": [p.idp_metadata]}
    )
    conf: dict[str, Any] = {
        "entityid": f"{base}/konto/saml/{p.key}/metadata/",
        "xmlsec_binary": settings.SAML_XMLSEC_BINARY,
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "samverkan",
                "endpoints": {
                    "assertion_consumer_service": [
                        (f"{base}/konto/saml/{p.key}/acs/", BINDING_HTTP_POST)
                    ]
                },
                "allow_unsolicited": p.allow_idp_initiated,
                "authn_requests_signed": False,
                "want_assertions_signed": True,
                "want_response_signed": False,
            }
        },
        "metadata": metadata,
    }
    config = SPConfig()
    config.load(conf)
    return config


def metadata_xml(p: Provider, base_url: str) -> str:
    return str(entity_descriptor(_config(p, base_url)))


def start(p: Provider, base_url: str, next_url: str, browser: str = "") -> tuple[str, str]:
    """The IdP's address carrying our sign-in request, and the secret for the browser's
    cookie (the one it already has, or a new one); the request id is kept with its hash."""
    client = Saml2Client(_config(p, base_url))
    idps = list(client.metadata.identity_providers())
    if len(idps) != 1:
        raise Refused(_("The identity provider is not configured.") + " " + ask())
    request_id, info = client.prepare_for_authenticate(
        entityid=idps[0], binding=BINDING_HTTP_REDIRECT
    )
    PendingSamlRequest.objects.filter(
        created_at__lt=timezone.now() - timedelta(minutes=PENDING_MINUTES)
    ).delete()
    # Two tabs signing in at once share the cookie, so both answers are accepted.
    browser = browser if 20 <= len(browser) <= 100 else secrets.token_urlsafe(32)
    PendingSamlRequest.objects.create(
        request_id=request_id,
        provider=p.key,
        next_url=next_url,
        browser_hash=token_hash(browser),
    )
    return str(dict(info["headers"])["Location"]), browser


def _refused() -> Refused:
    return Refused(_("The sign-in did not go through. Try again."))


def finish(
    p: Provider, base_url: str, saml_response: str, browser: str = ""
) -> tuple[Person, str, str]:
    """The person the IdP's signed answer names, the IdP's entity id and where to go next.

    Only answers to this browser's own pending requests (`browser`: the secret of its
    cookie), or unasked ones where the provider allows them; each assertion once."""
    client = Saml2Client(_config(p, base_url))
    pending = (
        {
            row.request_id: row.next_url
            for row in PendingSamlRequest.objects.filter(
                provider=p.key,
                browser_hash=token_hash(browser),
                created_at__gte=timezone.now() - timedelta(minutes=PENDING_MINUTES),
            )
        }
        if browser
        else {}
    )
    try:
        answer = client.parse_authn_request_response(
            saml_response, BINDING_HTTP_POST, outstanding=pending
        )
    except Exception as exc:  # pysaml2 raises many kinds for a bad, late or unsigned answer
        raise _refused() from exc
    if answer is None:
        raise _refused()
    # With IdP-initiated sign-in allowed, pysaml2 lets an answer to *another* browser's
    # request through too: an answer that names a request must name one of ours.
    if answer.in_response_to and answer.in_response_to not in pending:
        raise _refused()
    _spend(p, answer)
    identity = answer.get_identity()
    emails = identity.get(p.email_attribute) or identity.get("mail") or []
    email = str(emails[0]).strip() if emails else ""
    domain = email.rpartition("@")[2].lower()
    if not email or domain not in p.email_domains:
        raise Refused(
            _(
                "The identity provider may vouch only for addresses at %(domains)s, and sent "
                "%(email)s."
            )
            % {"domains": ", ".join(p.email_domains) or "–", "email": email or "–"}
            + " "
            + ask()
        )
    return person_by_email(email), str(answer.issuer()), pending.get(answer.in_response_to, "")


def _spend(p: Provider, answer: Any) -> None:
    """Each request is answered once, and each signed assertion signs in once: a second
    POST of the same answer (from any browser) is refused."""
    if answer.in_response_to:
        deleted, _rows = PendingSamlRequest.objects.filter(
            request_id=answer.in_response_to
        ).delete()
        if not deleted:
            raise _refused()
    assertion_id = str(getattr(answer.assertion, "id", "") or "")
    if not assertion_id:
        raise _refused()
    UsedSamlAssertion.objects.filter(
        used_at__lt=timezone.now() - timedelta(days=USED_ASSERTION_DAYS)
    ).delete()
    try:
        with transaction.atomic():
            UsedSamlAssertion.objects.create(assertion_id=assertion_id, provider=p.key)
    except IntegrityError as exc:
        raise _refused() from exc
