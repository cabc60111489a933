"""The banner that says the people and values are invented follows the data, not DEBUG."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverkan.core.models import AuditEntry
from samverkan.datasets import demo_values
from samverkan.env import envflag
from samverkan.organisation.models import Cooperation

BANNER = 'class="demo-banner"'


def _home(client) -> str:
    return client.get(reverse("transparency:home")).content.decode()


@override_settings(DEBUG=True, DEMO=None)
def test_a_real_installation_run_with_debug_shows_no_banner(umearegionen_data, client):
    assert not Cooperation.objects.get().demo_data
    assert BANNER not in _home(client)
    login = client.get(reverse("accounts:login")).content.decode()
    assert "make run" not in login  # nor the hint about demo passwords


@override_settings(DEBUG=False, DEMO=None)
def test_the_demo_served_without_debug_says_so_until_cleared(umearegionen_data, client):
    call_command("demo")
    assert Cooperation.objects.get().demo_data
    assert AuditEntry.objects.filter(action="samverkan.cooperation.demo_marked").exists()
    html = _home(client)
    assert BANNER in html and "påhittade" in html
    assert "make run" in client.get(reverse("accounts:login")).content.decode()

    call_command("demo", "--clear")
    assert not Cooperation.objects.get().demo_data
    assert AuditEntry.objects.filter(action="samverkan.cooperation.demo_cleared").exists()
    # The public page was cached with the banner; clearing the flag clears that cache too.
    assert BANNER not in _home(client)


@pytest.mark.parametrize(("forced", "flag", "shown"), [(True, False, True), (False, True, False)])
def test_the_setting_forces_the_banner_either_way(umearegionen_data, client, forced, flag, shown):
    Cooperation.objects.update(demo_data=flag)
    with override_settings(DEMO=forced):
        assert (BANNER in _home(client)) is shown


def test_the_banner_costs_no_query_of_its_own(umearegionen_data, client):
    url = reverse("accounts:login")  # not cached: rendered each time
    with override_settings(DEMO=False), CaptureQueriesContext(connection) as off:
        client.get(url)
    Cooperation.objects.update(demo_data=True)
    with override_settings(DEMO=None), CaptureQueriesContext(connection) as on:
        html = client.get(url).content.decode()
    assert BANNER in html
    assert len(on) == len(off)


@override_settings(PRODUCTION=True, DEMO=None)
def test_production_mode_loads_no_demo_unless_forced(umearegionen_data):
    with pytest.raises(CommandError):
        call_command("demo")
    assert not Cooperation.objects.get().demo_data


def test_the_setting_is_unset_on_or_off_and_nothing_else(monkeypatch):
    monkeypatch.delenv("SAMVERKAN_DEMO", raising=False)
    assert envflag("SAMVERKAN_DEMO") is None
    for raw, value in (("1", True), ("off", False), ("", None)):
        monkeypatch.setenv("SAMVERKAN_DEMO", raw)
        assert envflag("SAMVERKAN_DEMO") is value
    monkeypatch.setenv("SAMVERKAN_DEMO", "ja")
    with pytest.raises(ImproperlyConfigured):
        envflag("SAMVERKAN_DEMO")


def test_an_upgraded_database_with_the_demos_values_keeps_its_banner(umearegionen_data):
    """The migration that brings the flag marks a database whose values are the demo's."""
    migration = import_module("samverkan.organisation.migrations.0008_cooperation_demo_data")
    Cooperation.objects.update(demo_data=False)
    migration.mark_existing_demos(django_apps, None)
    assert not Cooperation.objects.filter(demo_data=True).exists()
    demo_values.load_values()
    migration.mark_existing_demos(django_apps, None)
    assert Cooperation.objects.get().demo_data
