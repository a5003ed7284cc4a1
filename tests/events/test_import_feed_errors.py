"""A registered feed's run: any error of one feed is recorded on it, the next feed still runs."""

import pytest

from cms.events.importing import FeedError, feeds_import_all, parse_feed
from cms.events.importing import writing as writing_module
from cms.events.models import EventPage, ExternalCalendarFeed
from cms.places.models import District

pytestmark = pytest.mark.django_db

GOOD = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:chor-1@verein.example\r
SUMMARY:Chorprobe\r
DTSTART;TZID=Europe/Berlin:20260303T190000\r
DTEND;TZID=Europe/Berlin:20260303T210000\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _single(lines: bytes) -> bytes:
    return (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@verein.example\r\n"
        b"SUMMARY:Fest\r\n" + lines + b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


OVERFLOW = _single(b"DTSTART:99991231T230000Z\r\nDURATION:P2D\r\n")


@pytest.fixture
def two_feeds(calendar_page, monkeypatch):
    """A bad feed registered before a good one; fetching returns their bytes."""
    district = District.objects.get(slug="schalke")
    bad = ExternalCalendarFeed.objects.create(
        name="A kaputt", url="https://a.example/bad.ics", district=district, trusted=True
    )
    good = ExternalCalendarFeed.objects.create(
        name="B gut", url="https://b.example/good.ics", district=district, trusted=True
    )
    bodies = {good.url: GOOD}
    monkeypatch.setattr(writing_module, "fetch_feed", lambda url: bodies[url])

    def with_bad_body(data: bytes):
        bodies[bad.url] = data
        return bad, good

    return with_bad_body


def test_overflowing_date_is_recorded_on_its_feed_and_the_next_feed_runs(two_feeds, frozen_now):
    bad, good = two_feeds(OVERFLOW)
    outcome = feeds_import_all()
    bad.refresh_from_db()
    good.refresh_from_db()
    assert outcome[bad.name] == "failed"
    assert bad.last_result == "failed" and "9999" in bad.last_message
    assert good.last_result == "success"
    assert EventPage.objects.filter(source_feed=good).count() == 1
    assert not EventPage.objects.filter(source_feed=bad).exists()


@pytest.mark.parametrize("error", [KeyError, RecursionError, OverflowError, ZeroDivisionError])
def test_any_exception_inside_the_parser_becomes_a_message_on_the_feed(
    two_feeds, frozen_now, monkeypatch, error
):
    from cms.events.importing import parsing

    bad, good = two_feeds(GOOD.replace(b"Chorprobe", b"X-BREAK"))
    real_times = parsing._times

    def times(component, uid):
        if str(component.get("summary")) == "X-BREAK":
            raise error("kaputt")
        return real_times(component, uid)

    monkeypatch.setattr(parsing, "_times", times)
    feeds_import_all()
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.last_result == "failed" and "ungültige Angaben" in bad.last_message
    assert good.last_result == "success"


def test_unexpected_error_while_writing_is_recorded_and_writes_nothing(
    two_feeds, frozen_now, monkeypatch
):
    bad, good = two_feeds(GOOD.replace(b"chor-1", b"chor-2"))
    real_write = writing_module.new_events_write

    def write(*, calendar, pages, publish):
        # After the new events' rows are written, as a bug in a later step would.
        real_write(calendar=calendar, pages=pages, publish=publish)
        if pages[0].source_feed_id == bad.pk:
            raise RuntimeError("a bug")

    monkeypatch.setattr(writing_module, "new_events_write", write)
    feeds_import_all()
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.last_result == "failed" and "unerwarteter Fehler" in bad.last_message
    assert not EventPage.objects.filter(source_feed=bad).exists()
    assert good.last_result == "success"


@pytest.mark.parametrize(
    "lines",
    [
        b"DTSTART:99991231T230000Z\r\nDURATION:P2D\r\n",
        b"DTSTART:21010101T100000Z\r\n",
        b"DTSTART:18991231T100000Z\r\n",
        b"DTSTART;VALUE=DATE:00010101\r\n",
        b"DTSTART:20260303T100000Z\r\nDTEND:22000101T100000Z\r\n",
        b"DTSTART:20260303T100000Z\r\nDURATION:P99999D\r\n",
        b"DTSTART;VALUE=DATE:20260303\r\nDURATION:P999999999D\r\n",
    ],
)
def test_dates_outside_the_sane_years_are_refused_with_a_message(lines):
    with pytest.raises(FeedError, match=r"zwischen 1900 und 2100|ungültige Angaben"):
        parse_feed(_single(lines))


def test_nul_characters_are_dropped_from_texts():
    events = parse_feed(_single(b"SUMMARY:Fe\x00st\r\nDTSTART:20260303T100000Z\r\n"))
    assert "\x00" not in events[0].title
