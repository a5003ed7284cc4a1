"""Whole responses of anonymous GETs, cached under the content version: never stale.

`ResponseCacheMiddleware` keeps the finished response of an anonymous GET (status,
headers, body) in the configured cache under a key made of the content version
(cms.core.content_version), the local date, the full URL with its query, the language,
the display-preference cookie and the Accept header. Any change that can show bumps
the version and the date turns over at midnight, so the next request after either
misses and is built anew; an entry of an old version is never read again and expires.

The same version gives every cached response its validators: `ETag: W/"<version>-<day>-
<variant>"` and `Last-Modified` (the later of the version's time and local midnight).
A conditional request that matches is answered 304 after one query (the version) and a
look-up of the cache key, before any content is read.

What is never cached, so nothing personal reaches anyone else:
- requests with a session or messages cookie (anyone signed in, or with a pending
  notice), with an `Authorization` header (API tokens), or other than GET/HEAD;
- responses other than 200, streamed ones, those that set a cookie, carry
  `Cache-Control: private/no-cache/no-store`, vary on anything not in the key, contain
  a CSRF token (a form), were rendered while the connection held uncommitted changes,
  or were marked with `not_cached` (they show the time of day: the info screen).

Gates: an app whose answers are limited per client (the API's throttle) registers a
gate for its address prefix (`register_gate`); it runs before an answer comes from the
cache (a hit or a 304) and may refuse it with its own response, so a cached answer
counts against the limit like a built one.

The CSP nonce: inline `<style>` elements carry the request's nonce (themes' `:root`
rule), which must differ per response. The nonce the cached body was rendered with is
stored with it and, on the way out, replaced by this request's nonce (reading it puts
it into this response's CSP header); the stored CSP header is dropped so that
django-csp builds it anew. So a page from the cache replays no one's nonce.
"""

import hashlib
import math
from collections.abc import Callable
from datetime import datetime, time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import http_date

from . import content_version

# Headers not replayed from the cache: the outer middleware sets them per request.
_NOT_STORED = frozenset(
    {
        "content-security-policy",
        "content-security-policy-report-only",
        "content-length",
        "date",
        "set-cookie",
        "etag",
        "last-modified",
    }
)
# Headers a response may vary on and still be cached: each is in the key, or requests
# that carry it are never answered from the cache.
_VARY_KEYED = frozenset({"accept", "accept-language", "cookie", "authorization", "origin"})
_NEVER_CACHE = ("private", "no-cache", "no-store")
_CSRF_FIELD = b"csrfmiddlewaretoken"


_gates: list[tuple[str, Callable[[HttpRequest], HttpResponse | None]]] = []


def register_gate(prefix: str, gate: Callable[[HttpRequest], HttpResponse | None]) -> None:
    """Run `gate(request)` before a request under `prefix` is answered from the cache.

    The gate returns a response to send instead (e.g. a 429), or None to go on.
    """
    if (prefix, gate) not in _gates:
        _gates.append((prefix, gate))


def _refusal(request: HttpRequest) -> HttpResponse | None:
    for prefix, gate in _gates:
        if request.path_info.startswith(prefix):
            refusal = gate(request)
            if refusal is not None:
                return refusal
    return None


class ResponseCacheMiddleware:
    """Serve anonymous GETs from the cache and answer their conditional requests with 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not _eligible(request):
            return self.get_response(request)
        # Read once per request: the cached Site (cms.core.middleware) may have read it.
        version = content_version.for_request(request)
        # For caches inside the page (the page frame): the version of this request,
        # without reading it again.
        request.content_version = version
        if not version.cacheable:
            return self.get_response(request)
        today = timezone.localdate()
        variant = _variant(request)
        key = _key(version.token, today.isoformat(), variant)
        cache = _cache()
        if _is_conditional(request):
            # The validators alone, without reading the stored body.
            meta = _unexpired(cache.get(f"{key}:meta"))
            if meta is not None:
                validators = HttpResponse()
                etag, last_modified = _validators(validators, version, today, variant, meta)
                answer = get_conditional_response(
                    request, etag=etag, last_modified=last_modified, response=validators
                )
                if answer.status_code == 304:
                    return _refusal(request) or answer
        stored = _unexpired(cache.get(key))
        if stored is not None:
            refusal = _refusal(request)
            if refusal is not None:
                return refusal
            response = _replay(request, stored)
        else:
            response = self.get_response(request)
            if request.method != "GET" or not _storable(request, response):
                return response
            stored = _entry(request, response)
            timeout = _timeout(stored)
            if timeout > 0:
                meta = {"changes_at": stored["changes_at"]}
                cache.set_many({key: stored, f"{key}:meta": meta}, timeout=timeout)
        etag, last_modified = _validators(response, version, today, variant, stored)
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )


def _validators(response, version, today, variant: str, stored: dict) -> tuple[str, int | None]:
    """ETag and Last-Modified of an answer, set on `response`.

    An answer that changes by itself at a time of day has no honest Last-Modified; its
    ETag (which names that time) is what a 304 is decided by.
    """
    etag = f'W/"{version.token[:16]}-{today:%Y%m%d}-{variant[:16]}{_generation(stored)}"'
    response["ETag"] = etag
    if stored.get("changes_at") is not None:
        return etag, None
    last_modified = int(_last_modified(version.changed_at, today).timestamp())
    response["Last-Modified"] = http_date(last_modified)
    return etag, last_modified


def changes_at(request: HttpRequest, when: datetime | None) -> None:
    """This answer shows something that changes by itself at `when` without any edit (the
    next date of an event that begins, an upcoming date that ends): it is kept in the
    cache until then at most, so it is never older than that moment either."""
    if when is None or request is None:
        return
    earlier = getattr(request, "_quartier_changes_at", None)
    request._quartier_changes_at = when if earlier is None else min(earlier, when)


def _timeout(stored: dict) -> int:
    timeout = settings.QUARTIER_RESPONSE_CACHE_TIMEOUT
    if stored.get("changes_at") is not None:
        remaining = stored["changes_at"] - timezone.now().timestamp()
        timeout = min(timeout, math.floor(remaining))
    return timeout


def _unexpired(stored: dict | None) -> dict | None:
    """The stored answer, unless the time it changes by itself has come (the cache's own
    timeout is counted in whole seconds)."""
    if stored is None:
        return None
    changes_at = stored.get("changes_at")
    if changes_at is not None and changes_at <= timezone.now().timestamp():
        return None
    return stored


def _generation(stored: dict) -> str:
    """Part of the ETag: an answer rebuilt after the time it changed by itself differs
    from the one before, under the same content version and day."""
    changes_at = stored.get("changes_at")
    return "" if changes_at is None else f"-{int(changes_at)}"


def not_cached(response: HttpResponse) -> HttpResponse:
    """Keep this response out of the cache: it shows the time of day (a screen's clock),
    which neither the content version nor the date in the key follows, or it is kept in
    a cache of its own that must see every request (the PDFs' limit per client)."""
    response.quartier_not_cached = True
    return response


def _cache():
    return caches[settings.QUARTIER_RESPONSE_CACHE_ALIAS]


def _eligible(request: HttpRequest) -> bool:
    if not settings.QUARTIER_RESPONSE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(tuple(settings.QUARTIER_RESPONSE_CACHE_EXCLUDED_PREFIXES)):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return not (settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies)


def _variant(request: HttpRequest) -> str:
    """A digest of everything besides the version that selects the response."""
    parts = [
        request.get_host(),
        request.get_full_path(),
        translation.get_language() or "",
        # What the API reads (Accept-Language, the language cookie), which the address
        # does not show outside the language prefixes; one of the site's languages.
        translation.get_language_from_request(request, check_path=False),
        request.META.get("HTTP_ACCEPT", ""),
        *(request.COOKIES.get(name, "") for name in settings.QUARTIER_RESPONSE_CACHE_COOKIES),
    ]
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=16).hexdigest()


def _key(token: str, day: str, variant: str) -> str:
    return f"quartier:response:{token}:{day}:{variant}"


def _last_modified(changed_at: datetime, today) -> datetime:
    """The later of the version's time and local midnight: the date is in the key too."""
    midnight = timezone.make_aware(datetime.combine(today, time.min))
    return max(changed_at, midnight)


def _is_conditional(request: HttpRequest) -> bool:
    return "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(response, "quartier_not_cached", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in _NEVER_CACHE):
        return False
    vary = {h.strip().lower() for h in cc_delim_re.split(response.get("Vary", "")) if h.strip()}
    if not vary <= _VARY_KEYED:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or _CSRF_FIELD in response.content:
        return False
    if len(response.content) > settings.QUARTIER_RESPONSE_CACHE_MAX_BYTES:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    # Rendered from uncommitted data (a write during this request): not under this key.
    return not content_version.has_pending_changes()


def _entry(request: HttpRequest, response: HttpResponse) -> dict:
    nonce = getattr(request, "_csp_nonce", None)
    return {
        "status": response.status_code,
        "headers": [
            (name, value) for name, value in response.items() if name.lower() not in _NOT_STORED
        ],
        "content": response.content,
        "nonce": nonce if isinstance(nonce, str) else None,
        "changes_at": _changes_at_of(request),
    }


def _changes_at_of(request: HttpRequest) -> float | None:
    when = getattr(request, "_quartier_changes_at", None)
    return None if when is None else when.timestamp()


def _replay(request: HttpRequest, stored: dict) -> HttpResponse:
    content = stored["content"]
    if stored["nonce"]:
        # Reading the nonce is what makes django-csp put it into this response's header.
        fresh = str(request.csp_nonce)
        content = content.replace(
            f'nonce="{stored["nonce"]}"'.encode(), f'nonce="{fresh}"'.encode()
        )
    response = HttpResponse(content, status=stored["status"])
    for name, value in stored["headers"]:
        response[name] = value
    return response
