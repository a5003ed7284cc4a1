"""The month cells' query on PostgreSQL: day by day from the covering index, same rows.

`month._shown_rows` asks each day of the grid for its count and its first dates
(LATERAL, reading `occurrence_shown_idx` alone) instead of numbering every date of the
six weeks (`month._numbered_rows`, kept for SQLite). These tests compare the two on the
same data, for the whole calendar and for one district (whose dates are read from the
district index), with the cases a day by day reading could get wrong: dates spanning
days, a date that began before the grid, midnight, the change to summer time, a
cancelled date, a full day; and check that the database reads the covering index.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.events.calendar import local_midnight
from cms.events.models import EventOccurrence, EventOccurrenceDistrict
from cms.events.month import _numbered_rows, _shown_rows
from cms.events.selectors import CalendarFilters, public_occurrences

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db

FIRST, LAST = date(2026, 2, 23), date(2026, 4, 5)  # March's grid; summer time on 29 March
LIMIT = 3


@pytest.fixture
def schalke(gelsenkirchen):
    return gelsenkirchen.district_homes["schalke"].district


@pytest.fixture
def month_of_dates(calendar_page, schalke, gelsenkirchen, frozen_now):
    huellen = gelsenkirchen.district_homes["huellen"].district
    for hour in (8, 9, 10, 11, 12):
        EventPageFactory(
            parent=calendar_page,
            title=f"Um {hour} Uhr",
            start=berlin(2026, 3, 10, hour),
            end=berlin(2026, 3, 10, hour, 30),
            districts=[schalke] if hour % 2 else [huellen],
        )
    EventPageFactory(
        parent=calendar_page,
        title="Jeden Sonntag",
        start=berlin(2026, 3, 1, 23),
        end=berlin(2026, 3, 2, 0),  # ends at midnight: within its day
        recurrence_rule="FREQ=WEEKLY;COUNT=6",
        districts=[schalke],
    )
    EventPageFactory(
        parent=calendar_page,
        title="Ausstellung",
        start=berlin(2026, 3, 27, 10),
        end=berlin(2026, 3, 30, 18),  # across the change to summer time
        districts=[schalke, huellen],
    )
    EventPageFactory(
        parent=calendar_page,
        title="Nachtwanderung",
        start=berlin(2026, 3, 28, 23),
        end=berlin(2026, 3, 29, 1),
        districts=[schalke],
    )
    EventPageFactory(
        parent=calendar_page,
        title="Flohmarkt",
        all_day=True,
        start=berlin(2026, 3, 14, 0),
        end=berlin(2026, 3, 15, 0),
        districts=[huellen],
    )
    EventPageFactory(
        parent=calendar_page,
        title="Über den Monatsrand",
        start=berlin(2026, 2, 20, 10),
        end=berlin(2026, 2, 25, 10),
        districts=[schalke],
    )
    EventPageFactory(
        parent=calendar_page,
        title="Abgesagt",
        start=berlin(2026, 3, 10, 7),
        end=berlin(2026, 3, 10, 8),
        districts=[schalke],
    )
    EventOccurrence.objects.filter(event__title="Abgesagt").update(is_cancelled=True)


def _occurrences(filters=None):
    return public_occurrences(
        window_start=local_midnight(FIRST),
        window_end=local_midnight(LAST + timedelta(days=1)),
        filters=filters,
    )


def _rows(rows: list[dict]) -> list[tuple]:
    """The rows as the cells use them (a spanning date's own count is never read)."""
    return [
        (
            row["pk"],
            row["start"],
            row["first_day"],
            row["last_day"],
            row["day_total"] if row["first_day"] == row["last_day"] else None,
            row["event__title"],
            row["is_cancelled"],
            row["venue_name"],
        )
        for row in rows
    ]


def test_cells_query_gives_the_numbered_rows_of_the_whole_calendar(month_of_dates):
    shown = _shown_rows(_occurrences(), first=FIRST, last=LAST, limit=LIMIT)
    numbered = _numbered_rows(_occurrences(), limit=LIMIT)
    assert _rows(shown) == _rows(numbered)
    assert {row["event__title"] for row in shown} >= {"Ausstellung", "Über den Monatsrand"}


def test_cells_query_gives_the_numbered_rows_of_one_district(month_of_dates, schalke):
    filters = CalendarFilters(district_ids=(schalke.pk,))
    shown = _shown_rows(_occurrences(filters), first=FIRST, last=LAST, limit=LIMIT)
    numbered = _numbered_rows(_occurrences(filters), limit=LIMIT)
    assert _rows(shown) == _rows(numbered)
    assert "Flohmarkt" not in {row["event__title"] for row in shown}


def test_cells_query_counts_a_full_day_and_keeps_its_first_dates(month_of_dates):
    shown = _shown_rows(_occurrences(), first=FIRST, last=LAST, limit=LIMIT)
    tenth = [row for row in shown if row["first_day"] == date(2026, 3, 10)]
    assert [row["event__title"] for row in tenth] == ["Abgesagt", "Um 8 Uhr", "Um 9 Uhr"]
    assert {row["day_total"] for row in tenth} == {6}


def _add_dates(event, district, count: int) -> None:
    """Many dates in March for one event (in bulk), so that the planner's choice matters."""
    target_group = EventOccurrence.objects.filter(event=event).first().target_group
    occurrences = EventOccurrence.objects.bulk_create(
        EventOccurrence(
            event=event,
            start=berlin(2026, 3, 1) + timedelta(minutes=13 * n),
            end=berlin(2026, 3, 1) + timedelta(minutes=13 * n + 45),
            target_group=target_group,
            event_path=event.path,
        )
        for n in range(count)
    )
    EventOccurrenceDistrict.objects.bulk_create(
        EventOccurrenceDistrict(
            occurrence=occurrence, event_id=event.pk, district=district, start=occurrence.start
        )
        for occurrence in occurrences
    )


@pytest.mark.parametrize(
    ("one_district", "index"),
    [(False, "occurrence_shown_idx"), (True, "occurrence_district_idx")],
    ids=["whole calendar", "one district"],
)
def test_cells_query_reads_each_day_from_an_index_without_numbering_all_dates(
    calendar_page, schalke, frozen_now, one_district, index
):
    event = EventPageFactory(parent=calendar_page, districts=[schalke])
    _add_dates(event, schalke, count=3000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_eventoccurrence")
        cursor.execute("ANALYZE events_eventoccurrencedistrict")
    filters = CalendarFilters(district_ids=(schalke.pk,)) if one_district else None
    occurrences = _occurrences(filters)
    with CaptureQueriesContext(connection) as queries:
        rows = _shown_rows(occurrences, first=FIRST, last=LAST, limit=LIMIT)
    assert {row["first_day"] for row in rows if row["day_total"]} == {
        date(2026, 3, 1) + timedelta(days=n) for n in range(28)
    }
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {queries.captured_queries[0]['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Index Only Scan using {index}" in plan, plan
    assert "Seq Scan on events_eventoccurrence " not in plan, plan
    assert "WindowAgg" not in plan, plan
