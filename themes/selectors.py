"""Reads for the public site's frame: the theme of a page, the portal's service pages,
the pages in easy language.

Each answers in one query however deep the page sits, so every page type pays the
same small, constant price for its frame.
"""

from django.db.models import Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Page, Site

from cms.core.selectors import outside_view_restrictions

from .models import Theme


def _ancestor_paths(page: Page) -> list[str]:
    """The tree paths of the page and its ancestors, computed without a query."""
    step = Page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def theme_for_page(page: Page) -> Theme | None:
    """The theme chosen by the nearest district or portal home above (or at) the page.

    None means that no one chose: the built-in default applies.
    """
    return _theme_of_nearest(Page.objects.filter(path__in=_ancestor_paths(page)))


def theme_for_site(site: Site | None) -> Theme | None:
    """The theme of the site's portal, for views that are not pages (search, exchange)."""
    if site is None:
        return None
    return _theme_of_nearest(Page.objects.filter(pk=site.root_page_id))


def _theme_of_nearest(pages: QuerySet) -> Theme | None:
    holders = (
        pages.annotate(chosen_theme=Coalesce("districthomepage__theme", "portalhomepage__theme"))
        .filter(chosen_theme__isnull=False)
        .order_by("-depth")
        .values("chosen_theme")[:1]
    )
    return Theme.objects.filter(pk=Subquery(holders)).select_related("logo", "header_image").first()


def public_translations(translation_keys: list) -> QuerySet:
    """The live pages of the given translation keys that any visitor may see.

    Like Wagtail's `.live().public()`, with the view restrictions checked in the same
    query (`outside_view_restrictions`).
    """
    return (
        Page.objects.filter(outside_view_restrictions(), translation_key__in=translation_keys)
        .live()
        .select_related("locale")
    )


def service_pages(portals: list[Page]) -> QuerySet:
    """The live accessibility statement, easy-language and sign-language pages directly
    below the given portals (a portal and its translations)."""
    from .models import AccessibilityStatementPage, EasyLanguageIndexPage, SignLanguagePage

    condition = Q(pk__in=[])
    for portal in portals:
        condition |= Q(path__startswith=portal.path, depth=portal.depth + 1)
    return (
        Page.objects.filter(condition)
        .type(AccessibilityStatementPage, EasyLanguageIndexPage, SignLanguagePage)
        .live()
        .filter(outside_view_restrictions())
        .select_related("content_type")
    )


def easy_language_pages(*, site: Site, locale_id: int) -> QuerySet:
    """Visible pages of the site in the locale that are marked as easy language."""
    from cms.core.selectors import visible_pages

    marked = Q(pk__in=[])
    for model in _base_page_models():
        marked |= Q(**{f"{model._meta.model_name}__is_easy_language": True})
    return (
        visible_pages(site=site)
        .filter(marked, locale_id=locale_id)
        .exclude(depth__lte=2)
        .order_by("path")
    )


def _base_page_models():
    from wagtail.models import get_page_models

    from cms.core.models import BasePage

    # Only concrete models whose table holds the flag: subclasses of subclasses
    # (none today) would reach it through their parent.
    return [
        model
        for model in get_page_models()
        if issubclass(model, BasePage) and model._meta.get_parent_list() == [Page]
    ]
