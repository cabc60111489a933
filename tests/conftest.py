"""Shared fixtures: the Umeåregionen data set and one signed-in client per role."""

import tempfile
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django_tasks_db.management.commands import db_worker

from samverkan.datasets import demo, umearegionen
from tests.second_factor import second_factor_done
from tests.snapshots import load_once, snapshots


def pytest_configure(config):

    # Real hashing costs a third of a second per password; the suite signs in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run inside the request in tests (test_documents_in_background.py also
    # runs them through a worker), and their files go to a folder of the run's own.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="samverkan-media-")
    # Django's test Client.login() authenticates without a request, which axes refuses; the
    # lockout is tested with axes switched on (tests/test_lockout.py).
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _swedish():
    # Tests read messages as a Swedish user would; English pages are tested explicitly.
    with translation.override("sv"):
        yield


@pytest.fixture(autouse=True)
def _second_factor_after_sign_in(request, monkeypatch):
    """The secretariat and administrators pass the second factor on sign-in, as if they had
    typed the app's code (tests/second_factor.py); `real_second_factor` tests do it for real."""
    if request.node.get_closest_marker("real_second_factor"):
        yield
        return
    login, force_login = Client.login, Client.force_login

    def login_then_code(self, **credentials):
        signed_in = login(self, **credentials)
        if signed_in:
            second_factor_done(self)
        return signed_in

    def force_login_then_code(self, user, backend=None):
        force_login(self, user, backend)
        second_factor_done(self, user)

    monkeypatch.setattr(Client, "login", login_then_code)
    monkeypatch.setattr(Client, "force_login", force_login_then_code)
    yield


@pytest.fixture(autouse=True)
def _empty_public_cache():
    # The database rolls back between tests, the in-memory cache would not.
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _data_from_the_start():
    # Every test starts from the empty database; what its fixtures load is counted from there.
    with snapshots.watching():
        yield


@pytest.fixture
def umearegionen_data(db):
    # Loaded once per session, written back per test (tests/snapshots.py). The loaders still
    # run from the empty database where they are tested (test_loader.py, test_demo_data.py).
    return load_once("umearegionen", umearegionen.load)


def _demo():
    demo.load_people()
    demo.load_plan_revision()
    accounts = demo.ensure_accounts()
    demo.mark_loaded(True)  # as `samverkan demo` does: the pages say the people are invented
    return accounts


@pytest.fixture
def demo_data(umearegionen_data):
    return load_once("demo", _demo)


# A day in the demo's year under way: 2025 reported on, 2026's plans approved and their reports
# not yet due, 2027 open for planning. test_desk reads its rows on this day too.
DEMO_NOW = datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))
_STARTED = time.monotonic()


@pytest.fixture
def demo_today():
    """For a test whose outcome hangs on today's date (what is overdue, which year is under
    way): it runs on 28 November 2026 whenever it runs. The date is fixed, the clock ticks on
    from one such test to the next, so rows kept from an earlier test (tests/snapshots.py) are
    never later than the ones this test writes."""
    with time_machine.travel(DEMO_NOW + timedelta(seconds=time.monotonic() - _STARTED), tick=True):
        yield DEMO_NOW.date()


def _client_for(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=demo.DEMO_PASSWORD)
    return client


PERSONAS = {
    "visitor": None,
    "signed_in_visitor": "besokare",
    "group_member": "medlem",
    "contact_person": "kontaktperson",
    "secretariat": "kansli",
    "chief_executive": "kommunchef",
    "council_member": "regionrad",
    "administrator": "admin",
}


@pytest.fixture
def persona(demo_data):
    """persona("secretariat") -> a client signed in as that demo role (visitor: anonymous)."""

    def make(name: str) -> Client:
        username = PERSONAS[name]
        return Client() if username is None else _client_for(username)

    return make


@pytest.fixture
def run_worker(monkeypatch):
    """`samverkan worker --batch` on the database queue, inside the test's transaction.

    The worker checks its connection after each wake-up (close_old_connections), and a
    connection inside a test's transaction looks unusable to that check: on PostgreSQL it
    would be closed under the test. In production the check is right; here it is skipped.
    """
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("worker", "--batch")
