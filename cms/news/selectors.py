"""Reads of articles for public pages. Visibility (live, public) is applied here only."""

from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.core.selectors import outside_view_restrictions

ARTICLES_PER_PAGE = 12
CARD_RENDITION = "fill-640x360"


def visible_articles() -> QuerySet:
    """Articles any visitor may see: live and not behind a view restriction."""
    from .models import ArticlePage

    # The view restrictions are checked inside the query (no query of their own first).
    return ArticlePage.objects.live().filter(outside_view_restrictions())


def _with_card_data(articles: QuerySet) -> QuerySet:
    """Fetch what an article card shows in a constant number of queries."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return articles.prefetch_related(Prefetch("lead_image", queryset=images))


def articles_for_listing(*, within: Page, kind: str | None = None, tag: str | None = None):
    """Visible articles below a page, newest first, optionally of one kind or tag."""
    articles = visible_articles().descendant_of(within).filter(locale_id=within.locale_id)
    if kind:
        articles = articles.filter(kind=kind)
    if tag:
        articles = articles.filter(tags__slug=tag)
    return _with_card_data(articles.order_by("-date", "-first_published_at"))


def latest_articles(*, within: Page, limit: int) -> QuerySet:
    """The newest visible articles below a page, for portal and district homes."""
    return articles_for_listing(within=within)[:limit]
