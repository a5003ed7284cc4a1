"""Reads of pages for public surfaces. Every public listing of pages starts here."""

from django.db.models import QuerySet
from wagtail.models import Page, Site


def visible_pages(*, site: Site | None = None) -> QuerySet:
    """Pages any visitor may see: live, without a view restriction, in the given site.

    Provider profiles without a valid consent are left out: they must not appear on
    any public surface (search, sitemap, listings).
    """
    from cms.providers.selectors import unlisted_provider_ids

    pages = Page.objects.live().public().exclude(pk__in=unlisted_provider_ids())
    if site is not None:
        pages = pages.in_site(site)
    return pages
