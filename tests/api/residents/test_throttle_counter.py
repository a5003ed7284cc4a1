"""The API's throttle as a fixed-window counter: 304 answers count like full ones, per
client address and per token, and each request costs one increment of one number."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.api.throttling import ClientRateThrottle
from tests.exchange.factories import ListingFactory

from .conftest import client_with, sign_in

pytestmark = pytest.mark.django_db

LISTINGS = "/api/v1/listings/"
# A resident endpoint: only there does a token authenticate (public ones count per address).
ME = "/api/v1/me/"
# The start of a minute: windows are counted from the epoch in whole minutes.
WINDOW_START = 1_000_020.0


@pytest.fixture
def small_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "resident": "3/minute"},
    }


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, set by the test (seconds since the epoch)."""

    class Clock:
        now = WINDOW_START + 10

    monkeypatch.setattr(ClientRateThrottle, "timer", lambda self: Clock.now)
    return Clock


@pytest.fixture
def listing(gelsenkirchen, django_capture_on_commit_callbacks):
    """A listing, committed as far as the content version goes (the version is bumped as
    a commit would), so that anonymous answers come from the response cache."""
    with django_capture_on_commit_callbacks(execute=True):
        return ListingFactory(municipality=gelsenkirchen.municipality)


def _etag(client, **headers) -> str:
    response = client.get(LISTINGS, **headers)
    assert response.status_code == 200
    return response["ETag"]


def test_anonymous_304_answers_over_the_rate_get_a_429_with_retry_after(client, listing, settings):
    etag = _etag(client)
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "resident": "3/minute"},
    }
    caches[settings.QUARTIER_RATELIMIT_CACHE].clear()
    for _request in range(3):
        assert client.get(LISTINGS, HTTP_IF_NONE_MATCH=etag).status_code == 304
    refused = client.get(LISTINGS, HTTP_IF_NONE_MATCH=etag)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60


def test_anonymous_304_answers_are_counted_per_client_address(client, listing, small_rates):
    etag = _etag(client)
    for _request in range(3):
        client.get(LISTINGS, HTTP_IF_NONE_MATCH=etag)
    assert client.get(LISTINGS, HTTP_IF_NONE_MATCH=etag).status_code == 429
    other = client.get(LISTINGS, HTTP_IF_NONE_MATCH=etag, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 304


def test_304_answers_with_a_token_are_counted_per_token(renate, small_rates):
    first, second = client_with(sign_in(renate)), client_with(sign_in(renate))
    etag = first.get(ME)["ETag"]
    for _request in range(2):
        assert first.get(ME, HTTP_IF_NONE_MATCH=etag).status_code == 304
    refused = first.get(ME, HTTP_IF_NONE_MATCH=etag)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert second.get(ME, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_retry_after_is_the_rest_of_the_window(client, small_rates, clock):
    clock.now = WINDOW_START + 10
    for _request in range(3):
        assert client.get("/api/v1/municipalities/").status_code == 200
    refused = client.get("/api/v1/municipalities/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "50"


def test_the_count_starts_anew_in_the_next_window(client, small_rates, clock):
    for _request in range(4):
        client.get("/api/v1/municipalities/")
    clock.now = WINDOW_START + 60
    assert client.get("/api/v1/municipalities/").status_code == 200


def test_refused_requests_stay_refused_until_the_window_ends(client, small_rates, clock):
    for _request in range(4):
        client.get("/api/v1/municipalities/")
    clock.now = WINDOW_START + 59
    assert client.get("/api/v1/municipalities/").status_code == 429


def test_a_client_is_counted_by_one_number_per_window(client, small_rates, clock, settings):
    for _request in range(2):
        client.get("/api/v1/municipalities/")
    key = ClientRateThrottle()._key("127.0.0.1")
    stored = caches[settings.QUARTIER_RATELIMIT_CACHE].get(f"{key}:{int(WINDOW_START // 60)}")
    assert stored == 2


class _CountingCache:
    """The rate-limit cache, counting the calls that reach it."""

    def __init__(self, cache):
        self.cache, self.calls = cache, []

    def __getattr__(self, name):
        attribute = getattr(self.cache, name)
        if name in ("get", "set", "add", "incr", "get_many", "set_many", "delete"):

            def counted(*args, **kwargs):
                self.calls.append(name)
                return attribute(*args, **kwargs)

            return counted
        return attribute


def test_an_anonymous_304_costs_one_counter_increment(client, listing, settings, monkeypatch):
    etag = _etag(client)
    counting = _CountingCache(caches[settings.QUARTIER_RATELIMIT_CACHE])
    monkeypatch.setattr(ClientRateThrottle, "cache", counting)
    assert client.get(LISTINGS, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert counting.calls == ["incr"]


def test_an_anonymous_304_on_listings_costs_one_query_the_content_version(client, listing):
    etag = _etag(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LISTINGS, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(queries) <= 1, [q["sql"][:200] for q in queries.captured_queries]
