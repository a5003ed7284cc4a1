"""Reads of pages for public surfaces. Every public listing of pages starts here."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site

# Apps register functions under this hook name that return the pks (a `values("pk")`
# queryset) of pages no public surface may show, whatever their state in Wagtail; the
# core applies them without knowing the apps' rules (see cms/providers/wagtail_hooks.py).
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


def visible_pages(*, site: Site | None = None) -> QuerySet:
    """Pages any visitor may see: live, without a view restriction, in the given site.

    What the apps hide through `HIDDEN_PAGES_HOOK` is left out, such as provider
    profiles without a valid consent and the events they organise: they must not appear
    on any public surface (search, sitemap, listings).
    """
    pages = Page.objects.live().public()
    for hidden_pages in hooks.get_hooks(HIDDEN_PAGES_HOOK):
        pages = pages.exclude(pk__in=hidden_pages())
    if site is not None:
        pages = pages.in_site(site)
    return pages
