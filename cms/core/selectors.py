"""Reads of pages for public surfaces. Every public listing of pages starts here."""

from django.db.models import QuerySet
from wagtail.models import Page, Site


def visible_pages(*, site: Site | None = None) -> QuerySet:
    """Pages any visitor may see: live, without a view restriction, in the given site.

    Provider profiles without a valid consent, and the events they organise, are left
    out: they must not appear on any public surface (search, sitemap, listings).
    """
    from cms.events.models import EventPage
    from cms.providers.selectors import unlisted_provider_ids

    unlisted = unlisted_provider_ids()
    events_of_unlisted = EventPage.objects.filter(organiser__in=unlisted).values("pk")
    pages = Page.objects.live().public().exclude(pk__in=unlisted).exclude(pk__in=events_of_unlisted)
    if site is not None:
        pages = pages.in_site(site)
    return pages
