"""Cancelled and moved single dates of a series: they stay in the calendar, marked in words.

Issue 14: "A cancelled date of a series stays in the list, marked 'fällt aus' with the
reason if one was given; a moved date shows where it moved."
"""

import importlib

import pytest
from django.apps import apps
from django.utils.html import escape
from icalendar import Calendar

from cms.events.models import EventOccurrence, EventOccurrenceChange
from cms.events.selectors import CalendarFilters, public_occurrences, taking_place

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db
REASON = "Die Leiterin ist krank"


@pytest.fixture
def series(calendar_page, frozen_now):
    """Weekly on Tuesdays 19:00 in March 2026; the 17th cancelled, the 24th moved."""
    return EventPageFactory(
        parent=calendar_page,
        title="Spieleabend",
        start=berlin(2026, 3, 3, 19),
        end=berlin(2026, 3, 3, 21),
        recurrence_rule="FREQ=WEEKLY;COUNT=4",
        changes=[
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 17, 19),
                cancelled=True,
                cancellation_reason=REASON,
            ),
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 24, 19),
                cancelled=False,
                new_start=berlin(2026, 3, 26, 17),
                new_end=berlin(2026, 3, 26, 19),
            ),
        ],
    )


def _html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_calendar_list_shows_a_cancelled_date_as_falls_out_with_its_reason(
    client, calendar_page, series
):
    html = _html(client, calendar_page.url, start="2026-03-17", end="2026-03-17")
    assert "Spieleabend" in html
    assert "Fällt aus" in html
    assert escape(f"Grund: {REASON}") in html
    assert "occurrence--cancelled" in html


def test_calendar_list_shows_where_a_moved_date_moved(client, calendar_page, series):
    html = _html(client, calendar_page.url, start="2026-03-26", end="2026-03-26")
    assert "Verschoben vom Dienstag, 24. März, 19:00 Uhr auf Donnerstag, 26. März, 17:00 Uhr" in (
        html
    )


def test_week_view_marks_the_cancelled_date_with_its_reason(client, calendar_page, series):
    html = _html(client, calendar_page.url, view="woche", date="2026-03-17")
    assert "Fällt aus" in html
    assert escape(f"Grund: {REASON}") in html


def test_month_view_marks_cancelled_and_moved_dates_in_words(client, calendar_page, series):
    html = _html(client, calendar_page.url, view="monat", date="2026-03-01")
    assert "Fällt aus" in html
    assert escape(f"Grund: {REASON}") in html
    assert "Verschoben vom Dienstag, 24. März" in html


def test_dates_of_a_series_without_changes_are_not_marked(client, calendar_page, series):
    html = _html(client, calendar_page.url, start="2026-03-10", end="2026-03-10")
    assert "Spieleabend" in html
    assert "Fällt aus" not in html
    assert "Verschoben" not in html


def test_event_page_lists_the_cancelled_date_with_its_reason_and_the_moved_date(client, series):
    html = _html(client, series.url)
    assert escape(f"Grund: {REASON}") in html
    assert "Verschoben vom Dienstag, 24. März, 19:00 Uhr" in html


def test_cancelled_date_is_listed_by_the_public_selector(series):
    occurrences = public_occurrences(window_start=berlin(2026, 3, 1), window_end=berlin(2026, 4, 1))
    assert occurrences.filter(is_cancelled=True, cancellation_reason=REASON).count() == 1


def test_counts_of_what_takes_place_leave_the_cancelled_date_out(series):
    occurrences = public_occurrences(window_start=berlin(2026, 3, 1), window_end=berlin(2026, 4, 1))
    assert occurrences.count() == 4
    assert taking_place(occurrences).count() == 3


def test_filter_without_cancelled_leaves_the_cancelled_date_out(series):
    occurrences = public_occurrences(
        window_start=berlin(2026, 3, 1),
        window_end=berlin(2026, 4, 1),
        filters=CalendarFilters(include_cancelled=False),
    )
    assert not occurrences.filter(is_cancelled=True).exists()


def test_ical_keeps_the_cancelled_date_as_exdate_in_the_one_master(client, series):
    calendar = Calendar.from_ical(client.get("/ical/events.ics").content)
    masters = [c for c in calendar.walk("VEVENT") if "RECURRENCE-ID" not in c]
    assert len(masters) == 1
    assert [d.dt for d in masters[0]["exdate"].dts] == [berlin(2026, 3, 17, 19)]


def test_ical_description_names_the_cancelled_date_and_its_reason(client, series):
    calendar = Calendar.from_ical(client.get("/ical/events.ics").content)
    master = next(c for c in calendar.walk("VEVENT") if "RECURRENCE-ID" not in c)
    assert f"Fällt aus am 17.03.2026, 19:00 Uhr: {REASON}" in str(master["description"])


def test_changing_only_the_reason_updates_the_occurrence_row(series):
    change = series.changes.get(cancelled=True)
    change.cancellation_reason = "Der Saal ist belegt"
    series.changes = [change, *series.changes.filter(cancelled=False)]
    series.save_revision().publish()
    row = EventOccurrence.objects.get(event=series, is_cancelled=True)
    assert row.cancellation_reason == "Der Saal ist belegt"


def test_migration_gives_cancelled_dates_of_existing_series_their_row(series):
    """Rows built before this change had no row for a cancelled date; the migration adds it."""
    migration = importlib.import_module("cms.events.migrations.0005_add_cancellation_reason")
    EventOccurrence.objects.filter(event=series, is_cancelled=True).delete()
    migration.add_rows_of_cancelled_dates(apps, None)
    rows = EventOccurrence.objects.filter(event=series).order_by("start")
    assert [(row.start, row.is_cancelled) for row in rows] == [
        (berlin(2026, 3, 3, 19), False),
        (berlin(2026, 3, 10, 19), False),
        (berlin(2026, 3, 17, 19), True),
        (berlin(2026, 3, 26, 17), False),
    ]
