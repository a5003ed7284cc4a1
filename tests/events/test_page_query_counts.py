"""Query counts of the calendar's pages, pinned: an event page, the month view, the list.

Each is measured on a second request (the first one fills what the process keeps),
with data that makes every part of the page show: a recurring event with organiser,
categories, tags, image, venue, accessibility and a linked article.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.news.models import ArticleEventLink
from tests.committed import as_committed
from tests.factories import ArticlePageFactory
from tests.media import image_in, media_collection
from tests.providers.factories import (
    ProviderIndexPageFactory,
    ProviderPageFactory,
    ServiceCategoryFactory,
)

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db

# Ten for the page itself, one for the content version that keeps the caches of the
# frame and the filter choices never stale (a row every app process shares).
EVENT_PAGE_MAX_QUERIES = 11


@pytest.fixture(autouse=True)
def _measure_the_page_not_the_response_cache(settings):
    settings.QUARTIER_RESPONSE_CACHE = False


def filled_event(calendar_page, gelsenkirchen, editor, *, title="Stadtteilfest"):
    """A weekly event showing everything an event page can show."""
    schalke = gelsenkirchen.district_homes["schalke"].district
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider = ProviderPageFactory(parent=directory, title="Kulturverein", published_by=editor)
    event = EventPageFactory(
        parent=calendar_page,
        title=title,
        districts=[schalke],
        categories=[ServiceCategoryFactory(slug="kultur", name="Kultur")],
        organiser=provider,
        image=image_in(media_collection(gelsenkirchen), title="Festplatz"),
        image_alt_text="Der Festplatz",
        start=berlin(2026, 3, 5, 14),
        end=berlin(2026, 3, 5, 18),
        recurrence_rule="FREQ=WEEKLY;COUNT=12",
        step_free_access=True,
        accessible_wc=True,
        accessibility_notes="Rampe am Seiteneingang.",
    )
    event.tags.add("fest", "draußen")
    revision = event.save_revision()
    revision.publish()
    article = ArticlePageFactory(parent=gelsenkirchen.portal_news, title="Das Fest naht")
    ArticleEventLink.objects.create(article=article, event=event)
    return event


def queries_of_second_request(client, url) -> list[dict]:
    as_committed()
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return captured.captured_queries


def test_event_page_takes_ten_queries_and_the_content_version(
    client, calendar_page, gelsenkirchen, editor
):
    event = filled_event(calendar_page, gelsenkirchen, editor)
    assert len(queries_of_second_request(client, event.url)) <= EVENT_PAGE_MAX_QUERIES


def test_event_page_shows_what_the_counted_queries_read(
    client, calendar_page, gelsenkirchen, editor
):
    event = filled_event(calendar_page, gelsenkirchen, editor)
    html = client.get(event.url).content.decode()
    assert "Kulturverein" in html and "Das Fest naht" in html
    assert "Rampe am Seiteneingang." in html and 'alt="Der Festplatz"' in html


def test_event_page_for_a_signed_in_editor_costs_only_the_session_more(
    client, calendar_page, gelsenkirchen, editor
):
    event = filled_event(calendar_page, gelsenkirchen, editor)
    client.force_login(editor)
    # Session, user, and Wagtail's user bar (its permission checks) on top of the page.
    assert len(queries_of_second_request(client, event.url)) <= EVENT_PAGE_MAX_QUERIES + 5


def test_month_view_query_count_is_pinned(client, calendar_page, gelsenkirchen, editor):
    filled_event(calendar_page, gelsenkirchen, editor)
    for hour in (9, 10, 11, 12, 13):
        EventPageFactory(
            parent=calendar_page, start=berlin(2026, 3, 12, hour), end=berlin(2026, 3, 12, 23)
        )
    url = calendar_page.url + "?view=monat&date=2026-03-01"
    # One query reads the cells' dates, the days' totals and the spanning dates together
    # (no query for the events' districts: a cell does not show them); the articles about
    # upcoming events come from the cache (see calendar.upcoming_articles).
    assert len(queries_of_second_request(client, url)) <= 7


def test_list_page_query_count_is_pinned(client, calendar_page, gelsenkirchen, editor):
    filled_event(calendar_page, gelsenkirchen, editor)
    assert len(queries_of_second_request(client, calendar_page.url)) <= 9


def test_list_page_counts_its_dates_without_joining_their_event_pages(
    client, calendar_page, gelsenkirchen, editor
):
    filled_event(calendar_page, gelsenkirchen, editor)
    counts = [
        query["sql"]
        for query in queries_of_second_request(client, calendar_page.url)
        if query["sql"].startswith("SELECT COUNT(*)")
    ]
    assert len(counts) == 1
    assert '"events_eventoccurrence"' in counts[0]
    assert '"wagtailcore_page"' not in counts[0] and '"events_eventpage"' not in counts[0]
