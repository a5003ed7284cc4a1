"""Reading timestamps from PostgreSQL at the speed of psycopg's C implementation.

Django (5.2) reads every `timestamptz` value through a loader of its own that
subclasses psycopg's pure-Python `TimestamptzLoader` (to put its time zone on the
result), so each value is parsed by Python code: about 15 µs a value, which makes
reading the timestamps of a few thousand calendar dates cost more than the query.
When the connection's time zone is UTC (Django's default with USE_TZ, and ours), the
C loader of psycopg's binary package already returns datetimes with
`datetime.timezone.utc`, exactly what Django's loader makes; `fast_timestamps` puts it
in place of Django's loader on each new connection. Elsewhere (another connection time
zone, no C implementation) nothing changes.

`converted_rows` gives the rows of a raw query the values Django's own query would.
"""

from datetime import UTC

from django.db.backends.signals import connection_created
from django.db.models import Value
from django.dispatch import receiver

try:
    from psycopg import adapters
    from psycopg.adapt import Loader
    from psycopg.pq import Format, __impl__
except ImportError:  # pragma: no cover - psycopg is a dependency
    adapters = None

_C_LOADER = None
if adapters is not None and __impl__ in ("binary", "c"):
    _TIMESTAMPTZ = adapters.types["timestamptz"].oid
    _C_LOADER = adapters.get_loader(_TIMESTAMPTZ, Format.TEXT)

    class UtcTimestampLoader(Loader):
        """psycopg's C timestamptz loader, with the `timezone` Django's cursors check.

        Django compares `timezone` with the connection's before each cursor and puts its
        own loader back when they differ, so a change of time zone stays correct.
        """

        timezone = UTC

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            # The C method itself: no Python frame per value.
            self.load = _C_LOADER(oid, context).load

        def load(self, data):  # replaced per instance in __init__
            raise NotImplementedError


@receiver(connection_created, dispatch_uid="cms.core.db.fast_timestamps")
def fast_timestamps(sender, connection, **kwargs):
    """Read timestamps with the C loader on PostgreSQL connections in UTC."""
    if _C_LOADER is None or connection.vendor != "postgresql" or connection.timezone is not UTC:
        return
    connection.connection.adapters.register_loader("timestamptz", UtcTimestampLoader)


def converted_rows(connection, rows, fields) -> list[tuple]:
    """Rows of a raw query as Django's query would return them, given each column's
    model field (None: taken as it comes).

    PostgreSQL needs nothing; SQLite, the embedded demo's database, hands dates and
    times over as text and booleans as integers, which the fields' converters turn into
    the values Django gives.
    """
    converters = []
    for position, field in enumerate(fields):
        if field is None:
            continue
        expression = Value(None, output_field=field)
        for convert in connection.ops.get_db_converters(expression) + field.get_db_converters(
            connection
        ):
            converters.append((position, convert, expression))
    if not converters:
        return [tuple(row) for row in rows]
    converted = []
    for row in rows:
        values = list(row)
        for position, convert, expression in converters:
            values[position] = convert(values[position], expression, connection)
        converted.append(tuple(values))
    return converted
