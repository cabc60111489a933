"""Brute-force protection: ten wrong passwords lock the account; the secretariat unlocks it."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from samverkan.core.models import AuditEntry


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def _try(client, password, username="medlem"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_ten_wrong_passwords_lock_the_account(demo_data, axes_on):
    client = Client()
    for _ in range(9):
        response = _try(client, "fel")
        assert response.status_code == 200
    locked = _try(client, "fel")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Inloggningen är låst" in html and "10 felaktiga lösenord" in html
    assert "be kansliet" in html
    # Even the right password is refused now, from another address too.
    assert _try(Client(REMOTE_ADDR="10.1.2.3"), "samverkan-demo").status_code == 429
    assert AuditEntry.objects.filter(action="samverkan.account.locked_out").exists()

    kansli = Client()
    kansli.force_login(get_user_model().objects.get(username="kansli"))
    page = kansli.get(reverse("accounts:lockouts")).content.decode()
    assert "medlem" in page
    for attempt in AccessAttempt.objects.all():
        kansli.post(reverse("accounts:unlock", args=[attempt.pk]))
    assert AuditEntry.objects.filter(action="samverkan.account.unlocked").exists()
    response = _try(Client(), "samverkan-demo")
    assert response.status_code == 302


def test_only_the_secretariat_sees_and_unlocks(persona):
    assert persona("group_member").get(reverse("accounts:lockouts")).status_code == 403
    assert persona("chief_executive").post(reverse("accounts:unlock", args=[1])).status_code == 403
    assert persona("secretariat").get(reverse("accounts:lockouts")).status_code == 200
