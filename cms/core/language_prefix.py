"""Links on a page shown under a language's prefix stay under that prefix.

Under /ar/, /en/, /tr/ and /uk/ a page that is not translated yet answers in German
(`PortalHomePage.route`). Every link on it to another German page would take the
visitor out of their language (/veranstaltungen/… instead of /ar/veranstaltungen/…),
so the interface around the next page would be German too. While a public request
under such a prefix is served, `BasePage.get_url_parts` puts German pages' addresses
under the same prefix, where the translation answers if there is one and the German
page, marked as untranslated, if not. The admin, the API, feeds and mails have no
prefix and keep every page's own address.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

_serving_language: ContextVar[str | None] = ContextVar("quartier_prefix_language", default=None)


def _prefix_of(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    codes = {code for code, _name in settings.LANGUAGES}
    return first if first in codes and first != settings.LANGUAGE_CODE else None


def serving_language() -> str | None:
    """The language prefix of the public request being served (None: no prefix)."""
    return _serving_language.get()


def localized_path(page_path: str) -> str:
    """`page_path` under the prefix of the request being served, if it has none of its own."""
    language = _serving_language.get()
    if language is None or page_path is None:
        return page_path
    first = page_path.lstrip("/").split("/", 1)[0]
    if first in {code for code, _name in settings.LANGUAGES}:
        return page_path
    return f"/{language}{page_path}"


def localized_url(url: str | None) -> str | None:
    """`localized_path` for an address that may carry a scheme and host (`Page.get_url`
    of a page that Wagtail holds as a plain `Page`, not its specific class)."""
    if not url:
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=localized_path(parts.path)))


@contextmanager
def own_addresses() -> Iterator[None]:
    """Pages' own addresses, e.g. for the link to the German original in the language switcher."""
    token = _serving_language.set(None)
    try:
        yield
    finally:
        _serving_language.reset(token)


class LanguagePrefixMiddleware:
    """Remembers the language prefix of the public request being served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _serving_language.set(_prefix_of(request.path_info))
        try:
            return self.get_response(request)
        finally:
            _serving_language.reset(token)
