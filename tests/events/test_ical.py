"""iCal export: valid RFC 5545, filters, stable UIDs, constant queries; bad params → 400.

The feed concatenates each event's stored VEVENT text; the tests at the end check that
the text follows every change that shows in it and that visibility is never stored.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from cms.events.enums import EventStatus
from cms.events.models import EventFeedEntry, EventOccurrenceChange
from cms.providers.models import ProviderConsent
from tests.providers.factories import (
    ProviderIndexPageFactory,
    ProviderPageFactory,
    ServiceCategoryFactory,
)

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db
URL = "/ical/events.ics"
FEED_ENTRY_MIGRATION = ("events", "0004_event_feed_entry_and_occurrence_venue")


def _calendar(client, **params) -> Calendar:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _summaries(calendar) -> set[str]:
    return {str(c["summary"]) for c in calendar.walk("VEVENT")}


def test_feed_is_rfc5545_with_timezone_rrule_exdate_and_recurrence_id(
    client, calendar_page, frozen_now
):
    event = EventPageFactory(
        parent=calendar_page,
        title="Spieleabend",
        start=berlin(2026, 3, 3, 19),
        end=berlin(2026, 3, 3, 21),
        recurrence_rule="FREQ=WEEKLY;UNTIL=20260630",
        changes=[
            EventOccurrenceChange(original_start=berlin(2026, 3, 17, 19), cancelled=True),
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 24, 19),
                cancelled=False,
                new_start=berlin(2026, 3, 25, 18),
                new_end=berlin(2026, 3, 25, 20),
            ),
        ],
    )
    calendar = _calendar(client)
    assert str(calendar["x-wr-calname"]).startswith("Quartier")
    assert "REFRESH-INTERVAL" in calendar and "X-PUBLISHED-TTL" in calendar
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    master, moved = sorted(calendar.walk("VEVENT"), key=lambda c: "RECURRENCE-ID" in c)
    assert str(master["uid"]) == event.uid == str(moved["uid"])
    assert master["dtstart"].params["TZID"] == "Europe/Berlin"
    assert master["rrule"]["FREQ"] == ["WEEKLY"]
    assert master["rrule"]["UNTIL"][0].tzinfo is not None  # UTC, as RFC 5545 requires
    assert [d.dt for d in master["exdate"].dts] == [berlin(2026, 3, 17, 19)]
    assert moved["recurrence-id"].dt == berlin(2026, 3, 24, 19)
    assert moved["dtstart"].dt == berlin(2026, 3, 25, 18)
    assert "DTSTAMP" in master and "SEQUENCE" in master


def test_uid_is_stable_across_edits(client, calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page)
    first = str(_calendar(client).walk("VEVENT")[0]["uid"])
    event.title = "Neuer Titel"
    event.save_revision().publish()
    assert str(_calendar(client).walk("VEVENT")[0]["uid"]) == first


def test_cancelled_event_is_exported_with_status_cancelled(client, calendar_page, frozen_now):
    EventPageFactory(parent=calendar_page, status=EventStatus.CANCELLED)
    assert str(_calendar(client).walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_feed_filters_by_district_category_and_provider(
    client, calendar_page, gelsenkirchen, editor, frozen_now
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    huellen = gelsenkirchen.district_homes["huellen"].district
    category = ServiceCategoryFactory(slug="kultur", name="Kultur")
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider = ProviderPageFactory(parent=directory, title="Kulturverein", published_by=editor)
    EventPageFactory(parent=calendar_page, title="In Schalke", districts=[schalke])
    EventPageFactory(
        parent=calendar_page, title="In Hüllen", districts=[huellen], categories=[category]
    )
    EventPageFactory(parent=calendar_page, title="Vom Verein", organiser=provider)
    assert _summaries(_calendar(client, district="schalke")) == {"In Schalke"}
    assert _summaries(_calendar(client, category="kultur")) == {"In Hüllen"}
    assert _summaries(_calendar(client, provider=provider.slug)) == {"Vom Verein"}
    assert _summaries(_calendar(client, start="2026-04-01", end="2026-04-30")) == set()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"district": "atlantis"}, "district"),
        ({"start": "01.03.2026"}, "start"),
        ({"start": "2026-03-10", "end": "2026-03-01"}, "end"),
        ({"category": "gibt-es-nicht"}, "category"),
    ],
)
def test_bad_parameters_give_400_with_a_message(client, db, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_withdrawn_consent_hides_the_providers_events(
    client, calendar_page, gelsenkirchen, editor, frozen_now
):
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider = ProviderPageFactory(parent=directory, published_by=editor)
    event = EventPageFactory(parent=calendar_page, title="Vom Anbieter", organiser=provider)
    assert _summaries(_calendar(client)) == {"Vom Anbieter"}
    ProviderConsent.objects.filter(provider=provider).update(withdrawn_at=frozen_now)
    assert _summaries(_calendar(client)) == set()
    response = client.get(calendar_page.url)
    assert "Vom Anbieter" not in response.content.decode()
    assert client.get(event.url).status_code == 404


def test_withdrawn_consent_takes_the_providers_events_out_of_search_and_sitemap(
    client, calendar_page, gelsenkirchen, editor, frozen_now
):
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider = ProviderPageFactory(parent=directory, published_by=editor)
    event = EventPageFactory(parent=calendar_page, title="Nachbarschaftsfest", organiser=provider)
    assert event.url in client.get("/sitemap.xml").content.decode()
    found = client.get("/suche/", {"q": "Nachbarschaftsfest"}).content.decode()
    assert f'href="{event.url}"' in found
    ProviderConsent.objects.filter(provider=provider).update(withdrawn_at=frozen_now)
    assert event.url not in client.get("/sitemap.xml").content.decode()
    search = client.get("/suche/", {"q": "Nachbarschaftsfest"}).content.decode()
    assert f'href="{event.url}"' not in search
    assert "0 Ergebnisse" in search


def test_drafts_are_not_exported(client, calendar_page, frozen_now):
    EventPageFactory(parent=calendar_page, title="Entwurf", publish=False)
    assert _summaries(_calendar(client)) == set()


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_feed_query_count_does_not_grow_with_events(
    client, calendar_page, gelsenkirchen, frozen_now
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    category = ServiceCategoryFactory(slug="sport", name="Sport")

    def add_events(n):
        for _ in range(n):
            EventPageFactory(
                parent=calendar_page,
                districts=[schalke],
                categories=[category],
                recurrence_rule="FREQ=WEEKLY;COUNT=3",
                changes=[
                    EventOccurrenceChange(original_start=berlin(2026, 3, 17, 19), cancelled=True)
                ],
            )

    add_events(2)
    _count_queries(client)  # warm caches (site root paths)
    few = _count_queries(client)
    add_events(6)
    assert _count_queries(client) == few


# --- Stored VEVENT text ---------------------------------------------------------------------


def _stored_text(event) -> str:
    return EventFeedEntry.objects.get(event=event).vevents


def test_feed_lines_end_in_crlf_and_are_folded_at_75_octets(client, calendar_page, frozen_now):
    EventPageFactory(
        parent=calendar_page,
        title="Ein Abend mit einem sehr langen Titel, der über die Zeilenbreite hinausgeht",
        description="<p>" + "Lange Beschreibung mit Umlauten: äöü ß. " * 10 + "</p>",
        recurrence_rule="FREQ=WEEKLY;COUNT=4",
    )
    body = client.get(URL).content
    lines = body.split(b"\r\n")
    assert lines[-1] == b""  # the last line ends in CRLF too
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long lines were folded
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")


def test_publishing_a_change_renders_the_stored_text_again(client, calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page, title="Erzählcafé")
    assert "SEQUENCE:0" in _stored_text(event)
    event.title = "Erzählcafé am Markt"
    event.start = berlin(2026, 3, 10, 18)
    event.save_revision().publish()

    text = _stored_text(event)
    assert "SUMMARY:Erzählcafé am Markt" in text
    assert "SEQUENCE:1" in text  # the time changed
    assert _summaries(_calendar(client)) == {"Erzählcafé am Markt"}


def test_saving_a_draft_leaves_the_stored_text_as_published(client, calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page, title="Veröffentlicht")
    event.title = "Nur Entwurf"
    event.save_revision()
    assert "SUMMARY:Veröffentlicht" in _stored_text(event)
    assert _summaries(_calendar(client)) == {"Veröffentlicht"}


def test_unpublished_event_leaves_the_feed(client, calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page, title="Zurückgezogen")
    event.unpublish()
    assert not EventFeedEntry.objects.filter(event=event).exists()
    assert _summaries(_calendar(client)) == set()


def test_event_of_an_unpublished_organiser_leaves_the_feed(
    client, calendar_page, gelsenkirchen, editor, frozen_now
):
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider = ProviderPageFactory(parent=directory, published_by=editor)
    EventPageFactory(parent=calendar_page, title="Vom Anbieter", organiser=provider)
    provider.unpublish()
    assert _summaries(_calendar(client)) == set()


def test_renaming_the_organiser_renders_their_events_again(
    client, calendar_page, gelsenkirchen, editor, frozen_now
):
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider = ProviderPageFactory(parent=directory, title="Kulturverein", published_by=editor)
    event = EventPageFactory(parent=calendar_page, organiser=provider)
    provider.title = "Kultur- und Heimatverein"
    provider.save_revision().publish()
    assert (
        "Veranstalter: Kultur- und Heimatverein"
        in _calendar(client).walk("VEVENT")[0]["description"]
    )
    assert "Kulturverein\\n" not in _stored_text(event)


def test_renaming_a_category_renders_its_events_again(client, calendar_page, frozen_now):
    category = ServiceCategoryFactory(slug="kultur", name="Kultur")
    EventPageFactory(parent=calendar_page, categories=[category])
    category.name = "Kunst und Kultur"
    category.save()
    [vevent] = _calendar(client).walk("VEVENT")
    assert [str(name) for name in vevent["categories"].cats] == ["Kunst und Kultur"]


def test_deleting_the_organiser_takes_their_name_out_of_the_stored_text(
    client, calendar_page, gelsenkirchen, editor, frozen_now, django_capture_on_commit_callbacks
):
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider = ProviderPageFactory(parent=directory, title="Kulturverein", published_by=editor)
    event = EventPageFactory(parent=calendar_page, title="Lesung", organiser=provider)
    with django_capture_on_commit_callbacks(execute=True):
        provider.delete()
    assert "Kulturverein" not in _stored_text(event)
    assert "Kulturverein" not in client.get(URL).content.decode()


def test_deleting_a_category_takes_it_out_of_the_stored_text(
    client, calendar_page, frozen_now, django_capture_on_commit_callbacks
):
    category = ServiceCategoryFactory(slug="kultur", name="Kultur")
    event = EventPageFactory(parent=calendar_page, categories=[category])
    with django_capture_on_commit_callbacks(execute=True):
        category.delete()
    assert "CATEGORIES" not in _stored_text(event)


def test_a_new_host_name_of_the_site_renders_its_events_urls_again(
    client, calendar_page, frozen_now, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    event = EventPageFactory(parent=calendar_page, title="Umzug", slug="umzug")
    site = Site.objects.get(is_default_site=True)
    old_host = site.hostname
    site.hostname, site.port = "quartier.gelsenkirchen.de", 443
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    text = _stored_text(event)
    assert "https://quartier.gelsenkirchen.de/" in text
    assert f"//{old_host}" not in text


def test_moving_an_event_renders_its_url_again(client, calendar_page, gelsenkirchen, frozen_now):
    from .factories import EventIndexPageFactory

    event = EventPageFactory(parent=calendar_page, title="Umzug", slug="umzug")
    other_calendar = EventIndexPageFactory(parent=gelsenkirchen.portal, slug="termine")
    event.move(other_calendar, pos="last-child")
    [vevent] = _calendar(client).walk("VEVENT")
    assert str(vevent["url"]).endswith("/termine/umzug/")


def _post_migrate(plan) -> None:
    from django.apps import apps
    from django.core.management.sql import emit_post_migrate_signal

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default", plan=plan, apps=apps)


def _feed_entry_migration():
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection).graph.nodes[FEED_ENTRY_MIGRATION]


def test_migrating_the_feed_entry_table_in_renders_the_missing_texts(
    client, calendar_page, frozen_now
):
    EventPageFactory(parent=calendar_page, title="Schon da")
    EventFeedEntry.objects.all().delete()
    _post_migrate([(_feed_entry_migration(), False)])
    assert _summaries(_calendar(client)) == {"Schon da"}


def test_migrate_with_nothing_to_apply_renders_nothing(client, calendar_page, frozen_now):
    EventPageFactory(parent=calendar_page, title="Schon da")
    EventFeedEntry.objects.all().delete()
    call_command("migrate", verbosity=0)  # an empty plan
    assert not EventFeedEntry.objects.exists()


def test_texts_wait_while_later_migrations_are_pending(client, calendar_page, frozen_now):
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    EventPageFactory(parent=calendar_page, title="Schon da")
    EventFeedEntry.objects.all().delete()
    # As after a partial migrate, e.g. `migrate events 0004` with later ones to come
    # (rolled back with the test's transaction).
    [latest] = MigrationLoader(connection).graph.leaf_nodes("events")
    MigrationRecorder(connection).record_unapplied(*latest)
    _post_migrate([(_feed_entry_migration(), False)])
    assert not EventFeedEntry.objects.exists()


def test_rolling_the_horizon_renders_every_stored_text_again(client, calendar_page, frozen_now):
    from cms.events.services import occurrence_horizon_roll

    EventPageFactory(parent=calendar_page, title="Nach der Nacht")
    EventFeedEntry.objects.all().delete()
    occurrence_horizon_roll()
    assert _summaries(_calendar(client)) == {"Nach der Nacht"}
