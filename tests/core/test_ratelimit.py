"""The named rate limits of cms.core.ratelimit: counting, locking, resetting."""

import pytest
from django.core.cache import caches

from cms.core import ratelimit

LIMIT = ratelimit.Limit("test-limit", "TEST_LIMIT_HITS", "TEST_LIMIT_WINDOW", "TEST_LIMIT_COOLOFF")


@pytest.fixture(autouse=True)
def _numbers(settings):
    settings.TEST_LIMIT_HITS = 3
    settings.TEST_LIMIT_WINDOW = 600
    settings.TEST_LIMIT_COOLOFF = 900


def test_a_key_is_free_below_the_limit():
    ratelimit.hit(LIMIT, "renate")
    ratelimit.hit(LIMIT, "renate")
    assert not ratelimit.check(LIMIT, "renate").locked


def test_the_attempt_that_reaches_the_limit_locks_the_key_for_the_cooloff():
    for _ in range(2):
        ratelimit.hit(LIMIT, "renate")
    decision = ratelimit.hit(LIMIT, "renate")
    assert decision.locked
    assert decision.retry_after == 900
    assert ratelimit.check(LIMIT, "renate").locked
    assert 890 <= ratelimit.check(LIMIT, "renate").retry_after <= 900


def test_keys_are_counted_apart():
    for _ in range(3):
        ratelimit.hit(LIMIT, "renate")
    assert not ratelimit.check(LIMIT, "bernd").locked


def test_reset_forgets_failures_and_lock():
    for _ in range(3):
        ratelimit.hit(LIMIT, "renate")
    ratelimit.reset(LIMIT, "renate")
    assert not ratelimit.check(LIMIT, "renate").locked
    ratelimit.hit(LIMIT, "renate")
    assert not ratelimit.check(LIMIT, "renate").locked


def test_the_numbers_come_from_the_settings(settings):
    settings.TEST_LIMIT_HITS = 1
    assert ratelimit.hit(LIMIT, "renate").locked


def test_counters_live_in_the_configured_cache_with_hashed_keys(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit-test",
        },
    }
    settings.QUARTIER_RATELIMIT_CACHE = "ratelimit"
    shared = caches["ratelimit"]
    for _ in range(3):
        ratelimit.hit(LIMIT, "renate@example.org")
    keys = list(shared._cache)
    assert keys
    assert not any("renate" in key for key in keys)
    assert not caches["default"].get(ratelimit._cache_key(LIMIT, "renate@example.org", "locked"))
    shared.clear()
    assert not ratelimit.check(LIMIT, "renate@example.org").locked


def test_client_address_is_remote_addr_unless_the_proxy_is_trusted(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    assert ratelimit.client_address(request) == "10.0.0.1"
    settings.QUARTIER_TRUST_X_FORWARDED_FOR = True
    assert ratelimit.client_address(request) == "5.6.7.8"


def test_too_many_requests_answers_429_with_retry_after_and_the_message(rf, gelsenkirchen):
    for _ in range(3):
        decision = ratelimit.hit(LIMIT, "renate")
    request = rf.get("/")
    response = ratelimit.too_many_requests(request, decision, "Bitte warten Sie etwas.")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Bitte warten Sie etwas." in response.content.decode()
