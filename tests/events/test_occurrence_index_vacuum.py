"""After the nightly rebuild the occurrence index is vacuumed, so that the month view's
counts read `occurrence_shown_idx` alone (cms.events.services.occurrence_index_vacuum)."""

import pytest
from django.db import connection

from cms.events.services import occurrence_index_vacuum


def _vacuum_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'events_eventoccurrence'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_vacuum_is_left_out_inside_a_transaction():
    before = _vacuum_count()
    assert occurrence_index_vacuum() is False
    assert _vacuum_count() == before


# VACUUM runs only outside a transaction; this test builds no data of its own.
@pytest.mark.django_db(transaction=True)
def test_vacuum_runs_outside_a_transaction():
    before = _vacuum_count()
    assert occurrence_index_vacuum() is True
    assert _vacuum_count() == before + 1
