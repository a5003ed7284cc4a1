"""Recurrence rules (RFC 5545 RRULE) for events: validation and bounded expansion.

Rules are expanded in Europe/Berlin wall-clock time, so a weekly event at 19:00 stays
at 19:00 across the daylight-saving changes; only the finished occurrences are turned
into aware datetimes. Expansion is bounded twice: by the number of rule steps walked
and by the number of occurrences kept, so no rule (hostile or careless) can make it
run away. Sub-daily frequencies are refused outright: a calendar of neighbourhood
events has no use for them, and FREQ=SECONDLY without an end is the classic bomb.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.utils.translation import gettext as _

LOCAL_TZ = ZoneInfo("Europe/Berlin")
ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
MAX_EXPANSION_STEPS = 20_000
MAX_OCCURRENCES_PER_EVENT = 800


class RecurrenceError(ValueError):
    """A recurrence rule that cannot or must not be used; the message says why."""


@dataclass(frozen=True)
class Occurrence:
    """One expanded date of an event; `original_start` is set for recurring events."""

    start: datetime
    end: datetime
    original_start: datetime | None
    cancelled: bool = False
    cancellation_reason: str = ""


@dataclass(frozen=True)
class OccurrenceChange:
    """A change of one occurrence: cancelled (EXDATE) or moved to a new time."""

    original_start: datetime
    cancelled: bool
    new_start: datetime | None = None
    new_end: datetime | None = None
    cancellation_reason: str = ""


def occurrence_status(*, is_cancelled: bool, start: datetime, original_start) -> str:
    """ "cancelled", "moved" (a date of a series at another time) or "scheduled".

    The values of `enums.OccurrenceStatus`; one rule for the pages and the API.
    """
    if is_cancelled:
        return "cancelled"
    if original_start is not None and original_start != start:
        return "moved"
    return "scheduled"


def _parts(rule: str) -> list[tuple[str, str]]:
    parts = []
    for chunk in rule.split(";"):
        if not chunk:
            continue
        key, separator, value = chunk.partition("=")
        if not separator or not key or not value:
            raise RecurrenceError(_("Die Wiederholungsregel ist nicht lesbar: „%s“.") % chunk)
        parts.append((key.strip().upper(), value.strip().upper()))
    return parts


def normalise_rule(text: str) -> str:
    """The rule without an "RRULE:" prefix, upper case, without blanks."""
    rule = "".join((text or "").split()).upper()
    return rule.removeprefix("RRULE:")


def validate_rule(text: str) -> str:
    """Return the normalised rule, or raise RecurrenceError saying what is wrong."""
    rule = normalise_rule(text)
    if not rule:
        return ""
    parts = dict(_parts(rule))
    frequency = parts.get("FREQ")
    if frequency is None:
        raise RecurrenceError(_("Die Wiederholungsregel braucht FREQ (z. B. FREQ=WEEKLY)."))
    if frequency not in ALLOWED_FREQUENCIES:
        raise RecurrenceError(
            _("Wiederholungen im Stunden-, Minuten- oder Sekundentakt sind nicht möglich (%s).")
            % frequency
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError(_("COUNT und UNTIL dürfen nicht zusammen vorkommen."))
    try:
        rrulestr(_local_rule(rule, all_day=False), dtstart=datetime(2000, 1, 1, 12))
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise RecurrenceError(_("Die Wiederholungsregel ist ungültig: %s") % rule) from error
    return rule


def _parse_until(value: str) -> datetime | date:
    """UNTIL as a UTC-aware datetime (…Z), a naive local datetime, or a date."""
    try:
        if len(value) == 8:
            return datetime.strptime(value, "%Y%m%d").date()
        if value.endswith("Z"):
            return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=ZoneInfo("UTC"))
        return datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError as error:
        raise RecurrenceError(_("UNTIL ist kein gültiges Datum: %s") % value) from error


def _with_until(rule: str, render) -> str:
    return ";".join(
        f"{key}={render(_parse_until(value)) if key == 'UNTIL' else value}"
        for key, value in _parts(rule)
    )


def _local_rule(rule: str, *, all_day: bool) -> str:
    """The rule with UNTIL as naive local time, as dateutil needs for a naive DTSTART."""

    def render(until):
        if isinstance(until, datetime) and until.tzinfo is not None:
            until = until.astimezone(LOCAL_TZ).replace(tzinfo=None)
        elif not isinstance(until, datetime):
            # A date UNTIL includes that whole day.
            until = datetime.combine(until, time(23, 59, 59))
        return until.strftime("%Y%m%dT%H%M%S")

    return _with_until(rule, render)


def rule_for_export(rule: str, *, all_day: bool) -> str:
    """The rule as RFC 5545 wants it next to a DTSTART with TZID: UNTIL in UTC."""

    def render(until):
        if all_day:
            return (until.date() if isinstance(until, datetime) else until).strftime("%Y%m%d")
        if not isinstance(until, datetime):
            until = datetime.combine(until, time(23, 59, 59))
        if until.tzinfo is None:
            until = until.replace(tzinfo=LOCAL_TZ)
        return until.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")

    return _with_until(rule, render)


def to_local_naive(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ).replace(tzinfo=None)


def from_local_naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=LOCAL_TZ)


def expand(
    *,
    start: datetime,
    end: datetime,
    rule: str,
    changes: list[OccurrenceChange],
    window_start: datetime,
    window_end: datetime,
    all_day: bool = False,
) -> list[Occurrence]:
    """The occurrences of an event overlapping [window_start, window_end).

    Without a rule that is the event itself. With one, the rule is walked in local
    wall-clock time; cancelled dates stay at their time, marked cancelled with the
    change's reason, and moved ones take their new time.
    """
    if not rule:
        if start < window_end and end > window_start:
            return [Occurrence(start=start, end=end, original_start=None)]
        return []
    if dict(_parts(rule)).get("FREQ") not in ALLOWED_FREQUENCIES:
        return [Occurrence(start=start, end=end, original_start=None)]

    local_start = to_local_naive(start)
    local_duration = to_local_naive(end) - local_start
    local_window_start = to_local_naive(window_start) - local_duration
    local_window_end = to_local_naive(window_end)
    by_original = {to_local_naive(change.original_start): change for change in changes}

    occurrences = []
    rules = rrulestr(_local_rule(rule, all_day=all_day), dtstart=local_start)
    for step, local in enumerate(rules):
        if step >= MAX_EXPANSION_STEPS or local >= local_window_end:
            break
        if local < local_window_start:
            continue
        original = from_local_naive(local)
        change = by_original.get(local)
        if change is None or change.cancelled or change.new_start is None:
            # A change that neither cancels nor moves (the form refuses it) changes nothing.
            cancelled = change is not None and change.cancelled
            occurrence = Occurrence(
                start=original,
                end=from_local_naive(local + local_duration),
                original_start=original,
                cancelled=cancelled,
                cancellation_reason=change.cancellation_reason if cancelled else "",
            )
        else:
            occurrence = Occurrence(
                start=change.new_start,
                end=change.new_end or change.new_start + (end - start),
                original_start=original,
            )
        occurrences.append(occurrence)
        if len(occurrences) >= MAX_OCCURRENCES_PER_EVENT:
            break
    return [o for o in occurrences if o.start < window_end and o.end > window_start]


def all_day_bounds(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """Local midnight of the first day and of the day after the last (exclusive end)."""
    return (
        from_local_naive(datetime.combine(first_day, time())),
        from_local_naive(datetime.combine(last_day + timedelta(days=1), time())),
    )


def count_occurrences(
    *,
    start: datetime,
    end: datetime,
    rule: str,
    window_start: datetime,
    window_end: datetime,
    all_day: bool = False,
    limit: int,
) -> int:
    """How many dates of an event overlap [window_start, window_end), counting up to `limit`.

    Unlike `expand`, which keeps at most MAX_OCCURRENCES_PER_EVENT, this counts past
    that bound (up to `limit`), so that a cap above it can be told apart from a rule
    that the index would cut. Moved dates count once, like the original.
    """
    if not rule or dict(_parts(rule)).get("FREQ") not in ALLOWED_FREQUENCIES:
        return int(start < window_end and end > window_start)
    local_start = to_local_naive(start)
    local_window_start = to_local_naive(window_start) - (to_local_naive(end) - local_start)
    local_window_end = to_local_naive(window_end)
    count = 0
    for step, local in enumerate(rrulestr(_local_rule(rule, all_day=all_day), dtstart=local_start)):
        if step >= MAX_EXPANSION_STEPS or local >= local_window_end or count >= limit:
            break
        if local >= local_window_start:
            count += 1
    return count
