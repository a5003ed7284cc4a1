"""Incremental sync: change marks, departures and the `updated_since` selection.

Any cause that changes what an item shows or takes it out of public view calls
`mark_changed` or `record_departures` (the receivers in `signals.py` do so for the
causes known today); a new cause adds a receiver there and nothing else changes.
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.db.models import DateTimeField, F, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .models import ChangeMark, Departure

# What an item without any timestamp of its own counts as changed at.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def mark_changed(item_type: str, ids: Iterable[int], *, at: datetime | None = None) -> None:
    """Record that the items show something new, in one statement."""
    at = at or timezone.now()
    marks = [ChangeMark(item_type=item_type, item_id=pk, changed_at=at) for pk in set(ids)]
    if marks:
        ChangeMark.objects.bulk_create(
            marks,
            update_conflicts=True,
            unique_fields=["item_type", "item_id"],
            update_fields=["changed_at"],
        )


def record_departures(item_type: str, ids: Iterable[int], reason: str) -> None:
    """Record that the items left public view (an item that comes back simply reappears)."""
    now = timezone.now()
    Departure.objects.bulk_create(
        [
            Departure(item_type=item_type, item_id=pk, reason=reason, departed_at=now)
            for pk in set(ids)
        ]
    )


def with_updated_at(queryset: QuerySet, item_type: str, own: str | None) -> QuerySet:
    """Annotate `api_updated_at`: the later of the item's own timestamp and its change mark."""
    mark = Subquery(
        ChangeMark.objects.filter(item_type=item_type, item_id=OuterRef("pk")).values("changed_at")[
            :1
        ],
        output_field=DateTimeField(),
    )
    epoch = Value(EPOCH, output_field=DateTimeField())
    marked = Coalesce(mark, epoch)
    if own is None:
        return queryset.annotate(api_updated_at=marked)
    return queryset.annotate(api_updated_at=Greatest(Coalesce(F(own), epoch), marked))


def tombstones(item_type: str, *, since: datetime, visible: QuerySet) -> list[dict]:
    """Departures of this type since the timestamp, of items that are not visible now.

    An item that left and came back is visible again and so is not a tombstone; it is
    in the changes instead (its own timestamp or its change mark is newer).
    """
    departures = Departure.objects.filter(item_type=item_type, departed_at__gt=since)
    latest_reason = (
        departures.filter(item_id=OuterRef("item_id"))
        .order_by("-departed_at", "-pk")
        .values("reason")[:1]
    )
    rows = (
        departures.exclude(item_id__in=visible.values("pk"))
        .values("item_id")
        .annotate(deleted_at=Max("departed_at"), reason=Subquery(latest_reason))
        .order_by("item_id")
    )
    return [
        {
            "id": row["item_id"],
            "type": item_type,
            "deleted_at": row["deleted_at"],
            "reason": row["reason"],
        }
        for row in rows
    ]
