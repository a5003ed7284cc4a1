"""Bounded cost of PDFs: cached until the content changes, and limited per client.

Laying out a PDF costs a few tenths of a second of a core, so a PDF view must neither
render the same document again for every anonymous request nor let one client render
without end. `bounded_pdf` wraps such a view:

- For anonymous GET and HEAD requests, a 200 answer is kept in the cache named by
  `QUARTIER_PDF_CACHE`, keyed by the content version (`cms.core.content_version`),
  the host, the path with its query, the language and the day; the next request for the
  same document is answered from there without a query or a render. Any change to public
  content starts a new version, so a cached PDF is never older than the content.
- Every request that renders (a cache miss, a signed-in person's PDF) counts against
  `PDF_CLIENT` for its client address; past the limit the answer is a 429 page in plain
  German with Retry-After.

    @bounded_pdf()
    def programme_pdf(request, district_slug): ...

    @bounded_pdf(cacheable=False)   # personal documents are never cached
    def certificate_pdf(request, pk): ...
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import content_version, ratelimit, response_cache

PDF_CLIENT = ratelimit.Limit(
    "pdf-client",
    "QUARTIER_PDF_MAX_PER_CLIENT",
    "QUARTIER_PDF_WINDOW",
    "QUARTIER_PDF_COOLOFF",
)

TOO_MANY_MESSAGE = _(
    "Von Ihrem Anschluss wurden in kurzer Zeit sehr viele PDF-Dateien erstellt. Bitte "
    "warten Sie etwas und versuchen Sie es dann noch einmal. Die Seite zum Drucken "
    "können Sie jederzeit auch ohne PDF über Ihren Browser drucken."
)

# Headers of a PDF answer that are stored with its bytes.
_KEPT_HEADERS = ("Content-Type", "Content-Disposition")
CACHE_HEADER = "X-Quartier-PDF-Cache"


def _cache():
    return caches[getattr(settings, "QUARTIER_PDF_CACHE", "default")]


def cache_key(request) -> str | None:
    """The key of this request's PDF under the current content version; None while this
    connection holds uncommitted changes (nothing may be cached under them)."""
    version = content_version.for_request(request)
    if not version.cacheable:
        return None
    parts = (
        version.token,
        request.get_host(),
        request.get_full_path(),
        get_language() or "",
        timezone.localdate().isoformat(),  # "this week", expiry and "printed on" move daily
    )
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    return f"pdf:{digest[:40]}"


def _cacheable_request(request) -> bool:
    user = getattr(request, "user", None)
    anonymous = user is None or not user.is_authenticated
    return anonymous and request.method in ("GET", "HEAD")


def _from_cache(stored) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    response[CACHE_HEADER] = "hit"
    return response


def bounded_pdf(*, cacheable: bool = True):
    """Wrap a view that answers with a PDF: cache (public only) and limit per client."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            key = cache_key(request) if cacheable and _cacheable_request(request) else None
            if key is not None:
                stored = _cache().get(key)
                if stored is not None:
                    return response_cache.not_cached(_from_cache(stored))
            client = ratelimit.client_address(request)
            decision = ratelimit.check(PDF_CLIENT, client)
            if decision.locked:
                return ratelimit.too_many_requests(request, decision, str(TOO_MANY_MESSAGE))
            ratelimit.hit(PDF_CLIENT, client)
            response = view(request, *args, **kwargs)
            if (
                key is not None
                and response.status_code == 200
                and not getattr(response, "streaming", False)
                and not response.cookies
            ):
                headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
                _cache().set(
                    key,
                    (response.content, headers),
                    timeout=int(settings.QUARTIER_PDF_CACHE_TIMEOUT),
                )
                response[CACHE_HEADER] = "miss"
            # Kept here, in front of the limit: not a second time in the response cache.
            return response_cache.not_cached(response)

        return wrapper

    return decorator
