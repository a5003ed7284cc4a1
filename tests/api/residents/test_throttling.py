"""Throttling per client address and per token (429, Retry-After, German problem
details), and CORS for the origins of the settings."""

import pytest
from django.core.cache import caches

from .conftest import client_with, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "resident": "3/minute"},
    }


def test_anonymous_requests_over_the_rate_get_a_429_with_retry_after(client, small_rates):
    for _request in range(3):
        assert client.get("/api/v1/municipalities/").status_code == 200
    response = client.get("/api/v1/municipalities/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 429
    assert body["title"] == "Zu viele Anfragen"
    assert body["detail"].startswith("Bitte warten Sie")


def test_another_client_address_has_its_own_count(client, small_rates):
    for _request in range(4):
        client.get("/api/v1/municipalities/")
    other = client.get("/api/v1/municipalities/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_requests_with_a_token_are_counted_per_token(renate, small_rates):
    first, second = client_with(sign_in(renate)), client_with(sign_in(renate))
    for _request in range(3):
        assert first.get("/api/v1/me/").status_code == 200
    assert first.get("/api/v1/me/").status_code == 429
    assert second.get("/api/v1/me/").status_code == 200


def test_guessed_tokens_are_counted_per_client_address(renate, small_rates):
    guesser = client_with("f" * 64)
    for _request in range(3):
        assert guesser.get("/api/v1/me/").status_code == 401
    assert guesser.get("/api/v1/me/").status_code == 429


def test_sign_in_attempts_are_throttled_per_client_address(client, small_rates, settings):
    settings.QUARTIER_SIGNIN_MAX_FAILURES = 100
    body = {"email": "x@example.org", "password": "x", "municipality": "gelsenkirchen"}
    for _request in range(3):
        client.post("/api/v1/auth/login/", body, content_type="application/json")
    response = client.post("/api/v1/auth/login/", body, content_type="application/json")
    assert response.status_code == 429


def test_the_counters_live_in_the_configured_rate_limit_cache(client, small_rates, settings):
    for _request in range(4):
        client.get("/api/v1/municipalities/")
    caches[settings.QUARTIER_RATELIMIT_CACHE].clear()
    assert client.get("/api/v1/municipalities/").status_code == 200


def test_an_allowed_origin_may_read_the_api(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    response = client.get("/api/v1/municipalities/", HTTP_ORIGIN="https://app.example.org")
    assert response["Access-Control-Allow-Origin"] == "https://app.example.org"


def test_another_origin_gets_no_cors_header(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    response = client.get("/api/v1/municipalities/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in response


def test_an_allowed_origin_may_send_a_token_with_a_post(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    response = client.options(
        "/api/v1/me/listings/",
        HTTP_ORIGIN="https://app.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert response["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "authorization" in response["Access-Control-Allow-Headers"]
