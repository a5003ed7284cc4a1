"""iCal export: valid RFC 5545, filters, stable UIDs, constant queries; bad params → 400."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from cms.events.enums import EventStatus
from cms.events.models import EventOccurrenceChange
from cms.providers.models import ProviderConsent
from tests.providers.factories import (
    ProviderIndexPageFactory,
    ProviderPageFactory,
    ServiceCategoryFactory,
)

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db
URL = "/ical/events.ics"


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
