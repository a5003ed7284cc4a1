"""One district's window: read from the district index in order, one page at a time.

The API's `occurrences/` pages through a district's month a thousand dates at a time;
PostgreSQL must read the district's index rows in the calendar's order and stop after
the page, not read the whole window of the district and sort it. The organiser rule
written as `IN (<listed providers>)` made it prefer the latter on the benchmark's data
(the hashed subquery's start-up cost was charged to every row of the ordered plan);
`organiser_may_show(listed_once=True)` gives the same rows without that charge.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler

from cms.events.models import EventOccurrence, EventOccurrenceDistrict
from cms.events.selectors import CalendarFilters, public_occurrences
from tests.events.factories import EventPageFactory, berlin
from tests.providers.factories import ProviderIndexPageFactory, ProviderPageFactory

pytestmark = pytest.mark.django_db

MARCH = {"window_start": berlin(2026, 3, 1), "window_end": berlin(2026, 4, 1)}
PAGE = 50


@pytest.fixture
def two_districts(gelsenkirchen):
    homes = gelsenkirchen.district_homes
    return homes["schalke"].district, homes["huellen"].district


@pytest.fixture
def directory(gelsenkirchen):
    return ProviderIndexPageFactory(parent=gelsenkirchen.portal)


def _window(district, **kwargs):
    return public_occurrences(
        **MARCH, filters=CalendarFilters(district_ids=(district.pk,)), **kwargs
    )


def _titles(district) -> set[str]:
    return set(_window(district).values_list("event__title", flat=True))


def test_one_district_keeps_dates_of_listed_providers_and_of_no_organiser(
    calendar_page, directory, two_districts, frozen_now
):
    schalke, _ = two_districts
    provider = ProviderPageFactory(parent=directory)
    EventPageFactory(parent=calendar_page, title="Treff", districts=[schalke])
    EventPageFactory(parent=calendar_page, title="Kurs", organiser=provider, districts=[schalke])
    assert _titles(schalke) == {"Treff", "Kurs"}


def test_one_district_hides_dates_of_providers_without_consent(
    calendar_page, directory, two_districts, frozen_now
):
    schalke, _ = two_districts
    provider = ProviderPageFactory(parent=directory, consent=False)
    EventPageFactory(parent=calendar_page, title="Treff", districts=[schalke])
    EventPageFactory(parent=calendar_page, title="Kurs", organiser=provider, districts=[schalke])
    assert _titles(schalke) == {"Treff"}


def test_one_district_hides_dates_of_unpublished_providers(
    calendar_page, directory, two_districts, frozen_now
):
    schalke, _ = two_districts
    provider = ProviderPageFactory(parent=directory)
    EventPageFactory(parent=calendar_page, title="Kurs", organiser=provider, districts=[schalke])
    provider.unpublish()
    assert _titles(schalke) == set()


def _add_dates(events, districts, per_event: int) -> None:
    """Many dates in March for each event, each in one of the districts (in bulk)."""
    occurrences = EventOccurrence.objects.bulk_create(
        EventOccurrence(
            event=event,
            start=berlin(2026, 3, 1) + timedelta(minutes=37 * (n * len(events) + i)),
            end=berlin(2026, 3, 1) + timedelta(minutes=37 * (n * len(events) + i) + 60),
            target_group=EventOccurrence.objects.filter(event=event).first().target_group,
            organiser=event.organiser,
        )
        for i, event in enumerate(events)
        for n in range(per_event)
    )
    EventOccurrenceDistrict.objects.bulk_create(
        EventOccurrenceDistrict(
            occurrence=occurrence,
            event_id=occurrence.event_id,
            district=districts[index % len(districts)],
            start=occurrence.start,
        )
        for index, occurrence in enumerate(occurrences)
    )


def test_listed_providers_of_one_district_are_read_once_not_per_date(
    calendar_page, directory, two_districts, frozen_now
):
    provider = ProviderPageFactory(parent=directory)
    events = [
        EventPageFactory(parent=calendar_page, organiser=provider if n % 2 else None)
        for n in range(4)
    ]
    _add_dates(events, two_districts, per_event=300)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    page = _window(two_districts[0]).values_list("pk", "start", "event__title")[: PAGE + 1]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # A hashed subplan on the dates' scan is what made the ordered plan look expensive.
    assert "hashed SubPlan" not in plan, plan
    assert "occurrence_district_idx" in plan, plan
    assert len(list(page)) == PAGE + 1


def test_the_sqlite_demo_gets_the_organiser_rule_as_in(two_districts):
    sqlite = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    )["default"]
    page = _window(two_districts[0]).values_list("pk")[: PAGE + 1]
    sql, _params = page.query.get_compiler(connection=sqlite).as_sql()
    assert '"organiser_id" IN (SELECT' in sql
    assert "ANY(" not in sql
