"""Shared fixtures: the Umeåregionen data set and one signed-in client per role."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from samverkan.datasets import demo, umearegionen


def pytest_configure(config):

    # Real hashing costs a third of a second per password; the suite signs in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _swedish():
    # Tests read messages as a Swedish user would; English pages are tested explicitly.
    with translation.override("sv"):
        yield


@pytest.fixture(autouse=True)
def _empty_public_cache():
    # The database rolls back between tests, the in-memory cache would not.

    cache.clear()
    yield


@pytest.fixture
def umearegionen_data(db):
    return umearegionen.load()


@pytest.fixture
def demo_data(umearegionen_data):
    demo.load_people()
    demo.load_plan_revision()
    return demo.ensure_accounts()


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
