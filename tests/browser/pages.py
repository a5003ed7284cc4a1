"""What the browser tests visit: public pages, themes, languages and screenshots, as data.

Adding a page type, a theme or a language is one line in one of the lists below; the
axe test runs every page in every theme and in each of the page's languages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, Site

from cms.core.selectors import visible_pages
from cms.events.models import EventPage
from cms.home.models import DistrictHomePage, PortalHomePage
from cms.news.models import ArticlePage
from cms.places.models import SocialSpace
from cms.printing.weeks import IsoWeek
from cms.providers.models import ProviderPage
from exchange.selectors import public_listings
from themes.enums import Contrast
from themes.models import Theme as ThemeModel
from themes.preferences import COOKIE_NAME, DisplayPreferences

# A resident of Gelsenkirchen from the demo (cms/demo/exchange.py), approved, with listings.
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


def _public_listing_pk() -> int:
    listing = public_listings().filter(municipality__slug="gelsenkirchen").order_by("pk").first()
    assert listing is not None, "the demo has no public listing in Gelsenkirchen"
    return listing.pk


def public_listing_path() -> str:
    return exchange_path("listing_detail", pk=_public_listing_pk())()


def listing_notice_path() -> str:
    return exchange_path("listing_notice", pk=_public_listing_pk())()


def next_weeks_programme_path(*, large_print: bool = False) -> Callable[[], str]:
    """Schalke's programme for next week: the demo's events lie ahead of today, so the
    current week may be nearly over and empty."""

    def path() -> str:
        week = IsoWeek.containing(timezone.localdate() + timedelta(days=7))
        with translation.override(settings.LANGUAGE_CODE):
            url = reverse("printing:programme", args=["schalke"])
        return f"{url}?woche={week}" + ("&gross=1" if large_print else "")

    return path


def social_space_programme_path() -> str:
    """The weekly programme of a Schalke social space that has events in the demo."""
    space = (
        SocialSpace.objects.filter(district__slug="schalke", events__isnull=False)
        .order_by("name")
        .first()
    )
    assert space is not None, "the demo links no Schalke social space to an event"
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("printing:social_space_programme", args=[space.district.slug, space.slug])


# The languages every view of the site answers in: German without a prefix, the others
# under /<code>/ (i18n_patterns). Arabic is the right-to-left one.
LANGUAGES = ("de", "ar")
# The languages the demo's Wagtail pages are translated into. The demo translates the
# Gelsenkirchen portal, the Schalke home and its "Treffpunkte" page (cms/demo/themes.py);
# an untranslated page answers in German under /ar/ with a notice (PortalHomePage.route),
# so the calendar and the directory are checked in Arabic too (FALLBACK_LANGUAGES).
PAGE_LANGUAGES = ("de",)
TRANSLATED_PAGE_LANGUAGES = ("de", "ar")
FALLBACK_LANGUAGES = ("de", "ar")


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
    # axe rules this page may break on purpose, each with the reason (see INFO_SCREEN_RULES).
    allowed_rules: dict[str, str] = field(default_factory=dict)

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


@contextmanager
def _worn_everywhere(theme_name: str) -> Iterator[None]:
    """Give the Gelsenkirchen portal and all its district homes (every language) one
    theme, and put the demo's choice back after.

    The public pages read the theme from these rows on every request, so an update of
    the rows is all it takes; no revision is needed for a look that lasts one test.
    """
    theme = ThemeModel.objects.get(name=theme_name)
    portals = PortalHomePage.objects.filter(municipality__slug="gelsenkirchen")
    districts = DistrictHomePage.objects.filter(district__municipality__slug="gelsenkirchen")
    chosen = {
        model: dict(rows.values_list("pk", "theme_id"))
        for model, rows in ((PortalHomePage, portals), (DistrictHomePage, districts))
    }
    portals.update(theme=theme)
    districts.update(theme=theme)
    try:
        yield
    finally:
        for model, theme_ids in chosen.items():
            for pk, theme_id in theme_ids.items():
                model.objects.filter(pk=pk).update(theme_id=theme_id)


def themed(theme_name: str) -> Callable[..., AbstractContextManager]:
    return lambda page: _worn_everywhere(theme_name)


@contextmanager
def _high_contrast(page) -> Iterator[None]:
    """The visitor's high-contrast switch, which overrides every theme: its cookie."""
    value = DisplayPreferences(contrast=Contrast.HIGH).to_cookie()
    # The live server listens on 127.0.0.1 (conftest.site_server).
    cookie = {"name": COOKIE_NAME, "value": value, "domain": "127.0.0.1", "path": "/"}
    page.context.add_cookies([cookie])
    try:
        yield
    finally:
        page.context.clear_cookies(name=COOKIE_NAME)


# "demo" is the demo as it is: the portal's theme (the built-in default colours),
# Schalke royal blue below Schalke, Hüllen green below Hüllen. The others put one theme
# on every page of the portal. The first theme is checked in every language; the others
# change colours only, so they are checked in German (see test_accessibility.CASES).
THEMES = [
    Theme("demo"),
    Theme("koenigsblau", applied=themed("Schalke königsblau")),
    Theme("gruen", applied=themed("Hüllen grün")),
    Theme("rot", applied=themed("Delbrück rot")),
    Theme("hoher-kontrast", applied=_high_contrast),
]

# The info screen reloads itself every few minutes (<meta http-equiv="refresh">), which
# axe's meta-refresh rule forbids for pages people operate (WCAG 2.2.1). Nobody operates
# the screen in a district centre's window: it has no links or controls, and it must
# stay current without a touch (issue 6). Only this rule is waived, only on this page.
INFO_SCREEN_RULES = {
    "meta-refresh": "a kiosk display that nobody operates must refresh itself",
}

PAGES = [
    wagtail_page("portal-home", "/", languages=TRANSLATED_PAGE_LANGUAGES),
    wagtail_page("district-home", "/schalke/", languages=TRANSLATED_PAGE_LANGUAGES),
    wagtail_page("standard-page", "/schalke/treffpunkte/", languages=TRANSLATED_PAGE_LANGUAGES),
    wagtail_page("standard-page-faq", "/ueber-uns/"),
    wagtail_page("news-index", "/aktuelles/", languages=FALLBACK_LANGUAGES),
    wagtail_page("article", visible_page_path(ArticlePage)),
    wagtail_page("provider-directory", "/anbieter/", languages=FALLBACK_LANGUAGES),
    wagtail_page("provider-directory-filtered", "/anbieter/?q=Einkauf&barrier_free=on"),
    wagtail_page("provider-directory-no-results", "/anbieter/?q=Zeppelinwerft"),
    wagtail_page("provider-profile", visible_page_path(ProviderPage)),
    wagtail_page("calendar-list", "/veranstaltungen/?view=liste", languages=FALLBACK_LANGUAGES),
    wagtail_page("calendar-month", "/veranstaltungen/?view=monat", languages=FALLBACK_LANGUAGES),
    wagtail_page("calendar-week", "/veranstaltungen/?view=woche"),
    wagtail_page("calendar-filtered", "/veranstaltungen/?district=schalke&free=on"),
    wagtail_page("event", visible_page_path(EventPage)),
    wagtail_page("accessibility-statement", "/barrierefreiheit/"),
    wagtail_page("easy-language-start", "/leichte-sprache/"),
    wagtail_page("easy-language-page", "/schalke/stadtteilbuero-leichte-sprache/"),
    wagtail_page("sign-language", "/gebaerdensprache/"),
    wagtail_page("info-screen", "/schalke/infobildschirm/", allowed_rules=INFO_SCREEN_RULES),
    PublicPage("print-programme", next_weeks_programme_path()),
    PublicPage("print-programme-large", next_weeks_programme_path(large_print=True)),
    PublicPage("print-programme-social-space", social_space_programme_path),
    PublicPage("print-listing-notice", listing_notice_path),
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
    theme: str = "demo"
    language: str = "de"
    media: str = "screen"


PAGES_BY_NAME = {public_page.name: public_page for public_page in PAGES}
THEMES_BY_NAME = {theme.name: theme for theme in THEMES}

SCREENSHOTS = [
    Screenshot("district-home-koenigsblau-de", page="district-home", theme="koenigsblau"),
    Screenshot("district-home-gruen-de", page="district-home", theme="gruen"),
    Screenshot("district-home-hoher-kontrast-de", page="district-home", theme="hoher-kontrast"),
    Screenshot("district-home-demo-ar", page="district-home", language="ar"),
    Screenshot("exchange-list-demo-ar", page="exchange-list", language="ar"),
    Screenshot("print-programme-demo-de", page="print-programme", media="print"),
    Screenshot("print-programme-large-demo-de", page="print-programme-large", media="print"),
    Screenshot("print-listing-notice-demo-de", page="print-listing-notice", media="print"),
    Screenshot("info-screen-demo-de", page="info-screen"),
    Screenshot("calendar-list-demo-ar", page="calendar-list", language="ar"),
]
