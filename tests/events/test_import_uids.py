"""Imported UIDs live in their feed's namespace: no feed can spoof a Quartier event."""

from io import StringIO

import pytest
from django.core.management import call_command
from icalendar import Calendar

from cms.events.importing import feed_import_bytes
from cms.events.importing.writing import feed_event_uid
from cms.events.models import EventPage, ExternalCalendarFeed
from cms.places.models import District

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


def _feed_with_uid(uid: str, title: str = "Gefälschter Termin") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nSUMMARY:{title}\r\n"
        "DTSTART;TZID=Europe/Berlin:20260310T190000\r\n"
        "DTEND;TZID=Europe/Berlin:20260310T200000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def _master_uids(client) -> list[str]:
    calendar = Calendar.from_ical(client.get("/ical/events.ics").content)
    return [str(c["uid"]) for c in calendar.walk("VEVENT") if c.get("recurrence-id") is None]


def _feed(name="Verein", district="schalke") -> ExternalCalendarFeed:
    return ExternalCalendarFeed.objects.create(
        name=name,
        url=f"https://{name.lower()}.example/feed.ics",
        district=District.objects.get(slug=district),
        trusted=True,
    )


def test_feed_reusing_a_quartier_events_uid_does_not_duplicate_it_in_the_export(
    client, calendar_page, gelsenkirchen, frozen_now
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    own = EventPageFactory(parent=calendar_page, title="Lesung", districts=[schalke])
    feed_import_bytes(feed=_feed(), data=_feed_with_uid(own.uid))
    uids = _master_uids(client)
    assert len(uids) == 2
    assert len(set(uids)) == 2
    assert uids.count(own.uid) == 1


def test_two_feeds_with_the_same_uid_get_two_events(calendar_page, frozen_now):
    first, second = _feed("Eins"), _feed("Zwei")
    feed_import_bytes(feed=first, data=_feed_with_uid("same@example"))
    feed_import_bytes(feed=second, data=_feed_with_uid("same@example"))
    assert EventPage.objects.filter(source_feed__isnull=False).values("uid").distinct().count() == 2


def test_reimport_updates_the_namespaced_event_in_place(calendar_page, frozen_now):
    feed = _feed()
    feed_import_bytes(feed=feed, data=_feed_with_uid("chor@example", "Chorprobe"))
    page = EventPage.objects.get(source_feed=feed)
    feed_import_bytes(feed=feed, data=_feed_with_uid("chor@example", "Chorprobe neu"))
    assert list(EventPage.objects.filter(source_feed=feed).values_list("pk", "title")) == [
        (page.pk, "Chorprobe neu")
    ]


def test_event_imported_before_namespacing_is_updated_in_place_with_the_new_uid(
    client, calendar_page, frozen_now
):
    feed = _feed()
    feed_import_bytes(feed=feed, data=_feed_with_uid("chor@example", "Chorprobe"))
    page = EventPage.objects.get(source_feed=feed)
    EventPage.objects.filter(pk=page.pk).update(uid="chor@example")  # as older imports stored it
    summary = feed_import_bytes(feed=feed, data=_feed_with_uid("chor@example", "Chorprobe"))
    assert (summary.created, summary.updated, summary.removed) == (0, 1, 0)
    page.refresh_from_db()
    assert page.uid == feed_event_uid(feed, "chor@example")
    assert _master_uids(client) == [page.uid]


def test_export_then_import_gives_the_copies_uids_of_their_own(
    client, calendar_page, gelsenkirchen, tmp_path, frozen_now
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    EventPageFactory(parent=calendar_page, title="Lesung", districts=[schalke])
    path = tmp_path / "feed.ics"
    path.write_bytes(client.get("/ical/events.ics", {"district": "schalke"}).content)
    call_command("import_ical", "huellen", str(path), stdout=StringIO())
    uids = _master_uids(client)
    assert len(uids) == 2 and len(set(uids)) == 2
