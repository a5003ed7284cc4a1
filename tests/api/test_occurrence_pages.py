"""occurrences/ of one district: its pages read the district rows and cost few queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

import cms.api.occurrences as occurrences_api
from cms.api.events import EventList
from cms.core import compiled_queries
from tests.committed import as_committed
from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/occurrences/"


@pytest.fixture
def add_events(gelsenkirchen, calendar_page):
    """`n` weekly events in Schalke and one in Hüllen each time, all starting together."""
    schalke = gelsenkirchen.district_homes["schalke"].district
    huellen = gelsenkirchen.district_homes["huellen"].district
    start = (timezone.now() + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)

    def add(n: int) -> None:
        for _ in range(n):
            EventPageFactory(
                parent=calendar_page,
                districts=[schalke],
                start=start,
                end=start + timedelta(hours=1),
                recurrence_rule="FREQ=WEEKLY;COUNT=3",
            )
        EventPageFactory(
            parent=calendar_page,
            districts=[huellen],
            start=start,
            end=start + timedelta(hours=1),
            recurrence_rule="FREQ=WEEKLY;COUNT=3",
        )

    return add


def _pages(client, params) -> list[dict]:
    pages, url = [], URL
    while url:
        body = client.get(url, params).json()
        pages.append(body)
        url, params = body["next"], None
    return pages


def test_pages_of_a_district_together_are_its_whole_window(client, add_events):
    add_events(3)
    whole = client.get(URL, {"district": "schalke", "page_size": 1000}).json()["results"]
    pages = _pages(client, {"district": "schalke", "page_size": 2})
    assert len(pages) == 5
    assert [item for page in pages for item in page["results"]] == whole
    assert len(whole) == 9
    assert len({item["id"] for item in whole}) == 9


def test_pages_of_a_district_take_at_most_two_queries_whatever_the_data(
    client, add_events, django_assert_max_num_queries, settings
):
    settings.QUARTIER_RESPONSE_CACHE = False  # the cold path, not the cached answer
    add_events(2)
    params = {"district": "schalke", "page_size": 2}
    _pages(client, params)  # caches of a first request (site, locales)
    add_events(4)
    # Committed, as production reads it, and asked once in this version: the view
    # restrictions, the listed providers and the calendars' URLs come from the version
    # cache then, and so do the filters' choices (the district). Left: the version, and
    # the dates with their events' titles and change marks.
    as_committed()
    _pages(client, params)
    url = URL
    while url:
        with django_assert_max_num_queries(2):
            body = client.get(url, params).json()
        url, params = body["next"], None


def test_later_pages_of_a_window_reuse_its_query_with_their_cursor(client, add_events, monkeypatch):
    add_events(3)
    as_committed()
    built = []
    selector = occurrences_api.public_occurrences

    def counting(**kwargs):
        built.append(kwargs.get("after"))
        return selector(**kwargs)

    monkeypatch.setattr(occurrences_api, "public_occurrences", counting)
    params = {"district": "schalke", "page_size": 2}
    whole = client.get(URL, {"district": "schalke", "page_size": 1000}).json()["results"]
    built.clear()

    pages = _pages(client, params)

    assert [item for page in pages for item in page["results"]] == whole
    assert len(pages) == 5
    # The first page and the second (the first with a cursor) are learnt, each built for
    # its own values and for others; pages 3 to 5 put their cursor into the kept SQL.
    assert len(built) == 4


def test_later_pages_of_events_reuse_the_lists_query_with_their_cursor(
    client, add_events, monkeypatch
):
    add_events(5)
    as_committed()
    compiled_queries.forget()
    built = []
    resource = EventList.resource
    filtered = type(resource).filter

    def counting(self, queryset, params, request):
        built.append(params.get("cursor"))
        return filtered(self, queryset, params, request)

    monkeypatch.setattr(type(resource), "filter", counting)
    whole = client.get("/api/v1/events/", {"page_size": 1000}).json()["results"]
    built.clear()

    pages, url, params = [], "/api/v1/events/", {"page_size": 1}
    while url:
        body = client.get(url, params).json()
        pages.append(body["results"])
        url, params = body["next"], None

    assert [item for page in pages for item in page] == whole
    assert len(pages) == 6
    # The first page and the second (the first with a cursor) are learnt, each built for
    # its own values and for others; pages 3 to 6 put their cursor into the kept SQL.
    assert len(built) == 4
