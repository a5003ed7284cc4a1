"""What every public page shows around its content: theme, languages, service links.

`SiteFrame` is built once per request, page and language by the `site_frame` template
tag and answers from a fixed number of queries (theme, translations, service pages,
menu, breadcrumbs), whatever page type or view it frames.

What it reads is the same for every visitor (live, public pages only), so it is kept
in the configured cache, keyed by site, language, page and the content version
(`cms.core.version_cache`): every change that can alter a public page starts a new
version, so the frame is never older than the last change, and a warm frame costs no
query at all, for anonymous and signed-in visitors alike. Only data is cached (pages,
the theme), never HTML: the CSRF token and the CSP nonce differ per response.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import cached_property
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms.core import language_prefix, version_cache

from . import selectors


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


@dataclass(frozen=True)
class ServiceLink:
    kind: str
    page: Page
    url: str


class SiteFrame:
    def __init__(self, request, page: Page | None):
        self.request = request
        self.page = page if isinstance(page, Page) and page.pk else None
        self.language = get_language() or settings.LANGUAGE_CODE

    def cached(self, part: str, build: Callable, *, per_page: bool = True):
        """A part of the frame from the cache, built (and stored) on a miss.

        `per_page` parts differ by page (theme, translations, breadcrumbs); the others
        only by site and language (menu, service pages).
        """
        page_key = (self.page.pk if self.page is not None else "-") if per_page else "*"
        site_key = self.site.pk if self.site is not None else "-"
        return version_cache.get_or_build(
            self.request, f"frame:{site_key}:{self.language}:{page_key}:{part}", build
        )

    @cached_property
    def site(self) -> Site | None:
        return Site.find_for_request(self.request)

    @cached_property
    def theme(self):
        if self.page is not None:
            return self.cached("theme", lambda: selectors.theme_for_page(self.page))
        return self.cached("theme", lambda: selectors.theme_for_site(self.site))

    @cached_property
    def _translations(self) -> list[Page]:
        """Live, public translations of the current page and of the site's portal, one
        query: a translation behind a view restriction is neither linked nor named."""
        keys = []
        if self.page is not None:
            keys.append(self.page.translation_key)
        if self.site is not None:
            keys.append(self.site.root_page.translation_key)
        return self.cached("translations", lambda: list(selectors.public_translations(keys)))

    def _by_language(self, translation_key) -> dict[str, Page]:
        return {
            page.locale.language_code: page
            for page in self._translations
            if page.translation_key == translation_key
        }

    @cached_property
    def portals(self) -> dict[str, Page]:
        if self.site is None:
            return {}
        return self._by_language(self.site.root_page.translation_key)

    @cached_property
    def portal(self) -> Page | None:
        """The portal in the current language, else the site's own root."""
        if self.site is None:
            return None
        return self.portals.get(self.language) or self.site.root_page

    @cached_property
    def page_translations(self) -> dict[str, Page]:
        if self.page is None:
            return {}
        return self._by_language(self.page.translation_key)

    @cached_property
    def languages(self) -> list[LanguageLink]:
        """One link per language that has something to show: the translation of this
        page if it is live, else the portal's home in that language. Views that are not
        pages (search, exchange) exist in every language under its prefix."""
        links = []
        for code, name in settings.LANGUAGES:
            if code == self.language:
                url = self.request.get_full_path()
            elif self.page is None:
                url = translate_url(self.request.path, code)
            elif target := self.page_translations.get(code) or self.portals.get(code):
                with language_prefix.own_addresses():
                    url = target.get_url(self.request)
            else:
                continue
            links.append(LanguageLink(code, name, url, is_current=code == self.language))
        return links

    @cached_property
    def alternates(self) -> list[tuple[str, str]]:
        """(language, full URL) of this page's live translations for <link rel=alternate>."""
        with language_prefix.own_addresses():
            return [
                (code, page.get_full_url(self.request))
                for code, page in sorted(self.page_translations.items())
            ]

    @cached_property
    def service_links(self) -> dict[str, ServiceLink]:
        """The portal's accessibility, easy-language and sign-language pages, in the
        current language where translated, else in the portal's own language."""
        if self.site is None:
            return {}
        portals = [self.site.root_page]
        if self.portal is not None and self.portal.pk != self.site.root_page_id:
            portals.append(self.portal)
        links: dict[str, ServiceLink] = {}
        pages = self.cached(
            "service_pages",
            lambda: list(selectors.service_pages(portals).order_by("-depth", "path")),
            per_page=False,
        )
        for page in pages:
            kind = page.content_type.model
            in_current_language = page.path.startswith(self.portal.path)
            if kind not in links or in_current_language:
                links[kind] = ServiceLink(
                    kind, page, language_prefix.localized_url(page.get_url(self.request))
                )
        return links

    @property
    def accessibility_statement(self) -> ServiceLink | None:
        return self.service_links.get("accessibilitystatementpage")

    @property
    def easy_language(self) -> ServiceLink | None:
        return self.service_links.get("easylanguageindexpage")

    @property
    def sign_language(self) -> ServiceLink | None:
        return self.service_links.get("signlanguagepage")
