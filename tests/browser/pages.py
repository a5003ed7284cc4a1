"""What the browser tests visit: public pages, themes, languages and screenshots, as data.

Adding a page type, a theme or a language is one line in one of the lists below; the
axe test runs every page in every theme and in each of the page's languages.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from cms.core.selectors import visible_pages
from cms.events.models import EventPage
from cms.news.models import ArticlePage
from cms.providers.models import ProviderPage
from exchange.selectors import public_listings

# A resident of Gelsenkirchen from the demo (exchange/demo.py), approved, with listings.
DEMO_MEMBER = "renate.s@quartier.invalid"


def visible_page_path(model: type[Page]) -> Callable[[], str]:
    """The path of the first page of `model` a visitor of the default Site may see
    (for providers: a listed one, since `visible_pages` leaves out the others)."""

    def path() -> str:
        site = Site.objects.get(is_default_site=True)
        page = visible_pages(site=site).type(model).order_by("path").first()
        assert page is not None, f"the demo has no visible {model.__name__}"
        return page.get_url_parts()[2]

    return path


def exchange_path(name: str, **kwargs) -> Callable[[], str]:
    """The German path of one of the exchange's URLs."""

    def path() -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return reverse(f"exchange:{name}", kwargs=kwargs)

    return path


def public_listing_path() -> str:
    listing = public_listings().filter(municipality__slug="gelsenkirchen").order_by("pk").first()
    assert listing is not None, "the demo has no public listing in Gelsenkirchen"
    return exchange_path("listing_detail", pk=listing.pk)()


# The languages every view of the site answers in: German without a prefix, the others
# under /<code>/ (i18n_patterns). Arabic is the right-to-left one.
LANGUAGES = ("de", "ar")
# The languages the demo's Wagtail pages are translated into; an untranslated page
# answers 404 under /ar/.
PAGE_LANGUAGES = ("de",)


@dataclass(frozen=True)
class PublicPage:
    """A public page to check: its path (or how to find it) and where it exists.

    `path` is the German path without a language prefix; `languages` are the languages
    it exists in (all, unless it is a Wagtail page); `member` signs in that exchange
    member first; `status` is the HTTP status the page must answer with.
    """

    name: str
    path: str | Callable[[], str]
    languages: tuple[str, ...] = LANGUAGES
    member: str | None = None
    status: int = 200

    def url_path(self, language: str) -> str:
        path = self.path if isinstance(self.path, str) else self.path()
        prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        return f"{prefix}{path}"


@dataclass(frozen=True)
class Theme:
    """A look of the site. `applied(page)` is a context manager that switches the
    browser page (or the data it shows) to this theme and back."""

    name: str
    applied: Callable[..., AbstractContextManager] = nullcontext


def wagtail_page(name: str, path, **options) -> PublicPage:
    """A Wagtail page: it exists in the languages it is translated into."""
    options.setdefault("languages", PAGE_LANGUAGES)
    return PublicPage(name, path, **options)


THEMES = [
    Theme("default"),
]

PAGES = [
    wagtail_page("portal-home", "/"),
    wagtail_page("district-home", "/schalke/"),
    wagtail_page("standard-page", "/schalke/treffpunkte/"),
    wagtail_page("standard-page-faq", "/ueber-uns/"),
    wagtail_page("news-index", "/aktuelles/"),
    wagtail_page("article", visible_page_path(ArticlePage)),
    wagtail_page("provider-directory", "/anbieter/"),
    wagtail_page("provider-directory-filtered", "/anbieter/?q=Einkauf&barrier_free=on"),
    wagtail_page("provider-directory-no-results", "/anbieter/?q=Zeppelinwerft"),
    wagtail_page("provider-profile", visible_page_path(ProviderPage)),
    wagtail_page("calendar-list", "/veranstaltungen/?view=liste"),
    wagtail_page("calendar-month", "/veranstaltungen/?view=monat"),
    wagtail_page("calendar-week", "/veranstaltungen/?view=woche"),
    wagtail_page("calendar-filtered", "/veranstaltungen/?district=schalke&free=on"),
    wagtail_page("event", visible_page_path(EventPage)),
    PublicPage("search-results", "/suche/?q=Nachbarschaft"),
    PublicPage("search-empty", "/suche/"),
    PublicPage("exchange-list", exchange_path("listing_list")),
    PublicPage("exchange-detail", public_listing_path),
    PublicPage("exchange-register", exchange_path("register")),
    PublicPage("exchange-login", exchange_path("login")),
    PublicPage("exchange-my-listings", exchange_path("my_listings"), member=DEMO_MEMBER),
    PublicPage("exchange-listing-form", exchange_path("listing_create"), member=DEMO_MEMBER),
    PublicPage("not-found", "/gibt-es-nicht/", status=404),
]


@dataclass(frozen=True)
class Screenshot:
    """A picture the test run leaves in test-artifacts/screenshots/<name>.png: the
    named entry of PAGES in a theme and language, on screen or as printed (`media`)."""

    name: str
    page: str
    theme: str = "default"
    language: str = "de"
    media: str = "screen"


PAGES_BY_NAME = {public_page.name: public_page for public_page in PAGES}
THEMES_BY_NAME = {theme.name: theme for theme in THEMES}

SCREENSHOTS = [
    Screenshot("district-home-default-de", page="district-home"),
    Screenshot("exchange-list-default-ar", page="exchange-list", language="ar"),
]
