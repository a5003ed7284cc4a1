"""Caps on what one feed may add to the occurrence index, checked before anything is written.

A few bytes of iCal can stand for thousands of dates: fifty daily events without an end
are 8 KB and about 27,000 rows of the index. So the dates each event would put into the
index (its window: a year back to the horizon ahead, `services.horizon`) are counted
before the import, and a feed over either cap is refused whole, with a message naming
what is too much: the all-or-nothing rule of the import stays intact and no event is
half imported. Events without an end are counted up to the horizon, as the index holds
them.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from ..recurrence import count_occurrences
from ..services import horizon
from .errors import FeedError
from .parsing import ParsedEvent


def occurrence_caps_check(events: list[ParsedEvent]) -> None:
    """Raise FeedError when an event or the whole feed would have too many dates."""
    per_event = settings.QUARTIER_IMPORT_MAX_OCCURRENCES_PER_EVENT
    per_feed = settings.QUARTIER_IMPORT_MAX_OCCURRENCES_PER_FEED
    window_start, window_end = horizon()
    total = 0
    for event in events:
        count = count_occurrences(
            start=event.start,
            end=event.end,
            rule=event.rule,
            window_start=window_start,
            window_end=window_end,
            all_day=event.all_day,
            limit=per_event + 1,
        )
        if count > per_event:
            raise FeedError(
                _(
                    "Die Veranstaltung „%(title)s“ (UID %(uid)s) hätte mehr als %(limit)d "
                    "Einzeltermine. So viele werden je Veranstaltung nicht übernommen; "
                    "der Kalender wurde nicht eingelesen."
                )
                % {"title": event.title, "uid": event.uid, "limit": per_event}
            )
        total += count
        if total > per_feed:
            raise FeedError(
                _(
                    "Der Kalender hätte mehr als %(limit)d Einzeltermine (zuletzt gezählt: "
                    "„%(title)s“). So viele werden je Kalender nicht übernommen; der "
                    "Kalender wurde nicht eingelesen."
                )
                % {"title": event.title, "limit": per_feed}
            )
