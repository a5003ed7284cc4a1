"""The SQL of a queryset kept per process for its shape, with each request's values put in.

Building a selector's queryset (its visibility rules, filters and keyset conditions)
and compiling it to SQL costs Django a few milliseconds, more than the database needs
to answer it; an API page of dates pays it on every request, although only a few
values change from one request to the next (the window, the cursor). `sql_for` builds
and compiles the queryset once for a `key` that names everything its shape depends on,
learns where the values sit among the parameters, and from then on only puts the new
values in their places.

The positions are learnt, not assumed: the queryset is built for the request's values
and once more for other values of the same types (each moved by its own amount), and
the two must give the same SQL text, differ exactly where a value went in, and have
every value go in as it was given. Anything else (a value that changes the SQL, one a
database adapter converts, as SQLite does with times) keeps the query from being kept:
it is then built and compiled on every call, as without this module.

`sql_for` gives the SQL to run (the API window wraps it in a statement of its own);
`rows_for` runs it and gives a `values()` queryset's rows, for the API's lists whose
resource says its query depends only on its parameters and the content version.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable

_DATABASE = "default"
_UNKNOWN = object()
# Shapes kept per process (filters combined with the content version).
MAX_KEPT = 256

_kept: OrderedDict[Hashable, tuple[str, tuple, tuple[tuple[int, str], ...]] | None] = OrderedDict()
# For `rows_for`: the template and the names of the columns.
_kept_rows: OrderedDict[Hashable, tuple[tuple, tuple[str, ...]] | None] = OrderedDict()


def sql_for(
    key: Hashable | None, build: Callable[..., QuerySet], values: dict[str, Any]
) -> tuple[str, list]:
    """The SQL and parameters of `build(**values)`.

    `key` names everything but `values` that the query depends on (None: build it now,
    keep nothing). `values` are datetimes or integers; a value that is None changes the
    query's shape, so it belongs in `key` and not here.
    """
    if key is None:
        return _compiled(build(**values))
    template = _kept.get(key, _UNKNOWN)
    if template is _UNKNOWN:
        template, compiled = _learnt(build, values)
        _remember(_kept, key, template)
        return compiled
    _used(_kept, key)
    if template is None:
        return _compiled(build(**values))
    sql, params, positions = template
    filled = list(params)
    for position, name in positions:
        filled[position] = values[name]
    return sql, filled


def rows_for(key: Hashable | None, build: Callable[..., QuerySet], values: dict[str, Any]) -> list:
    """The rows of the `values()` queryset `build(**values)`, as the queryset gives them.

    From the kept SQL where the query can be kept (see `sql_for`) and none of its
    columns needs converting by Django on this database (then a row is the database's
    values under the queryset's names); else the queryset is built and evaluated.
    """
    if key is None:
        return list(build(**values))
    entry = _kept_rows.get(key, _UNKNOWN)
    if entry is _UNKNOWN:
        queryset = build(**values)
        template, _compiled_now = _learnt(build, values, first=queryset)
        names = _plain_names(queryset) if template is not None else None
        _remember(_kept_rows, key, (template, names) if names is not None else None)
        return list(queryset)
    _used(_kept_rows, key)
    if entry is None:
        return list(build(**values))
    (sql, params, positions), names = entry
    filled = list(params)
    for position, name in positions:
        filled[position] = values[name]
    with connections[_DATABASE].cursor() as cursor:
        cursor.execute(sql, filled)
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _remember(kept: OrderedDict, key: Hashable, entry) -> None:
    kept[key] = entry
    while len(kept) > MAX_KEPT:
        try:
            kept.popitem(last=False)
        except KeyError:  # emptied by another thread meanwhile
            break


def _used(kept: OrderedDict, key: Hashable) -> None:
    """Mark the entry as recently used (it may have been dropped by another thread)."""
    with suppress(KeyError):
        kept.move_to_end(key)


def _plain_names(queryset: QuerySet) -> tuple[str, ...] | None:
    """The names of a `values()` queryset's columns, if Django converts none of them."""
    if queryset._iterable_class is not ValuesIterable or queryset.db != _DATABASE:
        return None
    query = queryset.query
    compiler = query.get_compiler(queryset.db)
    compiler.setup_query()
    if compiler.get_converters([column for column, _sql, _alias in compiler.select]):
        return None
    names = (*query.extra_select, *query.values_select, *query.annotation_select)
    return names if len(names) == len(compiler.select) else None


def _compiled(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _learnt(build, values: dict[str, Any], first: QuerySet | None = None):
    """The template (SQL, parameters, positions of the values), or None where the query
    cannot be kept; and the SQL and parameters for `values` (of `first`, if given: the
    queryset already built for them)."""
    compiled = sql, params = _compiled(first if first is not None else build(**values))
    others = {}
    for number, (name, value) in enumerate(sorted(values.items()), start=1):
        if isinstance(value, datetime) and value.year < 9000:
            others[name] = value + timedelta(days=number, microseconds=number)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**31:
            others[name] = value + 7919 * number
        else:  # another type, or a value at the edge of its range (a made-up cursor)
            return None, compiled
    other_sql, other_params = _compiled(build(**others))
    if sql != other_sql or len(params) != len(other_params):
        return None, compiled
    positions = []
    found = set()
    for position, (given, other) in enumerate(zip(params, other_params, strict=True)):
        if given == other and type(given) is type(other):
            continue
        names = [name for name in values if given == values[name] and other == others[name]]
        if len(names) != 1 or type(given) is not type(values[names[0]]):
            return None, compiled
        positions.append((position, names[0]))
        found.add(names[0])
    if found != set(values):
        return None, compiled
    return (sql, tuple(params), tuple(positions)), compiled


def forget() -> None:
    """Drop every kept query (tests)."""
    _kept.clear()
    _kept_rows.clear()
