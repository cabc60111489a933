"""Property-based: schemathesis generates requests from the OpenAPI schema, valid and
invalid, and checks that no answer is a 5xx or falls outside the schema (status codes,
content type, headers, body)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from tests.transparency_helpers import load_portal

# Read from the application itself, as a client would; the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def portal(demo_data):
    load_portal()


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same cases every run: a failure in CI can be reproduced
)
def test_api_conforms_to_its_schema(case, portal):
    case.call_and_validate()
