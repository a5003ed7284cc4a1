"""Parsing a feed: bytes to checked `ParsedEvent`s, before anything touches the database.

Only bytes reach icalendar (a str without a newline would be read as a file path);
the number of events and changed dates is limited, and recurrence rules are validated
like an editor's (no sub-daily frequencies) before anything is expanded.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar

from ..recurrence import LOCAL_TZ, RecurrenceError, all_day_bounds, validate_rule
from .errors import FeedError

MAX_EVENTS_PER_FEED = 5000
MAX_CHANGES_PER_EVENT = 500
# Dates a neighbourhood calendar can mean; beyond them date arithmetic overflows
# (9999-12-31 plus two days) and the expansion has nothing sensible to do.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


@dataclass(frozen=True)
class ParsedChange:
    original_start: datetime
    cancelled: bool
    new_start: datetime | None = None
    new_end: datetime | None = None


@dataclass
class ParsedEvent:
    """One event of a feed, checked and converted, ready to be written."""

    uid: str
    title: str
    description: str
    start: datetime
    end: datetime
    all_day: bool
    rule: str
    cancelled: bool
    location: str
    changes: list[ParsedChange] = field(default_factory=list)

    def fingerprint(self) -> str:
        return hashlib.sha256(
            json.dumps(asdict(self), default=str, sort_keys=True).encode()
        ).hexdigest()


def _in_range(value, *, uid: str):
    """The date or datetime itself, or FeedError when it lies outside the sane years."""
    if isinstance(value, date) and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise FeedError(
            _(
                "Termin %(uid)s hat ein Datum im Jahr %(year)d; "
                "übernommen werden nur Termine zwischen %(earliest)d und %(latest)d."
            )
            % {"uid": uid, "year": value.year, "earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}
        )
    return value


def _aware(value, *, uid: str) -> datetime:
    """A DTSTART-like value as an aware datetime; floating times are Berlin time."""
    _in_range(value, uid=uid)
    if isinstance(value, datetime):
        return value.replace(tzinfo=LOCAL_TZ) if value.tzinfo is None else value
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time(), tzinfo=LOCAL_TZ)
    raise FeedError(_("Termin %s hat ein ungültiges Datum.") % uid)


def _property_dates(component, name: str) -> list:
    value = component.get(name)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [entry.dt for item in values for entry in item.dts]


def _rule_text(component, uid: str) -> str:
    rule = component.get("rrule")
    if rule is None:
        return ""
    if isinstance(rule, list):
        raise FeedError(_("Termin %s hat mehr als eine Wiederholungsregel.") % uid)
    try:
        return validate_rule(rule.to_ical().decode())
    except RecurrenceError as error:
        raise FeedError(_("Termin %(uid)s: %(error)s") % {"uid": uid, "error": error}) from error


def _times(component, uid: str) -> tuple[datetime, datetime, bool]:
    if component.get("dtstart") is None:
        raise FeedError(_("Termin %s hat keinen Beginn (DTSTART).") % uid)
    start_value = _in_range(component.get("dtstart").dt, uid=uid)
    end_property = component.get("dtend")
    duration = component.get("duration")
    all_day = not isinstance(start_value, datetime)
    if all_day:
        if end_property is not None:
            last_day = end_property.dt - timedelta(days=1)
        elif duration is not None:
            last_day = start_value + duration.dt - timedelta(days=1)
        else:
            last_day = start_value
        if isinstance(last_day, datetime):
            last_day = last_day.date()
        _in_range(last_day, uid=uid)
        start, end = all_day_bounds(start_value, max(last_day, start_value))
        return start, end, True
    start = _aware(start_value, uid=uid)
    if end_property is not None:
        end = _aware(end_property.dt, uid=uid)
    elif duration is not None:
        end = start + duration.dt
    else:
        end = start + timedelta(hours=1)
    _in_range(end, uid=uid)
    if end < start:
        raise FeedError(_("Termin %s endet vor seinem Beginn.") % uid)
    return start, end, False


def _text(component, name: str, limit: int) -> str:
    value = component.get(name)
    # PostgreSQL cannot store NUL in text; nobody means one.
    return str(value).replace("\x00", "").strip()[:limit] if value is not None else ""


def parse_feed(data: bytes) -> list[ParsedEvent]:
    """Parse and check a whole feed; raise FeedError on the first problem.

    FeedError is the only exception a feed can cause: whatever else goes wrong inside
    icalendar, dateutil or the date arithmetic (OverflowError, RecursionError, KeyError,
    ...) becomes a FeedError with a message an editor can read.
    """
    if not isinstance(data, bytes):
        raise TypeError("parse_feed takes bytes: icalendar reads a str without newline as a path")
    try:
        return _parse(data)
    except FeedError:
        raise
    except Exception as error:
        raise FeedError(
            _("Der Kalender enthält ungültige Angaben und wurde nicht übernommen (%s).")
            % _error_name(error)
        ) from error


def _error_name(error: Exception) -> str:
    """A short description of an unexpected error, without megabytes of feed in it."""
    text = str(error).replace("\x00", "")[:200]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _parse(data: bytes) -> list[ParsedEvent]:
    if len(data) > settings.QUARTIER_ICAL_MAX_BYTES:
        raise FeedError(
            _("Der Kalender ist größer als %d Bytes.") % settings.QUARTIER_ICAL_MAX_BYTES
        )
    if not data.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
        raise FeedError(_("Die Daten sind kein iCal-Kalender (BEGIN:VCALENDAR fehlt)."))
    try:
        calendar = Calendar.from_ical(data)
    except Exception as error:  # icalendar raises ValueError, KeyError, TypeError, ...
        raise FeedError(_("Der Kalender ist nicht lesbar: %s") % _error_name(error)) from error
    components = list(calendar.walk("VEVENT"))
    if len(components) > MAX_EVENTS_PER_FEED:
        raise FeedError(_("Der Kalender hat mehr als %d Termine.") % MAX_EVENTS_PER_FEED)

    masters: dict[str, ParsedEvent] = {}
    overrides = []
    try:
        for component in components:
            uid = _text(component, "uid", 255)
            if not uid:
                raise FeedError(_("Ein Termin hat keine UID."))
            if component.get("recurrence-id") is not None:
                overrides.append((uid, component))
                continue
            if uid in masters:
                raise FeedError(_("Die UID %s kommt mehrfach vor.") % uid)
            start, end, all_day = _times(component, uid)
            rule = _rule_text(component, uid)
            exdates = _property_dates(component, "exdate") if rule else []
            if len(exdates) > MAX_CHANGES_PER_EVENT:
                raise FeedError(_("Termin %s hat zu viele Ausnahmen.") % uid)
            masters[uid] = ParsedEvent(
                uid=uid,
                title=_text(component, "summary", 255) or _("Ohne Titel"),
                description=_text(component, "description", 5000),
                start=start,
                end=end,
                all_day=all_day,
                rule=rule,
                cancelled=_text(component, "status", 20).upper() == "CANCELLED",
                location=_text(component, "location", 160),
                changes=[
                    ParsedChange(original_start=_aware(value, uid=uid), cancelled=True)
                    for value in exdates
                ],
            )
        for uid, component in overrides:
            master = masters.get(uid)
            if master is None or not master.rule:
                continue  # a changed date of a series the feed does not contain
            if len(master.changes) >= MAX_CHANGES_PER_EVENT:
                raise FeedError(_("Termin %s hat zu viele Ausnahmen.") % uid)
            original = _aware(component.get("recurrence-id").dt, uid=uid)
            if _text(component, "status", 20).upper() == "CANCELLED":
                master.changes.append(ParsedChange(original_start=original, cancelled=True))
                continue
            new_start, new_end, _all_day = _times(component, uid)
            master.changes.append(
                ParsedChange(
                    original_start=original, cancelled=False, new_start=new_start, new_end=new_end
                )
            )
    except (AttributeError, TypeError, ValueError, OverflowError) as error:
        raise FeedError(
            _("Der Kalender enthält ungültige Angaben: %s") % _error_name(error)
        ) from error
    return list(masters.values())
