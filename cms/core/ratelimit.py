"""Named rate limits whose counters live in the configured Django cache.

One small mechanism for every place that must count attempts: the sign-in forms today
(Wagtail admin, the exchange's resident sign-in, page passwords), later registration,
password reset, posting, messaging and reporting. A limit allows `hits` attempts per
`window` seconds for one key (an account, a client address); the attempt that reaches
the limit locks the key for `cooloff` seconds. Counters are in the cache named by
`QUARTIER_RATELIMIT_CACHE` (the default cache: Redis when `REDIS_URL` is set, so all app
processes share them; memory of one process otherwise).

    decision = ratelimit.check(SIGNIN_ACCOUNT, username)
    if decision.locked: ...  # decision.retry_after seconds, decision.until (aware time)
    ratelimit.hit(SIGNIN_ACCOUNT, username)    # count a failure
    ratelimit.reset(SIGNIN_ACCOUNT, username)  # after a success

Keys are hashed before they reach the cache, so no e-mail address or IP address is
stored there in clear text.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.utils import timezone


@dataclass(frozen=True)
class Limit:
    """A named limit: `hits` attempts per `window` seconds, then `cooloff` seconds locked.

    The numbers are read from settings when the limit is used, so that they can be
    changed per environment (and in tests) without redefining the limit.
    """

    name: str
    hits_setting: str
    window_setting: str
    cooloff_setting: str

    @property
    def hits(self) -> int:
        return int(getattr(settings, self.hits_setting))

    @property
    def window(self) -> int:
        return int(getattr(settings, self.window_setting))

    @property
    def cooloff(self) -> int:
        return int(getattr(settings, self.cooloff_setting))


@dataclass(frozen=True)
class Decision:
    """Whether a key may go on; when locked, for how long."""

    locked: bool
    retry_after: int = 0  # seconds

    @property
    def until(self) -> datetime:
        """When the key is free again (aware, UTC)."""
        return timezone.now() + timedelta(seconds=self.retry_after)


ALLOWED = Decision(locked=False)

# Sign-in: per account (the name typed in) and per client address. The address allows
# more, since a care home or a library may share one address among many residents.
SIGNIN_ACCOUNT = Limit(
    "signin-account",
    "QUARTIER_SIGNIN_MAX_FAILURES",
    "QUARTIER_SIGNIN_FAILURE_WINDOW",
    "QUARTIER_SIGNIN_COOLOFF",
)
SIGNIN_CLIENT = Limit(
    "signin-client",
    "QUARTIER_SIGNIN_MAX_FAILURES_PER_CLIENT",
    "QUARTIER_SIGNIN_FAILURE_WINDOW",
    "QUARTIER_SIGNIN_COOLOFF",
)


def _cache():
    return caches[getattr(settings, "QUARTIER_RATELIMIT_CACHE", "default")]


def _cache_key(limit: Limit, key: str, part: str) -> str:
    digest = hashlib.sha256(f"{limit.name}\0{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{limit.name}:{part}:{digest}"


def check(limit: Limit, key: str) -> Decision:
    """Whether `key` is locked under `limit` right now (counts nothing)."""
    locked_until = _cache().get(_cache_key(limit, key, "locked"))
    if locked_until is None:
        return ALLOWED
    remaining = int(locked_until - time.time())
    if remaining <= 0:
        return ALLOWED
    return Decision(locked=True, retry_after=remaining)


def hit(limit: Limit, key: str) -> Decision:
    """Count one attempt for `key`; the attempt that reaches the limit locks the key.

    `add` then `incr` is atomic in both the Redis and the local-memory cache, so
    concurrent processes never lose a count. The window starts at the first attempt.
    """
    cache = _cache()
    counter = _cache_key(limit, key, "count")
    cache.add(counter, 0, timeout=limit.window)
    try:
        count = cache.incr(counter)
    except ValueError:  # the counter expired between add and incr
        cache.add(counter, 1, timeout=limit.window)
        count = 1
    if count < limit.hits:
        return ALLOWED
    cooloff = limit.cooloff
    cache.set(_cache_key(limit, key, "locked"), time.time() + cooloff, timeout=cooloff)
    cache.delete(counter)
    return Decision(locked=True, retry_after=cooloff)


def reset(limit: Limit, key: str) -> None:
    """Forget the attempts and any lock of `key` (after a successful sign-in)."""
    _cache().delete_many([_cache_key(limit, key, "count"), _cache_key(limit, key, "locked")])


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, or with `QUARTIER_TRUST_X_FORWARDED_FOR`
    the address the (one, trusted) reverse proxy appended to X-Forwarded-For."""
    if getattr(settings, "QUARTIER_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR", "")


def too_many_requests(request, decision: Decision, message: str):
    """A 429 answer with Retry-After and the German explanation, for views that are
    limited as a whole (registration, posting, messaging) rather than through a form."""
    response = render(request, "core/too_many_requests.html", {"message": message}, status=429)
    response["Retry-After"] = str(max(1, decision.retry_after))
    return response
