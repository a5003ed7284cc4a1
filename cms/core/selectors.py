"""Reads of pages for public surfaces. Every public listing of pages starts here."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction, Site


def outside_view_restrictions(path_field: str = "path") -> Q:
    """No view restriction on the page or any ancestor, checked inside the query.

    Wagtail's `.public()` reads every restriction in a query of its own first; this
    condition keeps the check in the one query (a restriction applies when its page's
    path is a prefix of this page's path). `path_field` names the page's path, e.g.
    "event__path" across a join.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path_field), 1, Length("page__path"))
    )
    return ~Q(Exists(restricted))


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
