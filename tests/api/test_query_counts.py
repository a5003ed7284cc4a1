"""The query count of every list endpoint grows neither with page size nor with data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.committed import as_committed
from tests.events.factories import EventPageFactory
from tests.exchange.factories import ListingFactory
from tests.factories import ArticlePageFactory, StandardPageFactory
from tests.providers.factories import ProviderPageFactory, ServiceCategoryFactory

from .conftest import LIST_ENDPOINTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_items(gelsenkirchen, calendar_page, directory):
    """Add `n` items of every type, with the relations their answers show."""

    def add(n: int) -> None:
        category = ServiceCategoryFactory()
        for _ in range(n):
            provider = ProviderPageFactory(parent=directory, categories=[category])
            event = EventPageFactory(
                parent=calendar_page,
                organiser=provider,
                categories=[category],
                districts=[gelsenkirchen.district_homes["schalke"].district],
                start=timezone.now() + timedelta(days=2),
                recurrence_rule="FREQ=WEEKLY;COUNT=3",
            )
            article = ArticlePageFactory(parent=gelsenkirchen.portal_news)
            article.event_links.create(event=event)
            StandardPageFactory(parent=gelsenkirchen.district_homes["schalke"])
            ListingFactory(municipality=gelsenkirchen.municipality)

    return add


def _count(client, url, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def _counts(client, params) -> dict[str, int]:
    return {url: _count(client, url, params) for url in LIST_ENDPOINTS}


def test_query_count_of_every_list_does_not_grow_with_page_size_or_data(client, add_items):
    add_items(1)
    _counts(client, {})  # renditions, caches and the like made once
    small = _counts(client, {"page_size": 1})
    full = _counts(client, {"page_size": 1000})
    add_items(2)
    more_data = _counts(client, {"page_size": 1000})
    assert small == full == more_data


def test_sync_query_count_of_every_list_does_not_grow_with_data(client, add_items):
    since = {"updated_since": "2000-01-01T00:00:00Z", "page_size": 1000}
    add_items(1)
    _counts(client, since)
    before = _counts(client, since)
    add_items(2)
    assert _counts(client, since) == before


@pytest.mark.parametrize(
    ("url", "pin"),
    [("/api/v1/events/", 6), ("/api/v1/listings/", 3)],
    ids=["events", "listings"],
)
def test_first_page_stays_within_its_query_pin(
    client, add_items, django_assert_max_num_queries, settings, url, pin
):
    settings.QUARTIER_RESPONSE_CACHE = False  # the cold path, not the cached answer
    add_items(2)
    as_committed()  # as production reads it: what is kept under the version is kept
    client.get(url)

    with django_assert_max_num_queries(pin):
        assert client.get(url).status_code == 200
