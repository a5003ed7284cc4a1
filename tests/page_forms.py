"""POST payloads for Wagtail's page create and edit views, shaped as the admin sends them.

StreamFields and rich text are encoded with Wagtail's own helpers
(`wagtail.test.utils.form_data`), so the forms validate exactly as in the browser.
"""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.core.text import german_slugify
from cms.home.models import DistrictHomePage, StandardPage
from cms.news.models import ArticlePage

# The promote and settings tabs every Quartier page has, left empty.
_COMMON_EMPTY_FIELDS = {
    "seo_title": "",
    "search_description": "",
    "listing_summary": "",
    "go_live_at": "",
    "expire_at": "",
}


def _with_action(data: dict, action: str | None) -> dict:
    """Add the button the editor pressed: publish, submit, ... (None: save a draft)."""
    if action:
        data[f"action-{action}"] = action
    return data


def _body(html: str) -> dict:
    return streamfield([("text", rich_text(html))])


def article_form_data(
    *,
    title: str,
    intro: str = "Das Quartierszentrum lädt zum Sommerfest ein.",
    body_html: str = "<p>Es gibt Kuchen, Musik und Spiele für Kinder.</p>",
    slug: str | None = None,
    action: str | None = None,
) -> dict:
    """Form data of a new or edited ArticlePage."""
    data = nested_form_data(
        {
            **_COMMON_EMPTY_FIELDS,
            "title": title,
            "slug": slug or german_slugify(title),
            "kind": "news",
            "date": "2026-06-01",
            "intro": intro,
            "lead_image": "",
            "lead_image_alt_text": "",
            "lead_image_credit": "",
            "tags": "",
            "body": _body(body_html),
            "event_links": inline_formset([]),
        }
    )
    return _with_action(data, action)


def article_edit_form_data(page: ArticlePage, *, action: str | None = None, **changes) -> dict:
    """Form data that resubmits an article's current content, with some fields changed."""
    fields = {"title": page.title, "slug": page.slug, "intro": page.intro} | changes
    return article_form_data(action=action, **fields)


def standard_page_form_data(page: StandardPage, *, action: str | None = None, **changes) -> dict:
    """Form data that resubmits a StandardPage, with some fields changed."""
    fields = {"title": page.title, "slug": page.slug, "intro": page.intro} | changes
    data = nested_form_data(
        {**_COMMON_EMPTY_FIELDS, **fields, "body": _body("<p>Offene Sprechstunde.</p>")}
    )
    return _with_action(data, action)


def district_home_form_data(
    page: DistrictHomePage, *, action: str | None = None, **changes
) -> dict:
    """Form data that resubmits a DistrictHomePage, with some fields changed."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "district": str(page.district_id),
        "intro": page.intro,
    } | changes
    data = nested_form_data(
        {**_COMMON_EMPTY_FIELDS, **fields, "body": _body("<p>Willkommen im Quartier.</p>")}
    )
    return _with_action(data, action)
