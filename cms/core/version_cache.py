"""Data kept in the cache under the content version: never older than the last change.

For parts of public pages that are the same for every visitor (the page frame, the
calendar's filter choices): the key carries `cms.core.content_version.current()`, so
every change that can alter public output makes the old entries unreachable at once.
Only data is kept (values, model instances), never HTML that holds a CSRF token or a
CSP nonce (they differ per response); markup without either (the calendar's GET filter
form) may be kept like data.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.cache import caches
from django.utils import timezone

from . import content_version

# How long an entry may stay unused; a new content version makes it unreachable at
# once, this only lets the cache reclaim the space.
TIMEOUT_SECONDS = 24 * 60 * 60


def _token(request) -> str | None:
    """The request's content version; None while this connection holds uncommitted
    changes (nothing may be kept under it then)."""
    version = content_version.for_request(request)
    return version.token if version.cacheable else None


def get_or_build(request, key: str, build: Callable[[], Any]) -> Any:
    """The value stored under `key` in this content version, built and stored on a miss.

    `key` names the part and everything it depends on (site, language, page).
    """
    token = _token(request)
    if token is None:
        return build()
    cache = caches["default"]
    full_key = f"quartier:v:{token}:{key}"
    stored = cache.get(full_key)
    if stored is None:
        # Wrapped, so that an empty answer (no theme chosen) is kept too.
        stored = (build(),)
        cache.set(full_key, stored, TIMEOUT_SECONDS)
    return stored[0]


def get_or_build_until(request, key: str, build: Callable[[], tuple[Any, datetime | None]]) -> Any:
    """Like `get_or_build`, for a value that also changes with time alone.

    `build()` returns the value and the moment it may next change without any change of
    content (None: only a content change can change it), e.g. when the next of the dates
    it counts ends. From that moment on the stored value is built anew.
    """
    token = _token(request)
    if token is None:
        return build()[0]
    cache = caches["default"]
    full_key = f"quartier:v:{token}:{key}"
    stored = cache.get(full_key)
    now = timezone.now()
    if stored is None or (stored[1] is not None and now >= stored[1]):
        stored = build()
        cache.set(full_key, stored, TIMEOUT_SECONDS)
    return stored[0]
