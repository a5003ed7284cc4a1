"""Throttling of the API: per client address when anonymous, per token when signed in.

DRF's throttles, with their counters in the cache that holds every other rate limit
(`QUARTIER_RATELIMIT_CACHE`, shared by all app processes when Redis is configured) and
keys hashed like cms.core.ratelimit's, so that no address or token is stored in clear.
The rates are read from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` on every request
(`anon`, `resident`), so that settings changes apply without a restart of the class.
A refused request is a 429 with Retry-After and a problem-details body (cms.api.errors).

Each client has one counter per fixed window of the rate's duration (a minute): every
request costs one atomic `incr` (an `add` when the window's first request creates the
counter), whatever the rate. DRF's own SimpleRateThrottle keeps a list of timestamps
per client and reads, trims and rewrites it on every request, which at high rates cost
more than a whole 304 answer (bench/README.md, session 5). A fixed window lets a client
send up to twice the rate across a window's boundary, never more.
"""

import hashlib
import math

from django.conf import settings
from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from cms.core.ratelimit import client_address

from .models import ResidentToken


def _count(cache, key: str, timeout: int) -> int:
    """Add one to the counter `key` and return the new count (atomic in Redis and in the
    local-memory cache, so concurrent processes never lose a request)."""
    try:
        return cache.incr(key)
    except ValueError:  # the window's first request
        if cache.add(key, 1, timeout=timeout):
            return 1
        return cache.incr(key)  # another process added it in between


class _ConfiguredCacheThrottle(SimpleRateThrottle):
    """A fixed-window counter per client in the rate-limit cache."""

    @property
    def cache(self):
        return caches[getattr(settings, "QUARTIER_RATELIMIT_CACHE", "default")]

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def _key(self, ident: str) -> str:
        digest = hashlib.sha256(f"{self.scope}\0{ident}".encode()).hexdigest()[:32]
        return f"api-throttle:{self.scope}:{digest}"

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = math.floor(self.now / self.duration)
        self.window_ends = (window + 1) * self.duration
        # The counter outlives its window (it is made during it), and a new window
        # starts a new counter, so the count never carries over.
        count = _count(self.cache, f"{key}:{window}", timeout=self.duration)
        return count <= self.num_requests

    def wait(self):
        """Seconds until the window ends and the client may send again."""
        return max(self.window_ends - self.now, 1)


class ClientRateThrottle(_ConfiguredCacheThrottle):
    """Requests without a resident token, counted per client address.

    Staff signed in to the Wagtail admin (whose admin API is a DRF view too) are not
    counted here, as DRF's AnonRateThrottle did not count them.
    """

    scope = "anon"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ResidentToken) or request.user.is_authenticated:
            return None
        return self._key(client_address(request))


class ResidentTokenRateThrottle(_ConfiguredCacheThrottle):
    """Requests with a resident's token, counted per token."""

    scope = "resident"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ResidentToken):
            return None
        return self._key(request.auth.digest)
