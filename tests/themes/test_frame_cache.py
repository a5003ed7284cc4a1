"""The page frame (theme, menu, languages, breadcrumbs, footer) costs a constant handful
of queries, and nothing once cached for the site, language and content version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.committed import as_committed
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

# A standard page: site, locale, routing (portal, page), the view restrictions and the
# page's own content; the frame adds nothing once cached.
STANDARD_PAGE_MAX_QUERIES = 8


@pytest.fixture(autouse=True)
def _measure_the_page_not_the_response_cache(settings):
    settings.QUARTIER_RESPONSE_CACHE = False


def _queries(client, url) -> int:
    as_committed()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _menu_pages(portal, n, *, prefix):
    for index in range(n):
        StandardPageFactory(parent=portal, title=f"{prefix} {index}", show_in_menus=True)


def test_standard_page_costs_a_constant_handful_of_queries(client, gelsenkirchen):
    page = StandardPageFactory(parent=gelsenkirchen.portal, title="Über uns")
    _queries(client, page.url)
    assert _queries(client, page.url) <= STANDARD_PAGE_MAX_QUERIES


def test_frame_cost_does_not_grow_with_menu_pages(client, gelsenkirchen):
    page = StandardPageFactory(parent=gelsenkirchen.portal, title="Über uns")
    _menu_pages(gelsenkirchen.portal, 1, prefix="Wenige")
    _queries(client, page.url)
    few = _queries(client, page.url)
    _menu_pages(gelsenkirchen.portal, 5, prefix="Viele")
    as_committed()
    _queries(client, page.url)
    assert _queries(client, page.url) == few


def test_frame_for_a_signed_in_editor_is_served_from_the_cache_too(client, gelsenkirchen, editor):
    page = StandardPageFactory(parent=gelsenkirchen.portal, title="Über uns")
    _queries(client, page.url)
    anonymous = _queries(client, page.url)
    client.force_login(editor)
    _queries(client, page.url)
    # Session and user, and Wagtail's user bar with its permission checks.
    assert _queries(client, page.url) <= anonymous + 5


def test_frame_shows_a_new_menu_page_after_a_new_content_version(client, gelsenkirchen):
    page = StandardPageFactory(parent=gelsenkirchen.portal, title="Über uns")
    as_committed()
    client.get(page.url)
    _menu_pages(gelsenkirchen.portal, 1, prefix="Neu im Menü")
    as_committed()
    assert "Neu im Menü 0" in client.get(page.url).content.decode()


def test_frame_of_one_language_is_not_served_in_another(client, gelsenkirchen):
    page = StandardPageFactory(parent=gelsenkirchen.portal, title="Über uns")
    german = client.get(page.url).content.decode()
    english = client.get("/en" + page.url).content.decode()
    assert 'lang="de"' in german and '<html lang="en"' in english
