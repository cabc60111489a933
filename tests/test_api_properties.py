"""Property-based: schemathesis generates requests from the OpenAPI schema, valid and
invalid, and checks that no answer is a 5xx or falls outside the schema (status codes,
content type, headers, body)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.transparency_helpers import load_portal

# Read from the application itself, as a client would; the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.hook
def filter_query(context, query) -> bool:
    """The one rule the schema cannot state: from_year no later than to_year (else a 400)."""
    start, end = (query or {}).get("from_year"), (query or {}).get("to_year")
    return not (isinstance(start, int) and isinstance(end, int) and start > end)


@pytest.fixture
def portal(demo_data):
    load_portal()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI application directly fires request_finished, whose handler closes the
    database connection: on PostgreSQL that is the connection holding the test's transaction.
    Django's test client disconnects the handler for the same reason; so do we."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same cases every run: a failure in CI can be reproduced
)
def test_api_conforms_to_its_schema(case, portal):
    case.call_and_validate()
