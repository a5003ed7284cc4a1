"""The API throttle's cost per request, against DRF's list of timestamps (issue 12, item 7).

    python scripts/throwaway_postgres.py -- .venv/bin/python bench/throttle_bench.py

A client that has sent N requests in the current minute sends one more: how long the
throttle takes to count it, for the project's fixed-window counter
(cms.api.throttling.ClientRateThrottle) and for DRF's SimpleRateThrottle with the same
key and cache, which reads, trims, extends and rewrites a list of N timestamps. N is
600 (the production rate per minute), 6,000 and 30,000 (about what the load run of
api_bench.py sends from its one address in a minute on a quiet machine, with the
benchmark's rate of 1,000,000 a minute). The cache is the test settings' local-memory
rate-limit cache, as in api_bench.py's gunicorn workers. Median of 200 requests.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from rest_framework.request import Request  # noqa: E402
from rest_framework.throttling import SimpleRateThrottle  # noqa: E402

from cms.api.throttling import ClientRateThrottle  # noqa: E402
from cms.core.ratelimit import client_address  # noqa: E402

RATE = "1000000/minute"
SENT = (600, 6_000, 30_000)
REQUESTS = 200


class Counter(ClientRateThrottle):
    rate = RATE


class TimestampList(SimpleRateThrottle):
    """DRF's own algorithm, with the project's key and cache."""

    rate = RATE
    scope = "anon"
    cache = Counter.cache
    _key = ClientRateThrottle._key

    def get_cache_key(self, request, view):
        return self._key(client_address(request))


def _request():
    request = Request(RequestFactory().get("/api/v1/listings/"))
    request.user = AnonymousUser()
    request._auth = None
    return request


def _prefill(throttle_class, sent: int) -> None:
    throttle = throttle_class()
    throttle.cache.clear()
    key = throttle.get_cache_key(_request(), None)
    now = time.time()
    if throttle_class is TimestampList:
        # Newest first, within the last minute, as DRF keeps them.
        throttle.cache.set(key, [now - i * 50 / sent for i in range(sent)], 60)
    else:
        window = int(now // throttle.duration)
        throttle.cache.set(f"{key}:{window}", sent, 60)


def _median_us(throttle_class, sent: int) -> float:
    _prefill(throttle_class, sent)
    request, timings = _request(), []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        allowed = throttle_class().allow_request(request, None)
        timings.append((time.perf_counter() - started) * 1_000_000)
        if not allowed:
            raise RuntimeError(f"{throttle_class.__name__} refused a request")
    return statistics.median(timings)


def main() -> None:
    print(f"load average {'/'.join(f'{v:.1f}' for v in os.getloadavg())}")
    print("| requests sent this minute | fixed-window counter | DRF's timestamp list |")
    print("|---|---|---|")
    for sent in SENT:
        counter = _median_us(Counter, sent)
        timestamps = _median_us(TimestampList, sent)
        print(f"| {sent:,} | {counter:,.0f} µs | {timestamps:,.0f} µs |")
    print(f"load average {'/'.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
