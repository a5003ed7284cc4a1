"""Writes of events: the occurrence index, the stored iCal text and the iCal SEQUENCE.

The occurrence index holds the dates of published events from a year back to
`HORIZON_DAYS` ahead. It is rebuilt for one event when that event is published or
unpublished (signals → tasks.refresh_event_occurrences) and for all events by the
periodic `roll_occurrence_horizon` task, which moves the horizon forward. The same
two rebuild each event's VEVENT text (`EventFeedEntry`); what else appears in that
text (the organiser's name, category names, the page's URL) is re-rendered by
`event_feed_entries_refresh` when it changes (see signals).
"""

import hashlib
import json
from datetime import datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from wagtail.models import Page

from cms.core import content_version
from cms.places.models import District

from . import ical
from .enums import EventStatus
from .models import EventFeedEntry, EventOccurrence, EventOccurrenceDistrict, EventPage
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
            is_cancelled=occurrence.cancelled or event.status == EventStatus.CANCELLED,
            cancellation_reason=occurrence.cancellation_reason,
            is_online=event.is_online,
            is_on_site=event.is_on_site,
            is_free=event.is_free,
            is_barrier_free=event.step_free_access,
            target_group=event.target_group,
            organiser_id=event.organiser_id,
            venue_name=event.venue_name,
            event_live=event.live,
            event_path=event.path,
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


def _live_events_for_rendering() -> QuerySet:
    """Published events with what their occurrences and VEVENTs need, in few queries."""
    return (
        EventPage.objects.filter(live=True)
        .select_related("organiser")
        .prefetch_related(
            "changes",
            "categories",
            Prefetch("districts", queryset=District.objects.only("pk"), to_attr="district_rows"),
        )
        .order_by("pk")
    )


def _occurrences_delete(event_ids: list[int]) -> None:
    """Delete the events' index rows with their district rows (no cascade, see the model)."""
    EventOccurrenceDistrict.objects.filter(event_id__in=event_ids).delete()
    EventOccurrence.objects.filter(event_id__in=event_ids).delete()


def _occurrences_write(occurrences: list[EventOccurrence], district_ids: dict) -> None:
    """Insert index rows and a district row for each date in each of its event's districts.

    `district_ids` maps each event's id to its districts' ids (see `_district_ids`).
    Every path that writes the index (one event, a bulk import, the horizon roll) comes
    through here, so the district rows are always those of the occurrences.
    """
    EventOccurrence.objects.bulk_create(occurrences, batch_size=1000)
    EventOccurrenceDistrict.objects.bulk_create(
        [
            EventOccurrenceDistrict(
                occurrence_id=occurrence.pk,
                event_id=occurrence.event_id,
                district_id=district_id,
                start=occurrence.start,
            )
            for occurrence in occurrences
            for district_id in district_ids.get(occurrence.event_id, ())
        ],
        batch_size=1000,
    )


def _district_ids(event: EventPage) -> list[int]:
    """The event's districts, as prefetched by `_live_events_for_rendering`."""
    return [district.pk for district in event.district_rows]


def _feed_entry(event: EventPage) -> EventFeedEntry:
    return EventFeedEntry(
        event_id=event.pk, vevents=ical.event_vevents(event, url=event.get_full_url() or "")
    )


def event_occurrences_hide(*, event_id: int) -> int:
    """Mark an unpublished event's dates as not live, at once.

    Its dates are deleted by the refresh, which may run later as a task; until then
    the copy of `live` on each row keeps them out of every calendar. Returns the
    number of dates marked.
    """
    content_version.bump()
    return EventOccurrence.objects.filter(event_id=event_id).update(event_live=False)


def occurrence_paths_refresh(*, page: Page) -> int:
    """Copy the tree paths of the events at or below a page that moved onto their dates.

    A move changes the path of the page and of everything below it; the dates carry
    their event's path for the calendar's visibility rule (see the model). Returns the
    number of dates rewritten.
    """
    content_version.bump()
    event_path = Page.objects.filter(pk=OuterRef("event_id")).values("path")[:1]
    return EventOccurrence.objects.filter(event__path__startswith=page.path).update(
        event_path=Subquery(event_path)
    )


@transaction.atomic
def event_occurrences_refresh(*, event_id: int) -> int:
    """Rebuild one event's occurrences and VEVENT text, raising SEQUENCE if its schedule changed.

    Returns the number of occurrences now indexed (0 for a draft or deleted event).
    """
    # The index is written in bulk, without signals: the calendar changes with it.
    content_version.bump()
    _occurrences_delete([event_id])
    EventFeedEntry.objects.filter(event_id=event_id).delete()
    event = _live_events_for_rendering().filter(pk=event_id).first()
    if event is None:
        return 0
    fingerprint = schedule_fingerprint(event)
    if fingerprint != event.schedule_fingerprint:
        event.sequence = event.sequence + 1 if event.schedule_fingerprint else event.sequence
        event.schedule_fingerprint = fingerprint
        # A plain update: this bookkeeping must not create a revision of its own.
        EventPage.objects.filter(pk=event.pk).update(
            schedule_fingerprint=fingerprint, sequence=event.sequence
        )
    rows = _occurrence_rows(event, horizon())
    _occurrences_write(rows, {event.pk: _district_ids(event)})
    _feed_entry(event).save()
    return len(rows)


@transaction.atomic
def event_occurrences_refresh_many(*, event_ids: list[int]) -> int:
    """`event_occurrences_refresh` for many events at once, in a constant number of queries.

    Writes the same rows (occurrences, VEVENT text, SEQUENCE bookkeeping) as refreshing
    each event alone; used by bulk imports (see deferred_indexing). Returns the number
    of occurrences now indexed.
    """
    _occurrences_delete(event_ids)
    EventFeedEntry.objects.filter(event_id__in=event_ids).delete()
    window = horizon()
    occurrences, entries, resequenced, district_ids = [], [], [], {}
    events = _live_events_for_rendering().filter(pk__in=event_ids)
    for event in events.iterator(chunk_size=500):
        fingerprint = schedule_fingerprint(event)
        if fingerprint != event.schedule_fingerprint:
            event.sequence = event.sequence + 1 if event.schedule_fingerprint else event.sequence
            event.schedule_fingerprint = fingerprint
            resequenced.append(event)
        occurrences.extend(_occurrence_rows(event, window))
        district_ids[event.pk] = _district_ids(event)
        entries.append(_feed_entry(event))
    # bulk_update sends no signals and creates no revision, like the plain update above.
    EventPage.objects.bulk_update(resequenced, ["schedule_fingerprint", "sequence"], batch_size=500)
    _occurrences_write(occurrences, district_ids)
    EventFeedEntry.objects.bulk_create(entries, batch_size=500)
    return len(occurrences)


def event_feed_entries_refresh(*, event_ids: list[int], using: str = DEFAULT_DB_ALIAS) -> int:
    """Render the VEVENT text of these events again (those still published); returns how many.

    For changes outside the event that its text shows: the organiser's name, a
    category's name, the page's URL after a move or a new slug above it.
    """
    with transaction.atomic(using=using):
        if using == DEFAULT_DB_ALIAS:
            content_version.bump()
        EventFeedEntry.objects.using(using).filter(event_id__in=event_ids).delete()
        events = _live_events_for_rendering().using(using).filter(pk__in=event_ids)
        entries = [_feed_entry(event) for event in events]
        EventFeedEntry.objects.using(using).bulk_create(entries, batch_size=500)
    return len(entries)


def feed_entries_backfill(*, using: str = DEFAULT_DB_ALIAS) -> int:
    """Render the text of published events that have none; returns how many.

    Runs after the `migrate` that created the table (see signals), so that a feed is
    not empty until the nightly roll just because the table of stored texts is new.
    """
    missing = (
        EventPage.objects.using(using)
        .filter(live=True, feed_entry__isnull=True)
        .values_list("pk", flat=True)
    )
    return event_feed_entries_refresh(event_ids=list(missing), using=using)


@transaction.atomic
def occurrence_horizon_roll(*, now: datetime | None = None) -> int:
    """Rebuild the whole index and every VEVENT text for the current horizon.

    Returns the number of occurrences indexed.
    """
    window = horizon(now)
    # The index is written in bulk, without signals: every calendar view changes.
    content_version.bump()
    EventOccurrenceDistrict.objects.all().delete()
    EventOccurrence.objects.all().delete()
    EventFeedEntry.objects.all().delete()
    total = 0
    occurrences, entries, district_ids = [], [], {}
    for event in _live_events_for_rendering().iterator(chunk_size=500):
        occurrences.extend(_occurrence_rows(event, window))
        district_ids[event.pk] = _district_ids(event)
        entries.append(_feed_entry(event))
        if len(occurrences) >= 5000:
            _occurrences_write(occurrences, district_ids)
            total += len(occurrences)
            occurrences, district_ids = [], {}
        if len(entries) >= 500:
            EventFeedEntry.objects.bulk_create(entries)
            entries = []
    _occurrences_write(occurrences, district_ids)
    EventFeedEntry.objects.bulk_create(entries)
    return total + len(occurrences)


def occurrence_index_vacuum() -> bool:
    """VACUUM (ANALYZE) the rebuilt occurrence index: its pages marked all-visible, its
    statistics new. Whether it ran.

    The month view counts and picks each day's dates from `occurrence_shown_idx` alone,
    which PostgreSQL can only do on pages its visibility map marks all-visible; after
    the nightly rebuild every row is new, and until autovacuum comes by each count reads
    the table too. VACUUM cannot run inside a transaction, so it runs only outside one,
    and only on PostgreSQL.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return False
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table)
        for model in (EventOccurrence, EventOccurrenceDistrict)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")
    return True
