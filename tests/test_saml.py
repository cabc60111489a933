"""SAML 2.0 sign-in: the whole round trip against a pysaml2 identity provider served on
127.0.0.1 in a thread, with its own key and certificate; xmlsec1 checks the signatures."""

import datetime
import html
import re
import threading
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import Client
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAMEID_FORMAT_TRANSIENT, NameID
from saml2.server import Server
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from samverkan.accounts import saml
from samverkan.core.models import AuditEntry
from samverkan.organisation.models import Person

XMLSEC = "/usr/bin/xmlsec1"


def _key_and_cert(folder):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.kommun.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / "idp.key", folder / "idp.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


class IdP:
    """A municipality's identity provider: signs in whoever `user` names."""

    def __init__(self, folder, sp_metadata_file):
        self.server = make_server("127.0.0.1", 0, self.wsgi, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        key_file, cert_file = _key_and_cert(folder)
        config = IdPConfig()
        config.load(
            {
                "entityid": f"{self.url}/metadata",
                "xmlsec_binary": XMLSEC,
                "key_file": key_file,
                "cert_file": cert_file,
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(f"{self.url}/sso", BINDING_HTTP_REDIRECT)]
                        },
                        "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                        "policy": {"default": {"lifetime": {"minutes": 5}}},
                    }
                },
                "metadata": {"local": [sp_metadata_file]},
            }
        )
        self.config = config
        self.idp = Server(config=config)
        self.user: dict = {}
        self.metadata_file = folder / "idp.xml"
        self.metadata_file.write_text(str(entity_descriptor(config)))

    def wsgi(self, environ, start_response):
        request = Request(environ)
        query = request.args
        message = self.idp.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        args = self.idp.response_args(message.message)
        answer = self.idp.create_authn_response(
            self.user,
            name_id=NameID(format=NAMEID_FORMAT_TRANSIENT, text="id-4711"),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
            sign_assertion=True,
            **args,
        )
        http = self.idp.apply_binding(
            BINDING_HTTP_POST,
            str(answer),
            args["destination"],
            query.get("RelayState", ""),
            response=True,
        )
        return Response(http["data"], content_type="text/html")(environ, start_response)

    def __enter__(self):
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.1}
        )
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(2)


@pytest.fixture
def idp(settings, tmp_path, demo_data):
    # The SP's metadata first (the IdP must know our ACS), then the IdP's for the SP.
    settings.SSO_SAML_PROVIDERS = [
        {
            "key": "kommun",
            "name": "Kommunens konto",
            "idp_metadata": str(tmp_path / "idp.xml"),
            "email_domains": ["kommun.test"],
        }
    ]
    settings.SAML_XMLSEC_BINARY = XMLSEC
    settings.SECRETARIAT_CONTACT = "kansliet@example.se"
    # Our metadata does not depend on the IdP's: render it with an empty IdP list first.
    sp_file = tmp_path / "sp.xml"
    settings.SSO_SAML_PROVIDERS[0]["idp_metadata"] = str(tmp_path / "none.xml")
    (tmp_path / "none.xml").write_text(
        '<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"/>'
    )
    sp_file.write_text(saml.metadata_xml(saml.provider("kommun"), "http://testserver/"))
    with IdP(tmp_path, str(sp_file)) as server:
        settings.SSO_SAML_PROVIDERS[0]["idp_metadata"] = str(server.metadata_file)
        yield server


def _round_trip(idp: IdP, email: str) -> tuple[Client, object]:
    idp.user = {"mail": [email], "givenName": ["Ella"], "sn": ["Test"]}
    client = Client()
    start = client.get(reverse("accounts:saml_start", args=["kommun"]) + "?next=/mina-sidor/")
    assert start.status_code == 302 and start["Location"].startswith(f"{idp.url}/sso?")
    assert "SAMLRequest" in parse_qs(urlsplit(start["Location"]).query)
    page = httpx.get(start["Location"])
    assert page.status_code == 200
    fields = dict(re.findall(r'name="([A-Za-z]+)" value="([^"]*)"', page.text))
    action = html.unescape(re.search(r'action="([^"]+)"', page.text).group(1))
    assert urlsplit(action).path == reverse("accounts:saml_acs", args=["kommun"])
    return client, client.post(urlsplit(action).path, {"SAMLResponse": fields["SAMLResponse"]})


def _person(email):
    person = Person.objects.filter(user__isnull=True).exclude(email="").order_by("pk").first()
    person.email = email
    person.save()
    return person


def test_round_trip_signs_in_and_links_the_person(idp):
    person = _person("ella.saml@kommun.test")
    client, response = _round_trip(idp, "ella.saml@kommun.test")
    assert response.status_code == 302 and response["Location"] == "/mina-sidor/"
    person.refresh_from_db()
    assert person.user is not None and client.session["_auth_user_id"] == str(person.user.pk)
    assert AuditEntry.objects.filter(action="samverkan.account.signed_in_with_sso").exists()


def test_an_address_outside_the_idps_domains_is_refused(idp):
    _person("olle@annan.test")
    client, response = _round_trip(idp, "olle@annan.test")
    assert response.status_code == 403
    assert "kansliet@example.se" in response.content.decode()
    assert "_auth_user_id" not in client.session


def _answer(idp: IdP, client: Client) -> str:
    """The IdP's signed answer to a sign-in that `client` starts, not yet posted."""
    start = client.get(reverse("accounts:saml_start", args=["kommun"]))
    page = httpx.get(start["Location"])
    return dict(re.findall(r'name="([A-Za-z]+)" value="([^"]*)"', page.text))["SAMLResponse"]


ACS = "/konto/saml/kommun/acs/"


def test_an_answer_cannot_be_replayed_or_forged(idp):
    _person("ella.saml@kommun.test")
    idp.user = {"mail": ["ella.saml@kommun.test"]}
    browser = Client()
    saml_response = _answer(idp, browser)
    assert browser.post(ACS, {"SAMLResponse": saml_response}).status_code == 302
    # The same signed answer a second time: its request has been answered already.
    assert browser.post(ACS, {"SAMLResponse": saml_response}).status_code == 403
    assert Client().post(ACS, {"SAMLResponse": saml_response}).status_code == 403
    assert Client().post(ACS, {"SAMLResponse": "PHNhbWw+Zm9yZ2VkPC9zYW1sPg=="}).status_code == 403


def test_an_answer_is_accepted_only_in_the_browser_that_asked(idp):
    """Login CSRF: an attacker signs in at the IdP as themselves and posts their answer into
    the victim's browser, which would then work, unknowingly, in the attacker's account."""
    _person("ella.saml@kommun.test")
    idp.user = {"mail": ["ella.saml@kommun.test"]}
    attacker = Client()
    saml_response = _answer(idp, attacker)
    # The victim's browser, with no sign-in of its own on the way, and with one.
    victim = Client()
    assert victim.post(ACS, {"SAMLResponse": saml_response}).status_code == 403
    _answer(idp, victim)
    assert victim.post(ACS, {"SAMLResponse": saml_response}).status_code == 403
    assert "_auth_user_id" not in victim.session
    # A cookie without the IdP's request behind it, or a guessed one, changes nothing.
    victim.cookies[saml.BROWSER_COOKIE] = "a" * 43
    assert victim.post(ACS, {"SAMLResponse": saml_response}).status_code == 403
    assert not AuditEntry.objects.filter(action="samverkan.account.signed_in_with_sso").exists()
    # The browser that asked still can.
    assert attacker.post(ACS, {"SAMLResponse": saml_response}).status_code == 302


def test_the_browser_cookie_reaches_the_idps_cross_site_post(idp):
    response = Client().get(reverse("accounts:saml_start", args=["kommun"]))
    cookie = response.cookies[saml.BROWSER_COOKIE]
    assert cookie["samesite"] == "None" and cookie["httponly"]
    assert cookie["path"] == "/konto/saml/kommun/"


def _unsolicited(idp: IdP) -> str:
    """An answer the IdP sends on its own (IdP-initiated), to no request of ours."""
    sp = saml.metadata_xml(saml.provider("kommun"), "http://testserver/")
    entity_id = re.search(r'entityID="([^"]+)"', sp).group(1)
    answer = idp.idp.create_authn_response(
        {"mail": ["ella.saml@kommun.test"]},
        in_response_to=None,
        destination="http://testserver" + ACS,
        sp_entity_id=entity_id,
        name_id=NameID(format=NAMEID_FORMAT_TRANSIENT, text="id-4711"),
        authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
        sign_assertion=True,
    )
    http = idp.idp.apply_binding(
        BINDING_HTTP_POST, str(answer), "http://testserver" + ACS, "", response=True
    )
    return dict(re.findall(r'name="([A-Za-z]+)" value="([^"]*)"', http["data"]))["SAMLResponse"]


def test_an_unasked_answer_is_refused_by_default(idp):
    _person("ella.saml@kommun.test")
    client = Client()
    assert client.post(ACS, {"SAMLResponse": _unsolicited(idp)}).status_code == 403
    assert "_auth_user_id" not in client.session


def test_idp_initiated_sign_in_when_the_provider_allows_it_and_only_once(idp, settings):
    _person("ella.saml@kommun.test")
    settings.SSO_SAML_PROVIDERS[0]["allow_idp_initiated"] = True
    saml_response = _unsolicited(idp)
    client = Client()
    assert client.post(ACS, {"SAMLResponse": saml_response}).status_code == 302
    assert "_auth_user_id" in client.session
    assert Client().post(ACS, {"SAMLResponse": saml_response}).status_code == 403
    # An answer to another browser's request still is not one for this browser.
    idp.user = {"mail": ["ella.saml@kommun.test"]}
    assert Client().post(ACS, {"SAMLResponse": _answer(idp, Client())}).status_code == 403


def test_only_a_json_true_allows_idp_initiated_sign_in(idp, settings):
    settings.SSO_SAML_PROVIDERS[0]["allow_idp_initiated"] = "false"
    assert saml.provider("kommun").allow_idp_initiated is False


def test_our_metadata_for_the_idp(idp):
    response = Client().get(reverse("accounts:saml_metadata", args=["kommun"]))
    assert response.status_code == 200
    assert "/konto/saml/kommun/acs/" in response.content.decode()


def test_the_sign_in_page_offers_the_idp(idp):
    html = Client().get(reverse("accounts:login")).content.decode()
    assert 'href="/konto/saml/kommun/?next=' in html
