"""iCal import: idempotent by UID, round trip, hostile and malformed feeds change nothing."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from cms.events.importing import FeedError, fetch_feed, parse_feed
from cms.events.models import EventOccurrence, EventOccurrenceChange, EventPage
from cms.places.models import District

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db

FEED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Verein//DE\r
BEGIN:VEVENT\r
UID:chor-1@verein.example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Chorprobe\r
DTSTART;TZID=Europe/Berlin:20260303T190000\r
DTEND;TZID=Europe/Berlin:20260303T210000\r
RRULE:FREQ=WEEKLY;COUNT=4\r
LOCATION:Gemeindehaus\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:fest-1@verein.example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Sommerfest\r
DTSTART;VALUE=DATE:20260620\r
DTEND;VALUE=DATE:20260621\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _write(tmp_path, data: bytes, name="feed.ics") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _import(district: str, source: str) -> str:
    out = StringIO()
    call_command("import_ical", district, source, stdout=out)
    return out.getvalue()


def _snapshot():
    return (
        sorted(EventPage.objects.values_list("uid", "title", "live", "latest_revision_id")),
        sorted(EventOccurrence.objects.values_list("event__uid", "start", "end")),
    )


def test_import_creates_published_events_with_their_occurrences(
    calendar_page, tmp_path, frozen_now
):
    _import("schalke", _write(tmp_path, FEED))
    chor = EventPage.objects.get(title="Chorprobe")
    assert chor.live and chor.districts.get().slug == "schalke"
    assert EventOccurrence.objects.filter(event=chor).count() == 4
    fest = EventPage.objects.get(title="Sommerfest")
    assert fest.all_day


def test_import_twice_changes_nothing(calendar_page, tmp_path, frozen_now):
    source = _write(tmp_path, FEED)
    _import("schalke", source)
    before = _snapshot()
    assert "0 neu, 0 geändert, 2 unverändert, 0 entfernt" in _import("schalke", source)
    assert _snapshot() == before


def test_import_updates_changed_and_removes_vanished_events(calendar_page, tmp_path, frozen_now):
    source = _write(tmp_path, FEED)
    _import("schalke", source)
    changed = FEED.replace(b"SUMMARY:Chorprobe", b"SUMMARY:Chorprobe (neu)")
    start = changed.index(b"BEGIN:VEVENT\r\nUID:fest")
    end = changed.index(b"END:VEVENT", start) + len(b"END:VEVENT\r\n")
    (tmp_path / "feed.ics").write_bytes(changed[:start] + changed[end:])
    _import("schalke", source)
    assert list(EventPage.objects.values_list("title", flat=True)) == ["Chorprobe (neu)"]


def test_untrusted_import_submits_events_for_review(calendar_page, tmp_path, frozen_now):
    call_command("import_ical", "schalke", _write(tmp_path, FEED), "--review", stdout=StringIO())
    events = EventPage.objects.filter(source_feed__isnull=False)
    assert events.count() == 2
    assert not events.filter(live=True).exists()
    assert all(event.workflow_in_progress for event in events)
    assert not EventOccurrence.objects.exists()


def test_export_then_import_keeps_every_occurrence(
    client, calendar_page, gelsenkirchen, tmp_path, frozen_now
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    EventPageFactory(
        parent=calendar_page,
        title="Erzählcafé",
        districts=[schalke],
        start=berlin(2026, 3, 3, 15),
        end=berlin(2026, 3, 3, 17),
        recurrence_rule="FREQ=WEEKLY;INTERVAL=2;UNTIL=20261215",
        changes=[
            EventOccurrenceChange(original_start=berlin(2026, 3, 31, 15), cancelled=True),
            EventOccurrenceChange(
                original_start=berlin(2026, 4, 14, 15),
                cancelled=False,
                new_start=berlin(2026, 4, 15, 10),
                new_end=berlin(2026, 4, 15, 12),
            ),
        ],
    )
    EventPageFactory(
        parent=calendar_page,
        title="Flohmarkt",
        districts=[schalke],
        all_day=True,
        start=berlin(2026, 5, 9, 0),
        end=berlin(2026, 5, 10, 0),
    )
    EventPageFactory(parent=calendar_page, title="Lesung", districts=[schalke])

    def occurrences(events):
        return sorted(
            (title, start, end)
            for title, start, end in EventOccurrence.objects.filter(event__in=events).values_list(
                "event__title", "start", "end"
            )
        )

    originals = occurrences(EventPage.objects.filter(source_feed__isnull=True))
    exported = client.get("/ical/events.ics", {"district": "schalke"}).content
    _import("huellen", _write(tmp_path, exported))
    imported = EventPage.objects.filter(source_feed__isnull=False)
    assert imported.count() == 3
    assert occurrences(imported) == originals
    assert {e.districts.get().slug for e in imported} == {"huellen"}


HOSTILE = {
    "not-ical": (b"<html>hello</html>", "kein iCal"),
    "garbage": (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n", "nicht lesbar"),
    "no-uid": (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n"
        b"DTSTART:20260303T190000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "UID",
    ),
    "secondly-bomb": (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bomb\r\nSUMMARY:x\r\n"
        b"DTSTART:19700101T000000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "SECONDLY",
    ),
    "ends-before-start": (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:x\r\n"
        b"DTSTART:20260303T190000Z\r\nDTEND:20260303T180000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "endet vor",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_malformed_or_hostile_feed_changes_nothing_and_says_why(
    case, calendar_page, tmp_path, frozen_now
):
    _import("schalke", _write(tmp_path, FEED, name="good.ics"))
    before = _snapshot()
    data, reason = HOSTILE[case]
    with pytest.raises(CommandError, match=reason):
        _import("schalke", _write(tmp_path, data, name="good.ics"))
    assert _snapshot() == before


def test_a_bad_event_late_in_the_feed_rolls_back_the_whole_run(calendar_page, tmp_path, frozen_now):
    bad = FEED.replace(b"DTSTART;VALUE=DATE:20260620", b"DTSTART;VALUE=DATE:2026-bad")
    with pytest.raises(CommandError):
        _import("schalke", _write(tmp_path, bad))
    assert not EventPage.objects.exists()


@override_settings(QUARTIER_ICAL_MAX_BYTES=200)
def test_oversized_feed_is_refused(calendar_page, tmp_path):
    with pytest.raises(CommandError, match="größer"):
        _import("schalke", _write(tmp_path, FEED))
    assert not EventPage.objects.exists()


def test_unknown_district_exits_with_a_message(db, tmp_path):
    with pytest.raises(CommandError, match="atlantis"):
        _import("atlantis", _write(tmp_path, FEED))


def test_parser_takes_only_bytes():
    # icalendar reads a str without newline as a file path; we never give it one.
    with pytest.raises(TypeError):
        parse_feed("/etc/passwd")


def test_loopback_addresses_are_refused_by_default(settings):
    settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES = False
    for url in (
        "http://127.0.0.1:9/x.ics",
        "http://[::1]/x.ics",
        "http://169.254.169.254/",
        "http://10.0.0.1/",
    ):
        with pytest.raises(FeedError, match="internes Netz"):
            fetch_feed(url)


def test_other_schemes_are_refused():
    with pytest.raises(FeedError, match="http"):
        fetch_feed("file:///etc/passwd")


class _FeedHandler(BaseHTTPRequestHandler):
    body = FEED

    def do_GET(self):
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/feed.ics")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_import_from_a_local_server_when_allowed(settings, calendar_page, feed_server, frozen_now):
    settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES = True
    _import("schalke", f"{feed_server}/redirect")
    assert EventPage.objects.filter(live=True).count() == 2


def test_registered_feed_run_records_failure_in_the_admin_listing(
    settings, calendar_page, feed_server, admin_client
):
    from cms.events.importing import feed_run
    from cms.events.models import ExternalCalendarFeed

    settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES = False
    feed = ExternalCalendarFeed.objects.create(
        name="Verein", url=f"{feed_server}/feed.ics", district=District.objects.get(slug="schalke")
    )
    assert feed_run(feed) is None
    feed.refresh_from_db()
    assert feed.last_result == "failed" and "internes Netz" in feed.last_message
    response = admin_client.get("/admin/calendar_feeds/")
    assert "internes Netz" in response.content.decode()
