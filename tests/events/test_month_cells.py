"""The month cells' query gives what every date of the grid, laid out day by day, gives.

`month.month_cells` reads only what the cells show (the first dates of each day and the
day's total, the page rows of the shown dates only); this compares it with the plain
computation from all of the selector's dates on the same data, so that a faster query
can never show other dates, another order or other totals.
"""

from datetime import date, timedelta

import pytest

from cms.events.calendar import local_midnight
from cms.events.month import month_cells
from cms.events.recurrence import LOCAL_TZ
from cms.events.selectors import calendar_entries, occurrences_for_listing, public_occurrences

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db

FIRST, LAST = date(2026, 2, 23), date(2026, 4, 5)  # the six weeks of March's grid


def _occurrences():
    return public_occurrences(
        window_start=local_midnight(FIRST), window_end=local_midnight(LAST + timedelta(days=1))
    )


def _plain_cells(limit: int) -> list[tuple]:
    """Every date of the window, laid over each local day it touches, first `limit` shown."""
    entries = calendar_entries(occurrences_for_listing(_occurrences()), with_districts=False)
    by_day = {FIRST + timedelta(days=n): [] for n in range((LAST - FIRST).days + 1)}
    for entry in entries:
        day = max(entry.start.astimezone(LOCAL_TZ).date(), FIRST)
        final = min((entry.end - timedelta(seconds=1)).astimezone(LOCAL_TZ).date(), LAST)
        while day <= final:
            by_day[day].append(entry)
            day += timedelta(days=1)
    return [(day, items[:limit], len(items)) for day, items in by_day.items()]


def test_month_cells_equal_the_plain_layout_of_all_dates(calendar_page, frozen_now, settings):
    settings.QUARTIER_MONTH_DAY_ENTRIES = 3
    for hour in (8, 9, 10, 11, 12):
        EventPageFactory(
            parent=calendar_page,
            title=f"Um {hour} Uhr",
            start=berlin(2026, 3, 10, hour),
            end=berlin(2026, 3, 10, hour, 30),
        )
    EventPageFactory(
        parent=calendar_page,
        title="Jeden Dienstag",
        start=berlin(2026, 2, 24, 7),
        end=berlin(2026, 2, 24, 8),
        recurrence_rule="FREQ=WEEKLY;COUNT=7",
    )
    EventPageFactory(
        parent=calendar_page,
        title="Ausstellung",
        start=berlin(2026, 3, 9, 10),
        end=berlin(2026, 3, 12, 18),
    )
    EventPageFactory(
        parent=calendar_page,
        title="Flohmarkt",
        all_day=True,
        start=berlin(2026, 3, 14, 0),
        end=berlin(2026, 3, 15, 0),
    )
    EventPageFactory(
        parent=calendar_page,
        title="Über den Monatsrand",
        start=berlin(2026, 2, 20, 10),
        end=berlin(2026, 2, 25, 10),
    )
    cells = month_cells(_occurrences(), FIRST, LAST)
    assert [(cell.date, cell.occurrences, cell.total) for cell in cells] == _plain_cells(3)
    busy = next(cell for cell in cells if cell.date == date(2026, 3, 10))
    assert busy.total == 7 and busy.more == 4
