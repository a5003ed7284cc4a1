"""Timestamps are read by psycopg's C loader on UTC connections, with Django's results."""

import datetime

import pytest
from django.db import connection
from psycopg.pq import Format

from cms.core.db import UtcTimestampLoader

pytestmark = pytest.mark.django_db


def _loader():
    connection.ensure_connection()
    adapters = connection.connection.adapters
    return adapters.get_loader(adapters.types["timestamptz"].oid, Format.TEXT)


def test_utc_connections_read_timestamps_with_the_c_loader():
    assert _loader() is UtcTimestampLoader


def test_timestamps_come_back_aware_in_utc_as_with_djangos_loader():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT '2027-03-01 09:00:00.5+01'::timestamptz, '0001-01-01 00:00+00'::timestamptz"
        )
        first, earliest = cursor.fetchone()
    assert first == datetime.datetime(2027, 3, 1, 8, 0, 0, 500000, tzinfo=datetime.UTC)
    assert first.tzinfo is datetime.UTC
    assert earliest == datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
