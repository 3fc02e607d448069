"""The OpenAPI description at /api/v1/schema/, and schemathesis driving the feed with requests
generated from it (valid and invalid), checking every answer against it."""

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from recognition.models import ForceRecognitionSettings
from tests.factories import MessageFactory

SCHEMA = "/api/v1/schema/"


def test_the_schema_is_valid_openapi_3_and_describes_only_the_feed(client):
    response = client.get(SCHEMA)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {"/api/v1/messages/", "/api/v1/forces/"}
    assert set(schema["paths"]["/api/v1/messages/"]) == {"get"}


def test_the_schema_documents_the_pause_the_errors_and_the_caching_headers(client):
    schema = client.get(SCHEMA).json()
    operation = schema["paths"]["/api/v1/messages/"]["get"]
    components = schema["components"]["schemas"]

    assert set(operation["responses"]) == {"200", "304", "400", "404", "429"}
    assert {"ETag", "Cache-Control"} <= set(operation["responses"]["200"]["headers"])
    assert {"force", "station", "cursor", "page_size", "If-None-Match"} <= {
        p["name"] for p in operation["parameters"]
    }
    page = components["MessagePage"]
    assert set(page["required"]) == {"results", "next", "paused"}
    assert page["properties"]["paused"]["nullable"] is True
    assert set(components["Message"]["properties"]) == {
        "id",
        "message",
        "recipient",
        "from_name",
        "force",
        "station",
        "published_at",
    }


# Loaded from the app itself, at collection: building the schema needs no database.
feed = schemathesis.openapi.from_wsgi(SCHEMA, get_wsgi_application())


@pytest.fixture
def in_test_transaction():
    """The real WSGI handler closes old database connections around each request, which would
    close the test's own transaction: Django's test client stops that the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def small_wall(force_hub, other_force_hub, in_test_transaction):
    """Something to answer with: messages with and without a station or a signature, a paused force."""
    MessageFactory(force=force_hub, station=force_hub.stations.first(), published=True)
    MessageFactory(force=force_hub, published=True, from_name="")
    MessageFactory(force=other_force_hub, published=True)
    ForceRecognitionSettings.objects.create(force=other_force_hub, paused=True, holding_message="Paused")


@feed.parametrize()
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_feed_keeps_every_promise_of_its_schema(small_wall, case):
    # Many more requests than a minute's allowance: the throttle is tested on its own.
    rest_framework = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"feed": None}}
    # A cursor is opaque: only those the feed gave out are valid, which no schema can say, so a
    # made-up one is rightly a 400 (tests/recognition/test_feed.py); every other check still holds.
    excluded = [positive_data_acceptance] if (case.query or {}).get("cursor") else []
    with override_settings(REST_FRAMEWORK=rest_framework):
        case.call_and_validate(excluded_checks=excluded)
