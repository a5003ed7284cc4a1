"""Writes of events: the occurrence index and the iCal SEQUENCE.

The occurrence index holds the dates of published events from a year back to
`HORIZON_DAYS` ahead. It is rebuilt for one event when that event is published or
unpublished (signals → tasks.refresh_event_occurrences) and for all events by the
periodic `roll_occurrence_horizon` task, which moves the horizon forward.
"""

import hashlib
import json
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from .enums import EventStatus
from .models import EventOccurrence, EventPage
from .recurrence import expand

HORIZON_DAYS = 548  # about 18 months ahead
HISTORY_DAYS = 365  # past dates stay visible in the calendar for a year


def horizon(now: datetime | None = None) -> tuple[datetime, datetime]:
    now = now or timezone.now()
    return now - timedelta(days=HISTORY_DAYS), now + timedelta(days=HORIZON_DAYS)


def schedule_fingerprint(event: EventPage) -> str:
    """A hash of what makes a calendar client update its copy (RFC 5545 SEQUENCE)."""
    significant = {
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "all_day": event.all_day,
        "rule": event.recurrence_rule,
        "status": event.status,
        "where": [event.attendance_mode, event.venue_name, event.street, event.city],
        "online": [event.online_url, event.dial_in],
        "changes": sorted(
            [
                c.original_start.isoformat(),
                c.cancelled,
                c.new_start.isoformat() if c.new_start else "",
                c.new_end.isoformat() if c.new_end else "",
            ]
            for c in event.changes.all()
        ),
    }
    return hashlib.sha256(json.dumps(significant, sort_keys=True).encode()).hexdigest()


def _occurrence_rows(event: EventPage, window: tuple[datetime, datetime]) -> list:
    window_start, window_end = window
    return [
        EventOccurrence(
            event_id=event.pk,
            start=occurrence.start,
            end=occurrence.end,
            all_day=event.all_day,
            original_start=occurrence.original_start,
            is_cancelled=event.status == EventStatus.CANCELLED,
            is_online=event.is_online,
            is_on_site=event.is_on_site,
            is_free=event.is_free,
            is_barrier_free=event.step_free_access,
            target_group=event.target_group,
            organiser_id=event.organiser_id,
        )
        for occurrence in expand(
            start=event.start,
            end=event.end,
            rule=event.recurrence_rule,
            changes=event.occurrence_changes(),
            window_start=window_start,
            window_end=window_end,
            all_day=event.all_day,
        )
    ]


@transaction.atomic
def event_occurrences_refresh(*, event_id: int) -> int:
    """Rebuild one event's occurrences and raise its SEQUENCE if its schedule changed.

    Returns the number of occurrences now indexed (0 for a draft or deleted event).
    """
    EventOccurrence.objects.filter(event_id=event_id).delete()
    event = EventPage.objects.filter(pk=event_id, live=True).prefetch_related("changes").first()
    if event is None:
        return 0
    fingerprint = schedule_fingerprint(event)
    if fingerprint != event.schedule_fingerprint:
        sequence = event.sequence + 1 if event.schedule_fingerprint else event.sequence
        # A plain update: this bookkeeping must not create a revision of its own.
        EventPage.objects.filter(pk=event.pk).update(
            schedule_fingerprint=fingerprint, sequence=sequence
        )
    rows = _occurrence_rows(event, horizon())
    EventOccurrence.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def occurrence_horizon_roll(*, now: datetime | None = None) -> int:
    """Rebuild the whole index for the current horizon; returns the number of rows."""
    window = horizon(now)
    EventOccurrence.objects.all().delete()
    total = 0
    batch = []
    events = EventPage.objects.filter(live=True).prefetch_related("changes").order_by("pk")
    for event in events.iterator(chunk_size=500):
        batch.extend(_occurrence_rows(event, window))
        if len(batch) >= 5000:
            EventOccurrence.objects.bulk_create(batch)
            total += len(batch)
            batch = []
    EventOccurrence.objects.bulk_create(batch)
    return total + len(batch)
