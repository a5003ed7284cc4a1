"""Throttling of the API: per client address when anonymous, per token when signed in.

DRF's throttles, with their counters in the cache that holds every other rate limit
(`QUARTIER_RATELIMIT_CACHE`, shared by all app processes when Redis is configured) and
keys hashed like cms.core.ratelimit's, so that no address or token is stored in clear.
The rates are read from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` on every request
(`anon`, `resident`), so that settings changes apply without a restart of the class.
A refused request is a 429 with Retry-After and a problem-details body (cms.api.errors).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from cms.core.ratelimit import client_address

from .models import ResidentToken


class _ConfiguredCacheThrottle(SimpleRateThrottle):
    @property
    def cache(self):
        return caches[getattr(settings, "QUARTIER_RATELIMIT_CACHE", "default")]

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def _key(self, ident: str) -> str:
        digest = hashlib.sha256(f"{self.scope}\0{ident}".encode()).hexdigest()[:32]
        return f"api-throttle:{self.scope}:{digest}"


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
