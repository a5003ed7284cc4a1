"""Limits for what visitors put into URLs, query strings and cookies.

Every view that reads a date, an id or a search term from a request checks it against
these limits, so that a value out of range is a 400 (or a 404 for an id) with a German
message instead of an OverflowError, a database error or a sum past `date.max` deep
inside a view. One place, so that the calendar, the iCal feed, the API, the weekly
programme and the print views agree on what a possible date is.
"""

import re
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

# Dates outside these years are typing mistakes or probes; inside them every sum a view
# makes (a month grid, a two-year window, a time zone shift) stays far from date.max.
FIRST_YEAR = 1900
LAST_YEAR = 2200
EARLIEST_DATE = date(FIRST_YEAR, 1, 1)
LATEST_DATE = date(LAST_YEAR, 12, 31)
DATE_OUT_OF_RANGE = _("Bitte wählen Sie ein Datum zwischen 1900 und 2200.")

# Primary keys are bigint columns (DEFAULT_AUTO_FIELD) or smaller; a larger number can
# name no row.
MAX_ID = 2**63 - 1

# A single line of text that ends up in a mail header (a subject, a name) must not
# carry line breaks or NUL, which would end the header or the whole message.
HEADER_UNSAFE = re.compile(r"[\r\n\x00\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
HEADER_UNSAFE_MESSAGE = _("Bitte schreiben Sie dies in eine Zeile, ohne Zeilenumbruch.")


def date_in_range(day: date | datetime | None) -> bool:
    """Whether a date (or the date of a time) lies in the years views can handle."""
    if day is None:
        return True
    return FIRST_YEAR <= day.year <= LAST_YEAR


def id_from_text(text: str | None) -> int | None:
    """The id named by `text` if it is ASCII digits within the id columns' range."""
    if not text or not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def id_in_range(number: int | None) -> bool:
    """Whether an already parsed id can name a row at all."""
    return number is not None and 0 < number <= MAX_ID


def header_safe(text: str) -> bool:
    """Whether `text` can go into a mail header as it is."""
    return not HEADER_UNSAFE.search(text or "")


def one_line(text: str) -> str:
    """`text` with every line break and control character folded into single spaces."""
    return " ".join(HEADER_UNSAFE.sub(" ", text or "").split())
