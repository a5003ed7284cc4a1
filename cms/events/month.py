"""The month view's day cells: the first few dates of each day and how many there are.

A month of a busy calendar holds thousands of dates; a day cell shows a handful and
links the rest ("3 weitere") to the day's list. So the month is read as only what the
cells show: per local day the first `QUARTIER_MONTH_DAY_ENTRIES` dates (numbered by
`ROW_NUMBER() OVER (PARTITION BY day ORDER BY start)`) with the day's total from a
window `COUNT` in the same query, as values, never as page instances.

Dates spanning more than one local day (an exhibition, a holiday camp) appear on
each of their days; they are rare, so they are read in a second query and laid over
the days in Python.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, DateTimeField, ExpressionWrapper, F, QuerySet, Window
from django.db.models.functions import RowNumber, TruncDate

from .recurrence import LOCAL_TZ
from .selectors import ENTRY_COLUMNS, CalendarEntry, calendar_entries


@dataclass(frozen=True)
class DayCell:
    """One day of the month grid: the dates it shows and how many more there are."""

    date: date
    occurrences: list[CalendarEntry]
    total: int

    @property
    def more(self) -> int:
        """Dates of the day not shown in the cell (the "n weitere" link)."""
        return self.total - len(self.occurrences)


def day_entries_limit() -> int:
    return max(settings.QUARTIER_MONTH_DAY_ENTRIES, 1)


def _with_days(occurrences: QuerySet) -> QuerySet:
    """The local days of each date's start and of its last second."""
    last_second = ExpressionWrapper(F("end") - timedelta(seconds=1), output_field=DateTimeField())
    return occurrences.annotate(
        first_day=TruncDate("start", tzinfo=LOCAL_TZ),
        last_day=TruncDate(last_second, tzinfo=LOCAL_TZ),
    )


def _first_of_each_day(occurrences: QuerySet, *, limit: int) -> list[dict]:
    """Dates within one local day: the first `limit` of each day, each with its day's total."""
    day = TruncDate("start", tzinfo=LOCAL_TZ)
    return list(
        _with_days(occurrences)
        .filter(first_day=F("last_day"))
        .annotate(
            position=Window(RowNumber(), partition_by=[day], order_by=["start", "pk"]),
            day_total=Window(Count("pk"), partition_by=[day]),
        )
        .filter(position__lte=limit)
        .values(*ENTRY_COLUMNS, "pk", "first_day", "day_total")
        .order_by("start", "pk")
    )


def _spanning_days(occurrences: QuerySet) -> list[dict]:
    """Dates that run over more than one local day (few), with their first and last day."""
    return list(
        _with_days(occurrences)
        .exclude(first_day=F("last_day"))
        .values(*ENTRY_COLUMNS, "pk", "first_day", "last_day")
        .order_by("start", "pk")
    )


def month_cells(occurrences: QuerySet, first: date, last: date, *, request=None) -> list[DayCell]:
    """The day cells from `first` to `last` for the visible occurrences of that window.

    Four queries whatever the number of dates: the days' first dates with the days'
    totals, the spanning dates, and the districts and calendar URLs of the dates shown.
    """
    limit = day_entries_limit()
    single = _first_of_each_day(occurrences, limit=limit)
    spanning = _spanning_days(occurrences)
    entries = iter(calendar_entries([*single, *spanning], request=request))
    shown: dict[date, list[tuple]] = {}
    totals: dict[date, int] = {}
    for row in single:
        entry = next(entries)
        shown.setdefault(row["first_day"], []).append((row["start"], row["pk"], entry))
        totals[row["first_day"]] = row["day_total"]
    for row in spanning:
        entry = next(entries)
        day, final = max(row["first_day"], first), min(row["last_day"], last)
        while day <= final:
            shown.setdefault(day, []).append((row["start"], row["pk"], entry))
            totals[day] = totals.get(day, 0) + 1
            day += timedelta(days=1)
    cells = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        first_dates = sorted(shown.get(day, ()), key=lambda item: (item[0], item[1]))[:limit]
        cells.append(
            DayCell(
                date=day,
                occurrences=[entry for _start, _pk, entry in first_dates],
                total=totals.get(day, 0),
            )
        )
    return cells
