"""Which portal, and so which municipality, a page or a request belongs to.

The one tenancy selector. The portal's page type lives in a content app (cms.home)
and declares `is_municipality_portal = True`; this module finds it among Wagtail's page
models, so that everything needing tenancy depends on the core only, not on the
portal's app and what that app loads.
"""

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from wagtail.models import Page, Site, get_page_models


@cache
def portal_page_model() -> type[Page]:
    """The page type that is the start page of a municipality's portal."""
    portals = [model for model in get_page_models() if model.__dict__.get("is_municipality_portal")]
    if len(portals) != 1:
        raise ImproperlyConfigured(
            "Exactly one page type must declare is_municipality_portal = True, "
            f"found {len(portals)}."
        )
    return portals[0]


def portal_pages() -> QuerySet:
    """All portal pages (one per municipality and language)."""
    return portal_page_model().objects.all()


def portal_for_page(page) -> Page | None:
    """The portal (and so the municipality) a page belongs to, itself included."""
    return portal_pages().ancestor_of(page, inclusive=True).select_related("municipality").first()


def portal_for_request(request) -> Page | None:
    """The portal whose Site answers this request (and so its municipality)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return portal_pages().filter(pk=site.root_page_id).select_related("municipality").first()
