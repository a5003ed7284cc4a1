"""One version of everything the public sees, for caches that are never stale.

Every change that can alter a public page, feed or API answer (publishing, moving a
page, a consent withdrawn, a listing moderated, a theme changed, the day changing)
calls `bump()`. Whatever is cached for anonymous visitors is keyed by `current()`, so
the next request after a change misses the cache and is built anew.

This is the shared interface; the storage behind it (and the signals that call
`bump`) belong to the response cache work.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import caches
from django.utils import timezone

_KEY = "quartier:content-version"


@dataclass(frozen=True)
class ContentVersion:
    token: str
    changed_at: datetime


def _cache():
    return caches["default"]


def current() -> ContentVersion:
    """The version now; a fresh one when none is stored yet."""
    stored = _cache().get(_KEY)
    if stored is None:
        return bump()
    token, changed_at = stored
    return ContentVersion(token=token, changed_at=changed_at)


def bump() -> ContentVersion:
    """Start a new version: everything cached under the old one is out of date."""
    version = ContentVersion(token=uuid.uuid4().hex, changed_at=timezone.now())
    _cache().set(_KEY, (version.token, version.changed_at), timeout=None)
    return version
