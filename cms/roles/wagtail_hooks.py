from wagtail import hooks

from cms.news.models import NewsIndexPage

from .services import provider_article_rights_ensure


@hooks.register("after_create_page")
def grant_providers_new_news_index(request, page):
    """A news index added later is open to the municipality's providers too."""
    if isinstance(page.specific, NewsIndexPage):
        provider_article_rights_ensure(page)
