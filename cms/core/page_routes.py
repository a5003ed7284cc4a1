"""Wagtail's page routing of GET and HEAD requests, kept under the content version.

To find the page of an address Wagtail walks the tree from the Site's root on every
request: the active locale, the root's specific row, then for each segment of the path
the child's row and its specific row, and the view restrictions of the page found
(five queries for the calendar, six for an event). The answer depends only on content
(the tree, slugs, live flags, restrictions: every change of them bumps the content
version), on the language and, through the apps' own `route()` rules, on today's date
(a provider's consent valid until a day); so `serve` keeps it under the content
version for the Site, language, day and path, and hands Wagtail's own view the route
it found (`request._wagtail_route_for_request`, where `Page.route_for_request` keeps
it). Everything after the routing (the view restrictions' check against this request,
`before_serve_page` hooks, serving) runs as before, on every request.

What a route sets on the request (`shows_untranslated_page`, see
`cms.home.models.PortalHomePage.route`) is kept with it and set again. Addresses
without a page are not kept: a scan of made-up addresses must not fill the cache.
"""

import hashlib

from django.utils import timezone
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.urls import serve_pattern

from . import version_cache

__all__ = ["serve", "serve_pattern"]

# What a `route()` may set on the request, kept with the route.
ROUTE_REQUEST_FLAGS = ("shows_untranslated_page",)


class _NoPage(Exception):
    """No page answers the address: nothing is kept (see `serve`)."""


def serve(request, path):
    """Wagtail's `serve` view, with the route from the version cache for GET and HEAD."""
    if request.method in ("GET", "HEAD") and not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        if site is not None:
            _route_from_cache(request, path, site)
    return wagtail_views.serve(request, path)


def _route_from_cache(request, path: str, site: Site) -> None:
    def build():
        route = Page.route_for_request(request, path)
        if route is None:
            raise _NoPage
        page = route[0]
        # Wagtail's check of the restrictions runs on every request; that there are
        # none here (the common case) is content, and saves it the query.
        page.view_restrictions_known_empty = not page.get_view_restrictions().exists()
        flags = {
            name: getattr(request, name) for name in ROUTE_REQUEST_FLAGS if hasattr(request, name)
        }
        return route, flags

    digest = hashlib.blake2b(path.encode(), digest_size=16).hexdigest()
    key = f"page-route:{site.pk}:{get_language()}:{timezone.localdate():%Y-%m-%d}:{digest}"
    try:
        route, flags = version_cache.get_or_build(request, key, build)
    except _NoPage:
        return  # Wagtail's view answers 404 from the route kept on the request.
    request._wagtail_route_for_request = route
    for name, value in flags.items():
        setattr(request, name, value)
