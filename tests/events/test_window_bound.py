"""The window query's lower bound on `start` (the longest date) changes no result."""

import pytest
from django.db import connection

from cms.events.selectors import public_occurrences
from tests.events.factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db

MARCH = {"window_start": berlin(2026, 3, 1), "window_end": berlin(2026, 4, 1)}


def _titles(**window) -> set[str]:
    return set(public_occurrences(**window).values_list("event__title", flat=True))


def test_date_that_began_months_before_the_window_still_overlaps_it(calendar_page, frozen_now):
    EventPageFactory(
        parent=calendar_page,
        title="Ausstellung",
        start=berlin(2025, 12, 1, 10),
        end=berlin(2026, 3, 20, 18),
    )
    EventPageFactory(parent=calendar_page, title="Kaffeetreff", start=berlin(2026, 3, 10, 15))
    assert _titles(**MARCH) == {"Ausstellung", "Kaffeetreff"}


def test_date_that_ended_before_the_window_is_not_in_it(calendar_page, frozen_now):
    EventPageFactory(
        parent=calendar_page,
        title="Ausstellung",
        start=berlin(2025, 12, 1, 10),
        end=berlin(2026, 3, 20, 18),
    )
    EventPageFactory(parent=calendar_page, title="Februar", start=berlin(2026, 2, 27, 19))
    assert _titles(**MARCH) == {"Ausstellung"}


def test_window_ending_at_a_dates_end_does_not_include_it(calendar_page, frozen_now):
    EventPageFactory(
        parent=calendar_page,
        title="Abend",
        start=berlin(2026, 2, 28, 22),
        end=berlin(2026, 3, 1, 0),
    )
    assert _titles(**MARCH) == set()


def test_window_query_bounds_the_start_of_its_dates_from_below():
    sql = str(public_occurrences(**MARCH).query)
    table = '"events_eventoccurrence"'
    assert f'{table}."start" > ' in sql
    assert f'{table}."start" < ' in sql


def test_longest_date_is_read_from_the_duration_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'occurrence_duration_idx'"
        )
        (definition,) = cursor.fetchone()
    assert '("end" - start)' in definition
