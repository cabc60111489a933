"""Getting people in, in real Chromium: the secretariat sets up its second factor, invites a
new person to Bibliotek, the person sets a password from the mail and finds the group's
plan waiting; ten wrong passwords lock an account. Every page passes axe-core."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.accounts.models import Invitation, token_hash
from samverkan.datasets import demo, demo_plans, umearegionen
from samverkan.organisation.models import Municipality, Person
from tests.browser import chromium_page, screenshot, serious_violations, sign_in
from tests.snapshots import load_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data():
    demo.load_people()
    demo.ensure_accounts()
    demo_plans.load_plans()


@pytest.fixture
def site(live_server, settings):
    load_once("umearegionen", umearegionen.load)
    load_once("browser: accounts", _data)
    return live_server.url


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_secretariat_invites_and_the_person_finds_the_plan(site):
    problems = {}
    with chromium_page(bypass_csp=True) as page:
        sign_in(page, site, "kansli", demo.DEMO_PASSWORD, "/kansli/", code=False)
        # The secretariat must set up a second factor before anything else.
        page.goto(site + "/organisation/")
        assert "/konto/tvastegs/" in page.url
        screenshot(page, "accounts-mfa-setup")
        problems["setup"] = serious_violations(page)
        device = TOTPDevice.objects.get(user__username="kansli", confirmed=False)
        page.get_by_label("Kod").fill(_code(device))
        page.get_by_role("button", name="Slå på tvåstegsinloggning").click()
        page.wait_for_load_state()
        assert len(page.locator(".recovery-codes li").all()) == 10
        page.get_by_role("link", name="Jag har sparat koderna – fortsätt").click()
        page.wait_for_url("**/organisation/")

        page.goto(site + "/konto/inbjudningar/ny/")
        page.get_by_label("Förnamn").fill("Saga")
        page.get_by_label("Efternamn").fill("Nyberg")
        page.get_by_label("Kommun").select_option(index=1)
        page.get_by_label("Titel").fill("Bibliotekarie")
        page.get_by_label("E-post").fill("saga.nyberg@example.se")
        page.get_by_label("Grupp").select_option(label="Bibliotek")
        problems["invite"] = serious_violations(page)
        page.get_by_role("button", name="Skicka inbjudan").click()
        page.wait_for_url("**/konto/inbjudningar/")
        assert "saga.nyberg@example.se" in page.locator("table").inner_text()
        screenshot(page, "accounts-invitations")
        problems["invitations"] = serious_violations(page)
        for path in ("/konto/inbjudningar/importera/", "/konto/lasta-konton/"):
            page.goto(site + path)
            problems[path] = serious_violations(page)

        link = re.search(r"http://\S+/konto/inbjudan/\S+/", mail.outbox[-1].body).group(0)
        page.context.clear_cookies()
        page.goto(link)
        screenshot(page, "accounts-accept")
        problems["accept"] = serious_violations(page)
        page.locator("#id_password1").fill("Bokhylla-2027-vinter")
        page.locator("#id_password2").fill("Bokhylla-2027-vinter")
        page.get_by_role("button", name="Skapa kontot").click()
        page.wait_for_url("**/mina-sidor/")
        assert "Bibliotek har ingen plan för 2027 än" in page.content()
        page.get_by_role("link", name="Mitt konto").click()
        page.wait_for_url("**/konto/mitt-konto/")
        screenshot(page, "accounts-own-account")
        problems["own account"] = serious_violations(page)
    assert not any(problems.values()), problems


def test_ten_wrong_passwords_lock_the_account(site, settings):
    settings.AXES_ENABLED = True
    with chromium_page() as page:
        for attempt in range(10):
            page.goto(site + "/konto/logga-in/")
            page.get_by_label("Användarnamn").fill("medlem")
            page.get_by_label("Lösenord").fill(f"fel-{attempt}")
            page.get_by_role("button", name="Logga in").click()
            page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Inloggningen är låst"
        assert "10 felaktiga lösenord" in page.content()
        screenshot(page, "accounts-locked")


def test_an_invitation_to_an_address_with_an_account_is_accepted_by_signing_in(site):
    """The link alone never sets the password of an account the address already has."""
    town = Municipality.objects.filter(is_member=True).order_by("code").first()
    person = Person.objects.create(
        first_name="Ella", last_name="Nilsson", municipality=town, email="ella.n@example.se"
    )
    Invitation.objects.create(
        person=person,
        email=person.email,
        token_hash=token_hash("browser-token-for-ella-0123456789"),
        expires_at=timezone.now() + timedelta(days=7),
    )
    # An account whose user name is the address (as invitations make them).
    get_user_model().objects.create_user(
        "ella.n@example.se", "ella.n@example.se", "Eget-losen-2027"
    )
    problems = {}
    with chromium_page(bypass_csp=True) as page:
        page.goto(site + "/konto/inbjudan/browser-token-for-ella-0123456789/")
        assert "tillhör redan ett konto" in page.content()
        assert page.locator("#id_password1").count() == 0
        screenshot(page, "accounts-accept-existing")
        problems["anonymous"] = serious_violations(page)
        page.get_by_role("link", name="Logga in").last.click()
        page.get_by_label("Användarnamn").fill("ella.n@example.se")
        page.get_by_label("Lösenord").fill("Eget-losen-2027")
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url("**/konto/inbjudan/browser-token-for-ella-0123456789/")
        screenshot(page, "accounts-accept-existing-signed-in")
        problems["signed in"] = serious_violations(page)
        page.get_by_role("button", name="Godkänn inbjudan").click()
        page.wait_for_url("**/mina-sidor/")
        assert "kopplad till ditt konto" in page.content()
    person.refresh_from_db()
    assert person.user.username == "ella.n@example.se"
    assert not any(problems.values()), problems
