"""Recurrence in local time across DST, EXDATE, moved dates, bounded expansion."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from cms.events.models import EventOccurrence, EventOccurrenceChange
from cms.events.recurrence import (
    MAX_OCCURRENCES_PER_EVENT,
    OccurrenceChange,
    RecurrenceError,
    expand,
    validate_rule,
)

from .factories import BERLIN, EventPageFactory, berlin

pytestmark = pytest.mark.django_db


def _local_starts(event):
    return [
        o.start.astimezone(BERLIN)
        for o in EventOccurrence.objects.filter(event=event).order_by("start")
    ]


def test_weekly_event_stays_at_19_local_across_both_dst_changes(calendar_page, frozen_now):
    event = EventPageFactory(
        parent=calendar_page,
        start=berlin(2026, 3, 3, 19),
        end=berlin(2026, 3, 3, 21),
        recurrence_rule="FREQ=WEEKLY;UNTIL=20261201",
    )
    starts = _local_starts(event)
    april = [s for s in starts if s.month == 4]
    november = [s for s in starts if s.month == 11]
    assert april and november
    assert all((s.hour, s.minute) == (19, 0) for s in starts)
    # The UTC offset differs (summer vs winter time), the wall-clock time does not.
    assert april[0].utcoffset() == timedelta(hours=2)
    assert november[0].utcoffset() == timedelta(hours=1)


def test_cancelled_date_keeps_its_row_marked_cancelled_with_its_reason(calendar_page, frozen_now):
    cancelled = berlin(2026, 3, 17, 19)
    event = EventPageFactory(
        parent=calendar_page,
        start=berlin(2026, 3, 3, 19),
        end=berlin(2026, 3, 3, 21),
        recurrence_rule="FREQ=WEEKLY;COUNT=4",
        changes=[
            EventOccurrenceChange(
                original_start=cancelled, cancelled=True, cancellation_reason="Saal belegt"
            )
        ],
    )
    rows = list(EventOccurrence.objects.filter(event=event).order_by("start"))
    assert [(o.start.astimezone(BERLIN), o.is_cancelled) for o in rows] == [
        (berlin(2026, 3, 3, 19), False),
        (berlin(2026, 3, 10, 19), False),
        (cancelled, True),
        (berlin(2026, 3, 24, 19), False),
    ]
    assert rows[2].cancellation_reason == "Saal belegt"
    assert rows[2].end == berlin(2026, 3, 17, 21)
    assert rows[2].status == "cancelled"


def test_exdate_without_reason_keeps_its_row_with_a_blank_reason(calendar_page, frozen_now):
    cancelled = berlin(2026, 3, 17, 19)
    event = EventPageFactory(
        parent=calendar_page,
        start=berlin(2026, 3, 3, 19),
        end=berlin(2026, 3, 3, 21),
        recurrence_rule="FREQ=WEEKLY;COUNT=4",
        changes=[EventOccurrenceChange(original_start=cancelled, cancelled=True)],
    )
    row = EventOccurrence.objects.get(event=event, start=cancelled)
    assert row.is_cancelled
    assert row.cancellation_reason == ""


def test_reason_of_a_cancelled_event_date_is_blank_and_every_date_cancelled(
    calendar_page, frozen_now
):
    event = EventPageFactory(
        parent=calendar_page, recurrence_rule="FREQ=WEEKLY;COUNT=3", status="cancelled"
    )
    assert list(
        EventOccurrence.objects.filter(event=event).values_list("is_cancelled", flat=True)
    ) == [True, True, True]


def test_reason_without_cancelling_is_refused():
    change = EventOccurrenceChange(
        original_start=berlin(2026, 3, 17, 19),
        cancelled=False,
        new_start=berlin(2026, 3, 18, 19),
        cancellation_reason="Krank",
    )
    with pytest.raises(ValidationError) as error:
        change.clean()
    assert "cancellation_reason" in error.value.message_dict


def test_moved_occurrence_takes_its_new_time(calendar_page, frozen_now):
    event = EventPageFactory(
        parent=calendar_page,
        start=berlin(2026, 3, 3, 19),
        end=berlin(2026, 3, 3, 21),
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
        changes=[
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 10, 19),
                cancelled=False,
                new_start=berlin(2026, 3, 12, 17),
                new_end=berlin(2026, 3, 12, 18),
            )
        ],
    )
    occurrences = list(EventOccurrence.objects.filter(event=event).order_by("start"))
    assert [o.start.astimezone(BERLIN) for o in occurrences] == [
        berlin(2026, 3, 3, 19),
        berlin(2026, 3, 12, 17),
        berlin(2026, 3, 17, 19),
    ]
    moved = occurrences[1]
    assert moved.original_start == berlin(2026, 3, 10, 19)
    assert moved.end == berlin(2026, 3, 12, 18)
    assert moved.status == "moved"
    assert occurrences[0].status == "scheduled"


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=MINUTELY;COUNT=5", "FREQ=HOURLY"])
def test_sub_daily_rules_are_refused(rule):
    with pytest.raises(RecurrenceError):
        validate_rule(rule)


@pytest.mark.parametrize(
    "rule", ["FREQ=FORTNIGHTLY", "INTERVAL=2", "FREQ=WEEKLY;BYDAY=XX", "nonsense"]
)
def test_malformed_rules_are_refused(rule):
    with pytest.raises(RecurrenceError):
        validate_rule(rule)


def test_unbounded_daily_rule_expansion_is_capped():
    start = berlin(2026, 1, 1, 10)
    occurrences = expand(
        start=start,
        end=start + timedelta(hours=1),
        rule="FREQ=DAILY",
        changes=[],
        window_start=start,
        window_end=start + timedelta(days=365 * 10),
    )
    assert len(occurrences) == MAX_OCCURRENCES_PER_EVENT


def test_unpublishing_removes_the_occurrences(calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page, recurrence_rule="FREQ=WEEKLY;COUNT=3")
    assert EventOccurrence.objects.filter(event=event).count() == 3
    event.unpublish()
    assert not EventOccurrence.objects.filter(event=event).exists()


def test_sequence_rises_only_when_the_schedule_changes(calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page)
    assert event.sequence == 0
    event.listing_summary = "Neuer Text"
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.sequence == 0
    event.start += timedelta(hours=1)
    event.end += timedelta(hours=1)
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.sequence == 1


def test_change_dataclass_matches_by_local_start():
    start = berlin(2026, 3, 3, 19)
    occurrences = expand(
        start=start,
        end=start + timedelta(hours=2),
        rule="FREQ=WEEKLY;COUNT=2",
        changes=[OccurrenceChange(original_start=start.astimezone(BERLIN), cancelled=True)],
        window_start=start - timedelta(days=1),
        window_end=start + timedelta(days=30),
    )
    assert [(o.start, o.cancelled) for o in occurrences] == [
        (berlin(2026, 3, 3, 19), True),
        (berlin(2026, 3, 10, 19), False),
    ]
