"""Two-factor sign-in: required for the secretariat and administrators, optional for others."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.core.models import AuditEntry
from tests.second_factor import current_code

pytestmark = pytest.mark.real_second_factor


def _sign_in(username: str) -> Client:
    client = Client()
    client.post(
        reverse("accounts:login"),
        {"username": username, "password": "samverkan-demo", "next": "/mina-sidor/"},
    )
    return client


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_secretariat_must_set_up_then_use_a_second_factor(demo_data):
    client = _sign_in("kansli")
    # Every page sends the secretariat to the setup first.
    response = client.get("/mina-sidor/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))
    assert client.get(reverse("organisation:chart")).status_code == 302
    setup = client.get(response["Location"])
    html = setup.content.decode()
    assert "<svg" in html and "Ställ in tvåstegsinloggning" in html
    device = TOTPDevice.objects.get(user__username="kansli", confirmed=False)
    wrong = client.post(setup.request["PATH_INFO"], {"token": "000000", "next": "/mina-sidor/"})
    assert "Koden stämmer inte" in wrong.content.decode()
    done = client.post(
        reverse("accounts:mfa_setup"), {"token": _code(device), "next": "/mina-sidor/"}
    )
    codes = re.findall(r"<code>([a-z0-9]+)</code>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/mina-sidor/").status_code == 200
    assert AuditEntry.objects.filter(action="samverkan.account.second_factor_enabled").exists()

    # Next time: password, then the app's code (or a recovery code).
    again = _sign_in("kansli")
    response = again.get("/mina-sidor/")
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    bad = again.post(reverse("accounts:mfa_verify"), {"token": "123456", "next": "/mina-sidor/"})
    assert "Koden är fel" in bad.content.decode()
    ok = again.post(reverse("accounts:mfa_verify"), {"token": codes[0], "next": "/mina-sidor/"})
    assert ok.status_code == 302 and ok["Location"] == "/mina-sidor/"
    assert again.get("/mina-sidor/").status_code == 200
    # A recovery code works once.
    third = _sign_in("kansli")
    third.post(reverse("accounts:mfa_verify"), {"token": codes[0], "next": "/mina-sidor/"})
    assert third.get("/mina-sidor/").status_code == 302
    device.refresh_from_db()
    third.post(reverse("accounts:mfa_verify"), {"token": current_code(device), "next": "/"})
    assert third.get("/mina-sidor/").status_code == 200


def test_force_login_does_not_skip_the_second_factor(demo_data):
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    assert client.get(reverse("desk:my_page")).status_code == 302


def test_the_secretariat_cannot_turn_it_off(demo_data):
    client = _sign_in("kansli")
    device = TOTPDevice.objects.create(
        user=get_user_model().objects.get(username="kansli"), confirmed=True
    )
    client.post(reverse("accounts:mfa_verify"), {"token": _code(device)})
    client.post(reverse("accounts:mfa_disable"))
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_optional_for_a_group_member(demo_data):
    client = _sign_in("medlem")
    assert client.get(reverse("desk:my_page")).status_code == 200
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user__username="medlem")
    client.post(reverse("accounts:mfa_setup"), {"token": _code(device)})
    # Once on, it is asked for at every sign-in; and the member may turn it off again.
    again = _sign_in("medlem")
    assert again.get(reverse("desk:my_page")).status_code == 302
    again.post(reverse("accounts:mfa_verify"), {"token": current_code(device)})
    again.post(reverse("accounts:mfa_disable"))
    assert not TOTPDevice.objects.filter(user__username="medlem").exists()
    assert _sign_in("medlem").get(reverse("desk:my_page")).status_code == 200


def test_an_administrator_resets_a_lost_second_factor(demo_data):
    user = get_user_model().objects.get(username="kansli")
    TOTPDevice.objects.create(user=user, confirmed=True)
    call_command("reset_second_factor", "kansli", stdout=StringIO())
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="samverkan.account.second_factor_reset").exists()
    response = _sign_in("kansli").get(reverse("desk:my_page"))
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))


def test_after_a_wrong_code_it_says_to_wait_rather_than_that_the_code_is_wrong(demo_data):
    """django-otp's back-off after a wrong code refuses even the right one for a while: the
    person is told to wait, and for how long, not that the right code is wrong."""
    user = get_user_model().objects.get(username="kansli")
    device = TOTPDevice.objects.create(user=user, confirmed=True)
    client = _sign_in("kansli")
    wrong = client.post(reverse("accounts:mfa_verify"), {"token": "000000", "next": "/"})
    assert "Koden är fel" in wrong.content.decode()
    # Make the back-off long enough to be seen (four failures in a row: 8 seconds).
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=4)
    right = client.post(reverse("accounts:mfa_verify"), {"token": _code(device), "next": "/"})
    html = right.content.decode()
    assert right.status_code == 200
    assert "Koden är fel" not in html
    assert re.search(r"Vänta [1-8] sekunder", html), html
    assert "Koden du skrev har inte prövats" in html
    assert client.get("/mina-sidor/").status_code == 302
    # Once the wait is over, the right code works.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    ok = client.post(reverse("accounts:mfa_verify"), {"token": _code(device), "next": "/"})
    assert ok.status_code == 302


def test_setting_up_also_says_to_wait(demo_data):
    client = _sign_in("kansli")
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user__username="kansli", confirmed=False)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=4, throttling_failure_timestamp=timezone.now()
    )
    html = client.post(reverse("accounts:mfa_setup"), {"token": _code(device)}).content.decode()
    assert "Vänta" in html and "Koden stämmer inte" not in html


def test_a_code_used_already_is_called_used_not_wrong(demo_data):
    user = get_user_model().objects.get(username="kansli")
    device = TOTPDevice.objects.create(user=user, confirmed=True)
    code = _code(device)
    first = _sign_in("kansli")
    assert first.post(reverse("accounts:mfa_verify"), {"token": code}).status_code == 302
    again = _sign_in("kansli")
    html = again.post(reverse("accounts:mfa_verify"), {"token": code}).content.decode()
    assert "Den här koden har redan använts" in html and "Koden är fel" not in html


def test_before_the_second_factor_the_menu_offers_only_what_opens(demo_data):
    """The setup page shows no menu that only leads back to it: no desk, no admin, no search."""
    client = _sign_in("kansli")
    html = client.get(reverse("accounts:mfa_setup")).content.decode()
    assert "Ställ in tvåstegsinloggning" in html
    for hidden in ("Kansliets översikt", "Administration", 'role="search"', "Mina sidor"):
        assert hidden not in html, hidden
    assert "Logga ut" in html and "Öppna data" not in html
    # The accessibility statement stays linked, and open.
    assert client.get(reverse("transparency:accessibility")).status_code == 200
    # Once set up, the full menu is back.
    device = TOTPDevice.objects.get(user__username="kansli", confirmed=False)
    client.post(reverse("accounts:mfa_setup"), {"token": _code(device)})
    html = client.get(reverse("accounts:own_account")).content.decode()
    assert "Kansliets översikt" in html and "Administration" in html and "Mina sidor" in html
