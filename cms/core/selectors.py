"""Reads of pages for public surfaces. Every public listing of pages starts here."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site

from . import built_querysets, version_cache

# Apps register functions under this hook name that return the pks (a `values("pk")`
# queryset) of pages no public surface may show, whatever their state in Wagtail; the
# core applies them without knowing the apps' rules (see cms/providers/wagtail_hooks.py).
# The query a hook returns may depend on the content and on today's date, not on the
# time of day: `visible_pages` keeps the built query per day (cms.core.built_querysets).
HIDDEN_PAGES_HOOK = "exclude_from_visible_pages"


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


def view_restricted_paths(request=None) -> tuple[str, ...]:
    """The tree paths of the pages that carry a view restriction, in path order.

    With a request they are kept under the content version (saving or deleting a
    restriction and moving a page bump it), so the selectors of one request, and the
    requests after it until the next change, share one read instead of a query each;
    without one they are read now.
    """

    def build() -> tuple[str, ...]:
        return tuple(
            PageViewRestriction.objects.order_by("page__path")
            .values_list("page__path", flat=True)
            .distinct()
        )

    if request is None:
        return build()
    return version_cache.get_or_build(request, "view-restricted-paths", build)


def public_condition(path_field: str = "path", *, request=None) -> Q:
    """Wagtail's `.public()` as a condition: outside every view-restricted section.

    A restriction covers its page and every descendant, i.e. every page whose path
    starts with the restricted page's path (Wagtail's `descendant_of_q(inclusive=True)`;
    a descendant's depth follows from its longer path). The one rule behind every
    public selector; `path_field` names the page's path, e.g. "event__path" across a join.
    """
    return outside_paths(view_restricted_paths(request), path_field)


def outside_paths(paths, path_field: str = "path") -> Q:
    """Not on or below any of the pages at these tree paths."""
    condition = Q()
    for path in paths:
        condition &= ~Q(**{f"{path_field}__startswith": path})
    return condition


def visible_pages(*, site: Site | None = None, request=None) -> QuerySet:
    """Pages any visitor may see: live, without a view restriction, in the given site.

    What the apps hide through `HIDDEN_PAGES_HOOK` is left out, such as provider
    profiles without a valid consent and the events they organise: they must not appear
    on any public surface (search, sitemap, listings). With `request`, the view
    restrictions are read once per content version (see `view_restricted_paths`).
    """
    paths = view_restricted_paths(request)
    hidden = tuple(hooks.get_hooks(HIDDEN_PAGES_HOOK))

    def build() -> QuerySet:
        pages = Page.objects.live().filter(outside_paths(paths))
        for hidden_pages in hidden:
            pages = pages.exclude(pk__in=hidden_pages())
        return pages

    pages = built_querysets.built("visible_pages", (paths, hidden, timezone.localdate()), build)
    if site is not None:
        pages = pages.in_site(site)
    return pages
