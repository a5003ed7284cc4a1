"""occurrences/: the fast JSON of a page of dates is what a date-by-date build gives.

The page is built in one loop over plain rows (local minutes computed once per start
time, slugs quoted only where needed); this compares it, byte for byte, with the
straightforward build from each date and its event page: Wagtail's own URL, the
local time of each series start, the status rule.
"""

from datetime import UTC, timedelta

import orjson
import pytest
from django.test import RequestFactory

from cms.api.enums import ItemType
from cms.api.sync import mark_changed
from cms.events.models import EventOccurrence, EventOccurrenceChange, EventPage
from cms.events.recurrence import LOCAL_TZ, occurrence_status
from tests.clock import pin_now
from tests.events.factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db

# Across the change to summer time (29 March 2026) and back (25 October 2026).
WINDOW = {"start": "2026-03-01", "end": "2026-11-30", "page_size": 1000}


@pytest.fixture
def dates(calendar_page, gelsenkirchen, monkeypatch):
    pin_now(monkeypatch, berlin(2026, 3, 1, 12))
    schalke = gelsenkirchen.district_homes["schalke"].district
    EventPageFactory(
        parent=calendar_page,
        slug="straßenfest-ümit",
        districts=[schalke],
        start=berlin(2026, 3, 3, 19),
        end=berlin(2026, 3, 3, 21),
        recurrence_rule="FREQ=WEEKLY;COUNT=30",
        changes=[
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 17, 19),
                cancelled=True,
                cancellation_reason="Die Leiterin ist krank",
            ),
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 24, 19),
                cancelled=False,
                new_start=berlin(2026, 3, 26, 17),
                new_end=berlin(2026, 3, 26, 19),
            ),
        ],
    )
    EventPageFactory(
        parent=calendar_page,
        slug="lauf-2026_sommer",
        districts=[schalke],
        start=berlin(2026, 3, 28, 23, 30),
        end=berlin(2026, 3, 29, 4),
        recurrence_rule="FREQ=DAILY;COUNT=3",
    )
    EventPageFactory(
        parent=calendar_page, slug="kaffee", start=berlin(2026, 10, 25, 2, 30), all_day=False
    )


def _expected(occurrence: EventOccurrence, request) -> dict:
    """One date as the API describes it, built from the date and its page alone."""
    event = occurrence.event
    series = (occurrence.original_start or occurrence.start).astimezone(LOCAL_TZ)
    return {
        "id": f"{event.pk}:{series.strftime('%Y%m%dT%H%M')}",
        "event": event.pk,
        "title": event.title,
        "url": request.build_absolute_uri(event.get_url(request=request)),
        "start": occurrence.start,
        "end": occurrence.end,
        "all_day": occurrence.all_day,
        "original_start": occurrence.original_start,
        "status": occurrence_status(
            is_cancelled=occurrence.is_cancelled,
            start=occurrence.start,
            original_start=occurrence.original_start,
        ),
        "is_cancelled": occurrence.is_cancelled,
        "cancellation_reason": occurrence.cancellation_reason,
        "is_online": occurrence.is_online,
        "is_on_site": occurrence.is_on_site,
        "is_free": occurrence.is_free,
        "is_barrier_free": occurrence.is_barrier_free,
        "target_group": occurrence.target_group,
        "venue_name": occurrence.venue_name,
        "organiser": occurrence.organiser_id,
    }


def _results_without_times_of_change(content: bytes) -> list[dict]:
    results = orjson.loads(content)["results"]
    for item in results:
        item.pop("updated_at")
    return results


@pytest.mark.parametrize("params", [{}, {"district": "schalke"}], ids=["all", "one-district"])
def test_each_date_is_what_its_occurrence_and_page_give(client, dates, params):
    response = client.get("/api/v1/occurrences/", {**WINDOW, **params})
    assert response.status_code == 200
    request = RequestFactory().get("/api/v1/occurrences/")
    occurrences = EventOccurrence.objects.select_related("event").order_by("start", "pk")
    if params:
        occurrences = occurrences.filter(district_links__district__slug="schalke")
    expected = [_expected(occurrence, request) for occurrence in occurrences]
    assert {item["status"] for item in expected} == {"scheduled", "cancelled", "moved"}
    results = _results_without_times_of_change(response.content)
    expected = orjson.loads(orjson.dumps(expected, option=orjson.OPT_UTC_Z))
    assert results == expected


def _updated_at_of_dates(client, slug: str) -> set[str]:
    results = orjson.loads(client.get("/api/v1/occurrences/", WINDOW).content)["results"]
    return {item["updated_at"] for item in results if item["url"].endswith(f"/{slug}/")}


def test_a_dates_change_time_is_its_events_publishing(client, dates):
    event = EventPage.objects.get(slug="kaffee")

    assert _updated_at_of_dates(client, "kaffee") == {
        event.last_published_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    }


def test_a_later_change_mark_of_its_event_is_a_dates_change_time(client, dates):
    event = EventPage.objects.get(slug="kaffee")
    marked = event.last_published_at + timedelta(days=3, microseconds=250)
    mark_changed(ItemType.EVENT, [event.pk], at=marked)

    assert _updated_at_of_dates(client, "kaffee") == {
        marked.astimezone(UTC).isoformat().replace("+00:00", "Z")
    }


def test_an_earlier_change_mark_leaves_a_dates_change_time_at_its_publishing(client, dates):
    event = EventPage.objects.get(slug="kaffee")
    mark_changed(ItemType.EVENT, [event.pk], at=event.last_published_at - timedelta(days=3))

    assert _updated_at_of_dates(client, "kaffee") == {
        event.last_published_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    }
