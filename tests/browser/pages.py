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


@dataclass(frozen=True)
class PublicPage:
    """A public page to check: its path (or how to find it) and where it exists.

    `path` is the German path without a language prefix; `languages` are the languages
    it exists in (other languages get their /<code>/ prefix); `member` signs in that
    exchange member first; `status` is the HTTP status the page must answer with.
    """

    name: str
    path: str | Callable[[], str]
    languages: tuple[str, ...] = ("de",)
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


LANGUAGES = ["de", "ar"]

THEMES = [
    Theme("default"),
]

PAGES = [
    PublicPage("portal-home", "/"),
    PublicPage("district-home", "/schalke/"),
    PublicPage("standard-page", "/schalke/treffpunkte/"),
    PublicPage("standard-page-faq", "/ueber-uns/"),
    PublicPage("news-index", "/aktuelles/"),
    PublicPage("article", visible_page_path(ArticlePage)),
    PublicPage("provider-directory", "/anbieter/"),
    PublicPage("provider-directory-filtered", "/anbieter/?q=Einkauf&barrier_free=on"),
    PublicPage("provider-directory-no-results", "/anbieter/?q=Zeppelinwerft"),
    PublicPage("provider-profile", visible_page_path(ProviderPage)),
    PublicPage("calendar-list", "/veranstaltungen/?view=liste"),
    PublicPage("calendar-month", "/veranstaltungen/?view=monat"),
    PublicPage("calendar-week", "/veranstaltungen/?view=woche"),
    PublicPage("calendar-filtered", "/veranstaltungen/?district=schalke&free=on"),
    PublicPage("event", visible_page_path(EventPage)),
    PublicPage("search-results", "/suche/?q=Nachbarschaft", languages=("de", "ar")),
    PublicPage("search-empty", "/suche/", languages=("de", "ar")),
    PublicPage("exchange-list", exchange_path("listing_list"), languages=("de", "ar")),
    PublicPage("exchange-detail", public_listing_path, languages=("de", "ar")),
    PublicPage("exchange-register", exchange_path("register"), languages=("de", "ar")),
    PublicPage("exchange-login", exchange_path("login"), languages=("de", "ar")),
    PublicPage("exchange-my-listings", exchange_path("my_listings"), member=DEMO_MEMBER),
    PublicPage("exchange-listing-form", exchange_path("listing_create"), member=DEMO_MEMBER),
    PublicPage("not-found", "/gibt-es-nicht/", languages=("de", "ar"), status=404),
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
]
