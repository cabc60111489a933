"""Single sign-on: the whole OpenID Connect round trip against a real provider.

The provider is oidc-provider-mock (Authlib's server parts in a Flask app), served by
werkzeug on 127.0.0.1 in a thread: our app discovers it, redirects to its authorisation
endpoint, the person "signs in" on its form, it redirects back with a code, and our app
fetches the tokens over HTTP and checks the RS256-signed ID token against its JWKS.
"""

import threading
from urllib.parse import quote, urlsplit

import httpx
import oidc_provider_mock
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from werkzeug.serving import make_server

from samverkan.core.models import AuditEntry
from samverkan.organisation.models import Person

TENANT = "11111111-2222-3333-4444-555555555555"


@pytest.fixture(scope="module")
def provider_url():
    server = make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(2)


@pytest.fixture
def sso(settings, provider_url):
    settings.SSO_OIDC_PROVIDERS = [
        {
            "key": "kommun",
            "name": "Kommunens konto",
            "server_metadata_url": f"{provider_url}/.well-known/openid-configuration",
            "client_id": "samverkan",
            "client_secret": "hemligt",
            "issuer": provider_url,
            "tenants": [TENANT],
        }
    ]
    settings.SECRETARIAT_CONTACT = "kansliet@example.se"
    return provider_url


def _round_trip(provider_url: str, sub: str, claims: dict) -> tuple[Client, object]:
    """Sign in as `sub` with `claims` at the provider; the answer to our callback."""
    assert httpx.put(f"{provider_url}/users/{quote(sub)}", json=claims).status_code == 204
    client = Client()
    start = client.get(reverse("accounts:sso_start", args=["kommun"]) + "?next=/mina-sidor/")
    assert start.status_code == 302
    authorize = start["Location"]
    assert authorize.startswith(f"{provider_url}/oauth2/authorize?")
    form = httpx.get(authorize)
    assert form.status_code == 200 and 'name="sub"' in form.text
    answer = httpx.post(authorize, data={"sub": sub})
    assert answer.status_code == 302
    back = urlsplit(answer.headers["location"])
    assert back.path == reverse("accounts:sso_callback", args=["kommun"])
    return client, client.get(f"{back.path}?{back.query}")


def _person(email: str) -> Person:
    person = Person.objects.filter(user__isnull=True).exclude(email="").order_by("pk").first()
    person.email = email
    person.save()
    return person


def test_round_trip_signs_in_the_person_with_the_verified_address(demo_data, sso):
    person = _person("ella.sso@example.se")
    client, response = _round_trip(
        sso, "ella", {"email": "Ella.SSO@example.se", "email_verified": True, "tid": TENANT}
    )
    assert response.status_code == 302 and response["Location"] == "/mina-sidor/"
    person.refresh_from_db()
    assert person.user is not None and person.user.username == "ella.sso@example.se"
    assert not person.user.has_usable_password()
    assert client.session["_auth_user_id"] == str(person.user.pk)
    assert person.full_name in client.get("/mina-sidor/").content.decode()
    assert AuditEntry.objects.filter(action="samverkan.account.signed_in_with_sso").exists()
    # The next time the same account is used.
    _round_trip(
        sso, "ella", {"email": "ella.sso@example.se", "email_verified": True, "tid": TENANT}
    )
    assert get_user_model().objects.filter(email__iexact="ella.sso@example.se").count() == 1


def test_an_unlisted_tenant_is_refused_with_whom_to_ask(demo_data, sso):
    person = _person("olle.sso@example.se")
    client, response = _round_trip(
        sso, "olle", {"email": "olle.sso@example.se", "email_verified": True, "tid": "annan"}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "inte anslutna till samverkan" in html and "kansliet@example.se" in html
    assert "_auth_user_id" not in client.session
    person.refresh_from_db()
    assert person.user is None


def test_an_unverified_address_is_not_matched(demo_data, sso):
    person = _person("vera.sso@example.se")
    client, response = _round_trip(
        sso, "vera", {"email": "vera.sso@example.se", "email_verified": False, "tid": TENANT}
    )
    assert response.status_code == 403
    assert "bekräftade inte din e-postadress" in response.content.decode()
    assert "_auth_user_id" not in client.session
    person.refresh_from_db()
    assert person.user is None


def test_an_unknown_address_is_never_matched_by_name(demo_data, sso):
    person = _person("kalle.sso@example.se")
    client, response = _round_trip(
        sso,
        "kalle",
        {
            "email": "nagon.annan@example.se",
            "email_verified": True,
            "tid": TENANT,
            "name": person.full_name,
            "given_name": person.first_name,
            "family_name": person.last_name,
        },
    )
    assert response.status_code == 403
    assert "Det finns ingen person med e-postadressen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_issuer_not_in_the_settings_has_no_sign_in(demo_data, sso):
    assert Client().get(reverse("accounts:sso_start", args=["okand"])).status_code == 404
    assert Client().get(reverse("accounts:sso_callback", args=["okand"])).status_code == 404


def test_a_token_from_another_issuer_is_refused(demo_data, sso, settings):
    settings.SSO_OIDC_PROVIDERS[0]["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0"
    _person("iris.sso@example.se")
    client, response = _round_trip(
        sso, "iris", {"email": "iris.sso@example.se", "email_verified": True, "tid": TENANT}
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_offers_the_providers(demo_data, sso):
    html = Client().get(reverse("accounts:login") + "?next=/mina-sidor/").content.decode()
    assert 'href="/konto/sso/kommun/?next=/mina-sidor/"' in html
    assert "Logga in med Kommunens konto" in html
