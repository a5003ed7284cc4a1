"""Import of external iCal feeds, idempotent by UID, all or nothing per run.

Three steps, one module each: `fetching` (HTTP with a pinned address, or a file),
`parsing` (bytes to checked events) and `writing` (events to pages).

Feeds are hostile input. The guards, in the order they apply:
- only http(s) URLs to globally routable addresses (`ipaddress.is_global`, not
  multicast, wrapped IPv4 judged by what it wraps), unless
  QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES is on; the connection goes to exactly the
  address that was checked and its peer address is checked again, after every redirect;
- one deadline for the whole download, every socket call included, and a size limit
  (QUARTIER_ICAL_FETCH_TIMEOUT, QUARTIER_ICAL_MAX_BYTES);
- only bytes reach icalendar (a str without a newline would be read as a file path);
- limits on the number of events and changed dates, dates between 1900 and 2100, and
  recurrence rules validated like an editor's (no sub-daily frequencies) before
  anything is expanded; any other error of the parser becomes a FeedError;
- caps on the dates per event and per feed (`limits`), counted before writing;
- UIDs stored in the feed's own namespace (`writing.feed_event_uid`);
- everything is parsed and checked before the database is touched, and the writes of
  one run happen in one transaction: a bad feed changes nothing, and `feed_run`
  records any failure on its feed so that the next feed still runs.
"""

from .errors import FeedError
from .fetching import fetch_feed, read_source
from .parsing import ParsedChange, ParsedEvent, parse_feed
from .writing import ImportSummary, feed_import, feed_import_bytes, feed_run, feeds_import_all

__all__ = [
    "FeedError",
    "ImportSummary",
    "ParsedChange",
    "ParsedEvent",
    "feed_import",
    "feed_import_bytes",
    "feed_run",
    "feeds_import_all",
    "fetch_feed",
    "parse_feed",
    "read_source",
]
