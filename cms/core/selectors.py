"""Reads of pages for public surfaces. Every public listing of pages starts here."""

from django.db.models import QuerySet
from wagtail.models import Page, Site


def visible_pages(*, site: Site | None = None) -> QuerySet:
    """Pages any visitor may see: live, without a view restriction, in the given site."""
    pages = Page.objects.live().public()
    if site is not None:
        pages = pages.in_site(site)
    return pages
