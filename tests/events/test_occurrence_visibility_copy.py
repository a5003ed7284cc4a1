"""The copy of each event's `live` and tree path on its dates follows the event.

The calendar's visibility rule (`selectors.public_occurrences`) reads
`EventOccurrence.event_live` and `event_path` instead of joining every date to its page,
so the copy must change whenever the page's state or place does: publication,
unpublication (at once, even when the index is rebuilt later), a move of the event or
of a page above it. View restrictions and consents are read on every request and need
no copy; they are pinned here too, on the same selector.
"""

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from cms.events import deferred_indexing
from cms.events.models import EventOccurrence
from cms.events.selectors import public_occurrences
from cms.providers.models import ProviderConsent
from tests.events.factories import EventIndexPageFactory, EventPageFactory, berlin
from tests.providers.factories import ProviderIndexPageFactory, ProviderPageFactory

pytestmark = pytest.mark.django_db

MARCH = {"window_start": berlin(2026, 3, 1), "window_end": berlin(2026, 4, 1)}


def _visible(*, within=None) -> set[int]:
    return set(public_occurrences(**MARCH, within=within).values_list("event_id", flat=True))


def _copies(event) -> set[tuple[bool, str]]:
    return set(EventOccurrence.objects.filter(event=event).values_list("event_live", "event_path"))


def test_publishing_copies_the_events_live_and_path_onto_its_dates(calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page, recurrence_rule="FREQ=WEEKLY;COUNT=3")
    assert EventOccurrence.objects.filter(event=event).count() == 3
    assert _copies(event) == {(True, event.path)}


def test_unpublishing_hides_the_dates_before_the_index_is_rebuilt(calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page)
    with transaction.atomic(), deferred_indexing.indexes_deferred():
        event.unpublish()
        # The rebuild waits for the end of the block; the dates are still in the index.
        assert EventOccurrence.objects.filter(event=event).exists()
        assert event.pk not in _visible()
    assert not EventOccurrence.objects.filter(event=event).exists()


def test_moving_an_event_to_another_calendar_moves_its_dates(
    calendar_page, gelsenkirchen, frozen_now
):
    other_calendar = EventIndexPageFactory(parent=gelsenkirchen.portal, slug="termine")
    event = EventPageFactory(parent=calendar_page)
    event.move(other_calendar, pos="last-child")
    event.refresh_from_db()
    assert _copies(event) == {(True, event.path)}
    assert event.pk in _visible(within=other_calendar)
    assert event.pk not in _visible(within=calendar_page)


def test_moving_a_page_above_the_event_moves_its_dates(calendar_page, gelsenkirchen, frozen_now):
    district_home = gelsenkirchen.district_homes["schalke"]
    event = EventPageFactory(parent=calendar_page)
    old_path = event.path
    calendar_page.move(district_home, pos="last-child")
    event.refresh_from_db()
    assert event.path != old_path
    assert _copies(event) == {(True, event.path)}
    calendar_page.refresh_from_db()
    assert event.pk in _visible(within=calendar_page)


def test_view_restriction_above_the_event_hides_its_dates_until_removed(calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page)
    restriction = PageViewRestriction.objects.create(
        page=calendar_page, restriction_type=PageViewRestriction.LOGIN
    )
    assert event.pk not in _visible()
    restriction.delete()
    assert event.pk in _visible()


def test_withdrawn_consent_hides_the_organisers_dates(
    calendar_page, gelsenkirchen, editor, frozen_now
):
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider = ProviderPageFactory(parent=directory, published_by=editor)
    event = EventPageFactory(parent=calendar_page, organiser=provider)
    assert event.pk in _visible()
    ProviderConsent.objects.filter(provider=provider).update(withdrawn_at=frozen_now)
    assert event.pk not in _visible()
