"""Caps on the dates one event and one feed may add; a feed over a cap is refused whole."""

import pytest
from django.test import override_settings

from cms.events.importing import FeedError, feed_import_bytes
from cms.events.models import EventOccurrence, EventPage, ExternalCalendarFeed
from cms.places.models import District

pytestmark = pytest.mark.django_db


def _calendar(*rules: str, start="20260301T190000") -> bytes:
    events = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:serie-{number}@verein.example\r\nSUMMARY:Treff {number}\r\n"
        f"DTSTART;TZID=Europe/Berlin:{start}\r\nDURATION:PT1H\r\n"
        + (f"RRULE:{rule}\r\n" if rule else "")
        + "END:VEVENT\r\n"
        for number, rule in enumerate(rules)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n".encode()


@pytest.fixture
def feed(calendar_page):
    return ExternalCalendarFeed.objects.create(
        name="Verein",
        url="https://verein.example/feed.ics",
        district=District.objects.get(slug="schalke"),
        trusted=True,
    )


@override_settings(
    QUARTIER_IMPORT_MAX_OCCURRENCES_PER_EVENT=1000, QUARTIER_IMPORT_MAX_OCCURRENCES_PER_FEED=5000
)
def test_fifty_daily_events_without_an_end_are_refused_by_the_feed_cap(feed, frozen_now):
    with pytest.raises(FeedError, match="mehr als 5000 Einzeltermine"):
        feed_import_bytes(feed=feed, data=_calendar(*["FREQ=DAILY"] * 50))
    assert not EventPage.objects.exists()
    assert not EventOccurrence.objects.exists()


def test_event_over_the_per_event_cap_is_named_and_nothing_is_written(feed, frozen_now):
    data = _calendar("", "FREQ=DAILY;COUNT=61")
    with pytest.raises(
        FeedError, match=r"„Treff 1“ \(UID serie-1@verein.example\) hätte mehr als 60 Einzeltermine"
    ):
        feed_import_bytes(feed=feed, data=data)
    assert not EventPage.objects.exists()


def test_event_at_the_per_event_cap_is_imported(feed, frozen_now):
    feed_import_bytes(feed=feed, data=_calendar("FREQ=DAILY;COUNT=60"))
    assert EventOccurrence.objects.count() == 60


def test_several_dates_a_day_count_against_the_per_event_cap(feed, frozen_now):
    with pytest.raises(FeedError, match="mehr als 60"):
        feed_import_bytes(feed=feed, data=_calendar("FREQ=DAILY;BYHOUR=8,9,10,11;COUNT=100"))


def test_feed_over_the_per_feed_cap_is_refused_whole(feed, frozen_now):
    with pytest.raises(FeedError, match="mehr als 200 Einzeltermine"):
        feed_import_bytes(feed=feed, data=_calendar(*["FREQ=WEEKLY;COUNT=50"] * 5))
    assert not EventPage.objects.exists()


def test_event_without_an_end_counts_only_up_to_the_horizon(feed, frozen_now):
    # Weekly without end: about 78 dates in the 548 days ahead, under a cap of 100.
    with override_settings(QUARTIER_IMPORT_MAX_OCCURRENCES_PER_EVENT=100):
        feed_import_bytes(feed=feed, data=_calendar("FREQ=WEEKLY"))
    assert 70 < EventOccurrence.objects.count() < 100
