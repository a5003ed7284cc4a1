"""Import of external iCal feeds, idempotent by UID, all or nothing per run.

Three steps, one module each: `fetching` (HTTP with a pinned address, or a file),
`parsing` (bytes to checked events) and `writing` (events to pages).

Feeds are hostile input. The guards, in the order they apply:
- only http(s) URLs; the host's addresses are resolved once and refused when they are
  loopback, private, link-local or otherwise internal (unless
  QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES is on), and the connection goes to exactly the
  address that was checked, so a second DNS answer cannot point it elsewhere;
- a time limit for the whole download and a size limit (QUARTIER_ICAL_FETCH_TIMEOUT,
  QUARTIER_ICAL_MAX_BYTES); redirects are followed a few times, each one checked again;
- only bytes reach icalendar (a str without a newline would be read as a file path);
- limits on the number of events and changed dates, and recurrence rules validated
  like an editor's (no sub-daily frequencies) before anything is expanded;
- everything is parsed and checked before the database is touched, and the writes of
  one run happen in one transaction: a bad feed changes nothing.
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
