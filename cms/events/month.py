"""The month view's day cells: the first few dates of each day and how many there are.

A month of a busy calendar holds thousands of dates; a day cell shows a handful and
links the rest ("3 weitere") to the day's list. So the month is read as only what the
cells show: per local day the first `QUARTIER_MONTH_DAY_ENTRIES` dates (numbered by
`ROW_NUMBER() OVER (PARTITION BY day ORDER BY start)`) with the day's total from a
window `COUNT` in the same query, as values, never as page instances.

Dates spanning more than one local day (an exhibition, a holiday camp) appear on
each of their days; they are rare, so the same query returns all of them, and they are
laid over the days in Python.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connections
from django.db.models import (
    Case,
    Count,
    DateField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber, TruncDate
from wagtail.models import Page

from cms.core.db import converted_rows

from .models import EventOccurrence
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


# What a cell shows of its event, read from the page rows of the shown dates only.
_EVENT_COLUMNS = {"event__title": "title", "event__slug": "slug", "event__path": "path"}
_DATE_COLUMNS = tuple(column for column in ENTRY_COLUMNS if column not in _EVENT_COLUMNS)


def _numbered_rows(occurrences: QuerySet, *, limit: int) -> list[dict]:
    """The rows the cells show, in one query (the form for databases without LATERAL,
    SQLite of the embedded demo; `_shown_rows` on PostgreSQL): the first `limit` dates
    of each local day among the dates within one day, each with its day's total, and
    every date spanning several days (few).

    The single-day dates of a day share one window partition; each spanning date is a
    partition of its own (its pk), so its number is always 1 and it is always kept.
    One scan of the month's rows instead of one for each kind. The numbering reads
    only the dates' own rows (the visibility rule needs no join, see
    `EventOccurrence.event_path`); the event's title, slug and path are joined to the
    few rows kept, outside the numbering, instead of to every date of the month.
    """
    spanning_key = Case(When(~Q(first_day=F("last_day")), then=F("pk")), default=Value(None))
    partition = [TruncDate("start", tzinfo=LOCAL_TZ), spanning_key]
    numbered = (
        _with_days(occurrences)
        .annotate(
            position=Window(RowNumber(), partition_by=partition, order_by=["start", "pk"]),
            day_total=Window(Count("pk"), partition_by=partition),
        )
        .filter(position__lte=limit)
        .values(*_DATE_COLUMNS, "pk", "first_day", "last_day", "day_total")
        .order_by()
    )
    sql, params = numbered.query.sql_with_params()
    connection = connections[numbered.db]
    page = connection.ops.quote_name(Page._meta.db_table)
    event_columns = ", ".join(
        f"{page}.{connection.ops.quote_name(column)} AS {connection.ops.quote_name(alias)}"
        for alias, column in _EVENT_COLUMNS.items()
    )
    return _fetch(
        connection,
        f"SELECT shown.*, {event_columns} FROM ({sql}) AS shown "  # noqa: S608 - no input in it
        f"INNER JOIN {page} ON {page}.id = shown.event_id "
        "ORDER BY shown.start, shown.pk",
        params,
    )


def _fetch(connection, sql: str, params) -> list[dict]:
    """The rows of a query as dicts, their values as Django's query would give them
    (`converted_rows`: SQLite, the demo's database, hands dates over as text)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        fields = {
            "first_day": DateField(),
            "last_day": DateField(),
            **{field.attname: field for field in EventOccurrence._meta.concrete_fields},
        }
        rows = converted_rows(connection, cursor.fetchall(), [fields.get(name) for name in names])
        return [dict(zip(names, row, strict=True)) for row in rows]


def _shown_rows(occurrences: QuerySet, *, first: date, last: date, limit: int) -> list[dict]:
    """The rows the cells from `first` to `last` show, in one query: for each local day
    the first `limit` dates lying within that day, with the day's number of them, and
    every date spanning several days (few). The same rows as `_numbered_rows`.

    Numbering every date of the six weeks (3,300 at full size) read each of them from
    the table and sorted them all by their local day, computed per row. Here each day
    is asked for by itself (LATERAL, the day's bounds as local midnights, so no time
    zone arithmetic per row): one pass over its dates counts those within the day and
    collects the spanning ones, a second reads its first `limit` dates in order and
    stops; both read `occurrence_shown_idx` alone, which holds every column the
    visibility rule reads (the selector's conditions, unchanged, are the `dates` each
    day reads). Only the kept rows (about 140) are read from the table, with their
    event's page row. A day before the grid (from the earliest time on) collects the
    dates that began before it and reach into it.
    """
    connection = connections[occurrences.db]
    if connection.vendor != "postgresql":
        return _numbered_rows(occurrences, limit=limit)
    # The selector's own order is along the index it reads: the occurrences' start, or
    # one district's copy of it (the same value, see `EventOccurrenceDistrict.start`).
    # For a district the day's range goes on both, and saying that they are equal lets
    # the database join the two indexes on (start, id) within the day, whichever way it
    # joins them; with the range on one side only, a join could walk the other index
    # from the window's start for each day.
    order_field = occurrences.query.order_by[0]
    dates = occurrences.values("pk", "start", "end", date_start=F(order_field)).order_by()
    dates_sql, dates_params = dates.query.sql_with_params()
    in_day = "dates.date_start >= bounds.day_start AND dates.date_start < bounds.day_end"
    if order_field != "start":
        in_day += (
            " AND dates.start >= bounds.day_start AND dates.start < bounds.day_end"
            " AND dates.start = dates.date_start"
        )
    # The date's last second on the day it starts: `_with_days`' first_day = last_day.
    last_second = "(dates.\"end\" - interval '1 second')"
    within_day = f"{last_second} >= bounds.day_start AND {last_second} < bounds.day_end"
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    day_rows = ", ".join(["(%s::date, %s::timestamptz, %s::timestamptz)"] * (len(days) + 1))
    day_params = [None, "-infinity", _local_midnight(first)]
    for day in days:
        day_params += [day, _local_midnight(day), _local_midnight(day + timedelta(days=1))]
    quote = connection.ops.quote_name
    occurrence, page = quote(EventOccurrence._meta.db_table), quote(Page._meta.db_table)
    shown_columns = ", ".join(
        [
            *(f"{occurrence}.{quote(column)}" for column in _DATE_COLUMNS),
            f"{occurrence}.id AS pk",
            *(
                f"{page}.{quote(column)} AS {quote(alias)}"
                for alias, column in _EVENT_COLUMNS.items()
            ),
        ]
    )
    sql = (
        f"WITH dates AS NOT MATERIALIZED ({dates_sql}), "  # noqa: S608 - no input in it
        f"days (day, day_start, day_end) AS (VALUES {day_rows}), "
        "by_day AS (SELECT bounds.*, counted.total, counted.spanning FROM days AS bounds "
        "CROSS JOIN LATERAL (SELECT "
        f"count(*) FILTER (WHERE {within_day}) AS total, "
        f"array_agg(dates.pk) FILTER (WHERE NOT ({within_day})) AS spanning "
        f"FROM dates WHERE {in_day}) AS counted), "
        "kept (pk, day, day_total) AS ("
        "SELECT first_dates.pk, bounds.day, bounds.total FROM by_day AS bounds "
        "CROSS JOIN LATERAL (SELECT dates.pk FROM dates "
        f"WHERE {in_day} AND {within_day} "
        "ORDER BY dates.date_start, dates.pk LIMIT %s) AS first_dates "
        "WHERE bounds.day IS NOT NULL AND bounds.total > 0 "
        "UNION ALL "
        "SELECT unnest(by_day.spanning), NULL, NULL FROM by_day) "
        # LIMIT 1 keeps each kept row's lookup a step along the primary key: joined
        # plainly, a poor estimate of the kept rows can make it a scan of the table.
        "SELECT kept.day, kept.day_total, shown.* FROM kept "
        f"CROSS JOIN LATERAL (SELECT {shown_columns} FROM {occurrence} "
        f"INNER JOIN {page} ON {page}.id = {occurrence}.event_id "
        f"WHERE {occurrence}.id = kept.pk LIMIT 1) AS shown "
        "ORDER BY shown.start, shown.pk"
    )
    rows = _fetch(connection, sql, [*dates_params, *day_params, limit])
    for row in rows:
        day = row.pop("day")
        if day is not None:
            row["first_day"] = row["last_day"] = day
        else:
            row["first_day"] = row["start"].astimezone(LOCAL_TZ).date()
            row["last_day"] = (row["end"] - timedelta(seconds=1)).astimezone(LOCAL_TZ).date()
    return rows


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=LOCAL_TZ)


def month_cells(occurrences: QuerySet, first: date, last: date, *, request=None) -> list[DayCell]:
    """The day cells from `first` to `last` for the visible occurrences of that window.

    Two queries whatever the number of dates: the days' first dates with the days'
    totals and the spanning dates, and the calendar URLs of the dates shown (none while
    they are kept under the content version). The entries' events carry no district
    names: a cell does not show them.
    """
    limit = day_entries_limit()
    rows = _shown_rows(occurrences, first=first, last=last, limit=limit)
    single = [row for row in rows if row["first_day"] == row["last_day"]]
    spanning = [row for row in rows if row["first_day"] != row["last_day"]]
    # A cell shows a date's time, its event's title and link and its state, not the
    # event's districts: no query for them.
    entries = iter(calendar_entries([*single, *spanning], request=request, with_districts=False))
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
