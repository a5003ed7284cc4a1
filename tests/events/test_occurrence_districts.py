"""The occurrence index's district rows (EventOccurrenceDistrict) follow the events.

The district filter of every calendar reads these rows instead of the event's link
table, so they must be exactly the event's districts for each of its dates, whichever
path writes the index, and the filter must give what the link table gives.
"""

from datetime import timedelta

import pytest

from cms.events.models import EventOccurrence, EventOccurrenceDistrict, EventPage
from cms.events.selectors import CalendarFilters, public_occurrences
from cms.events.services import event_occurrences_refresh_many, occurrence_horizon_roll
from tests.events.factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db

MARCH = {"window_start": berlin(2026, 3, 1), "window_end": berlin(2026, 4, 1)}
WEEKLY = "FREQ=WEEKLY;COUNT=3"


@pytest.fixture
def schalke(gelsenkirchen):
    return gelsenkirchen.district_homes["schalke"].district


@pytest.fixture
def huellen(gelsenkirchen):
    return gelsenkirchen.district_homes["huellen"].district


def _rows(event) -> set[tuple]:
    """(district, start) of each district row of the event, checked against its dates."""
    rows = EventOccurrenceDistrict.objects.filter(event=event).select_related("occurrence")
    assert all(row.occurrence.start == row.start for row in rows)
    assert all(row.occurrence.event_id == event.pk for row in rows)
    return {(row.district_id, row.start) for row in rows}


def _starts(event) -> list:
    return list(
        EventOccurrence.objects.filter(event=event)
        .order_by("start")
        .values_list("start", flat=True)
    )


def test_publishing_writes_a_row_per_date_and_district(calendar_page, frozen_now, schalke, huellen):
    event = EventPageFactory(
        parent=calendar_page, recurrence_rule=WEEKLY, districts=[schalke, huellen]
    )
    starts = _starts(event)
    assert len(starts) == 3
    assert _rows(event) == {(d.pk, start) for d in (schalke, huellen) for start in starts}


def test_event_without_district_has_no_rows(calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page)
    assert _starts(event)
    assert _rows(event) == set()


def test_publishing_other_districts_replaces_the_rows(calendar_page, frozen_now, schalke, huellen):
    event = EventPageFactory(parent=calendar_page, recurrence_rule=WEEKLY, districts=[schalke])
    event.districts = [huellen]
    event.save_revision(user=event.owner).publish(user=event.owner)
    assert _rows(event) == {(huellen.pk, start) for start in _starts(event)}


def test_unpublishing_removes_the_rows(calendar_page, frozen_now, schalke):
    event = EventPageFactory(parent=calendar_page, districts=[schalke])
    event.unpublish()
    assert not EventOccurrenceDistrict.objects.filter(event=event).exists()


def test_deleting_the_event_removes_the_rows(calendar_page, frozen_now, schalke):
    event = EventPageFactory(parent=calendar_page, districts=[schalke])
    event_id = event.pk
    event.delete()
    assert not EventOccurrenceDistrict.objects.filter(event_id=event_id).exists()


def test_bulk_refresh_writes_the_rows_of_each_event(calendar_page, frozen_now, schalke, huellen):
    first = EventPageFactory(parent=calendar_page, recurrence_rule=WEEKLY, districts=[schalke])
    second = EventPageFactory(parent=calendar_page, districts=[schalke, huellen])
    # Districts changed on the live rows without a rebuild (as a bulk import writes them).
    EventPage.districts.through.objects.filter(eventpage_id=first.pk).update(district_id=huellen.pk)
    event_occurrences_refresh_many(event_ids=[first.pk, second.pk])
    assert _rows(first) == {(huellen.pk, start) for start in _starts(first)}
    assert _rows(second) == {(d.pk, start) for d in (schalke, huellen) for start in _starts(second)}


def test_horizon_roll_writes_the_rows_again(calendar_page, frozen_now, schalke):
    event = EventPageFactory(parent=calendar_page, recurrence_rule=WEEKLY, districts=[schalke])
    EventOccurrenceDistrict.objects.all().delete()
    occurrence_horizon_roll()
    assert _rows(event) == {(schalke.pk, start) for start in _starts(event)}
    assert EventOccurrenceDistrict.objects.count() == 3


def test_one_district_filter_reads_the_district_rows_in_their_index_order():
    sql = str(public_occurrences(**MARCH, filters=CalendarFilters(district_ids=(1,))).query)
    table = '"events_eventoccurrencedistrict"'
    assert f'{table}."district_id" = 1' in sql
    assert f'ORDER BY {table}."start" ASC, {table}."occurrence_id" ASC' in sql
    assert "events_eventpage_districts" not in sql


def test_district_filter_gives_the_event_in_its_districts_once_per_date(
    calendar_page, frozen_now, schalke, huellen
):
    both = EventPageFactory(
        parent=calendar_page, title="Beide", recurrence_rule=WEEKLY, districts=[schalke, huellen]
    )
    EventPageFactory(parent=calendar_page, title="Hüllen", districts=[huellen])
    EventPageFactory(parent=calendar_page, title="Nirgends")
    for district_ids in [(schalke.pk,), (schalke.pk, huellen.pk)]:
        filters = CalendarFilters(district_ids=district_ids)
        titles = list(
            public_occurrences(**MARCH, filters=filters).values_list("event__title", flat=True)
        )
        expected = ["Beide"] * 3 if len(district_ids) == 1 else ["Beide"] * 3 + ["Hüllen"]
        assert sorted(titles) == sorted(expected)
    assert len(_starts(both)) == 3


@pytest.mark.parametrize("one_district", [True, False])
def test_pages_after_a_position_continue_the_order_without_gaps(
    calendar_page, frozen_now, schalke, huellen, one_district
):
    # Several dates at the same time, so the order needs the id as a tiebreaker.
    for n in range(4):
        EventPageFactory(
            parent=calendar_page,
            recurrence_rule=WEEKLY,
            start=berlin(2026, 3, 2, 10),
            end=berlin(2026, 3, 2, 11) + timedelta(minutes=n),
            districts=[schalke],
        )
    filters = CalendarFilters(district_ids=(schalke.pk,) if one_district else ())
    everything = list(public_occurrences(**MARCH, filters=filters).values_list("start", "pk"))
    assert len(everything) == 12
    pages, position = [], None
    while True:
        page = list(
            public_occurrences(**MARCH, filters=filters, after=position).values_list("start", "pk")[
                :5
            ]
        )
        if not page:
            break
        pages += page
        position = page[-1]
    assert pages == everything
    assert everything == sorted(everything)


def test_migration_fills_the_rows_of_the_dates_already_indexed(
    calendar_page, frozen_now, schalke, huellen
):
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    migration = import_module("cms.events.migrations.0007_add_occurrence_districts")
    event = EventPageFactory(
        parent=calendar_page, recurrence_rule=WEEKLY, districts=[schalke, huellen]
    )
    single = EventPageFactory(parent=calendar_page, districts=[huellen])
    EventOccurrenceDistrict.objects.all().delete()
    with connection.schema_editor() as schema_editor:
        migration.fill_occurrence_districts(apps, schema_editor)
    assert _rows(event) == {(d.pk, start) for d in (schalke, huellen) for start in _starts(event)}
    assert _rows(single) == {(huellen.pk, start) for start in _starts(single)}
