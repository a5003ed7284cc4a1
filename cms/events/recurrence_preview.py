"""What a series will look like before it is saved: its summary, next dates, holiday dates.

Shared by the recurrence chooser's server-rendered preview (in the event form and from
the admin preview endpoint) and by the form's validation, so the text a provider reads
and the dates the form checks come from one computation.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from .recurrence import LOCAL_TZ, MAX_OCCURRENCES_PER_EVENT, expand
from .recurrence_choices import Frequency, choices_from_rule, describe, describe_imported

# How many upcoming dates are offered as exceptions (checkboxes).
UPCOMING_DATES = 20
# A series is walked this far ahead to count its dates; the expansion's own bounds
# (recurrence.MAX_OCCURRENCES_PER_EVENT) keep a daily rule over decades in check.
COUNT_HORIZON = timedelta(days=366 * 10)
EXCEPTION_FORMAT = "%Y-%m-%dT%H:%M"


def is_holiday_date(day: date) -> bool:
    """24 December to 1 January, when many groups pause."""
    return (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)


def exception_key(moment: datetime) -> str:
    """A date of the series as the chooser's checkbox value (local wall-clock time)."""
    return moment.astimezone(LOCAL_TZ).strftime(EXCEPTION_FORMAT)


def parse_exception_key(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, EXCEPTION_FORMAT).replace(tzinfo=LOCAL_TZ)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class CandidateDate:
    """A date of the series offered as an exception."""

    start: datetime
    checked: bool

    @property
    def key(self) -> str:
        return exception_key(self.start)


@dataclass(frozen=True)
class SeriesPreview:
    summary: str
    representable: bool
    is_series: bool
    dates: int | None
    candidates: tuple[CandidateDate, ...]
    holiday_dates: tuple[datetime, ...]
    # Exceptions that are no date of the series (left over after the rule changed).
    stray_exceptions: tuple[datetime, ...]


def series_preview(
    *,
    start: datetime,
    end: datetime,
    all_day: bool,
    rule: str,
    exceptions: frozenset[datetime] = frozenset(),
) -> SeriesPreview:
    """The preview of the rule from `start`; `exceptions` are cancelled original starts."""
    choices = choices_from_rule(rule)
    if not rule:
        return SeriesPreview(
            summary=describe(choices, start=start, all_day=all_day),
            representable=True,
            is_series=False,
            dates=1,
            candidates=(),
            holiday_dates=(),
            stray_exceptions=(),
        )
    end = max(end, start)
    occurrences = expand(
        start=start,
        end=end,
        rule=rule,
        changes=[],
        window_start=start,
        window_end=start + COUNT_HORIZON,
        all_day=all_day,
    )
    starts = [occurrence.start for occurrence in occurrences]
    in_series = set(starts)
    chosen = {moment for moment in exceptions if moment in in_series}
    ends = "UNTIL=" in rule or "COUNT=" in rule
    finite = ends and len(starts) < MAX_OCCURRENCES_PER_EVENT
    dates = len(starts) - len(chosen) if finite else None

    holiday_dates = tuple(
        moment
        for moment in starts
        if moment not in chosen and is_holiday_date(moment.astimezone(LOCAL_TZ).date())
    )
    now = timezone.now()
    upcoming = [moment for moment in starts if moment >= now][:UPCOMING_DATES]
    offered = sorted(set(upcoming) | chosen | set(holiday_dates))
    candidates = tuple(CandidateDate(start=moment, checked=moment in chosen) for moment in offered)

    if choices is None:
        summary = describe_imported(rule=rule, dates=dates, exceptions=len(chosen))
    else:
        summary = describe(
            choices, start=start, all_day=all_day, dates=dates, exceptions=len(chosen)
        )
    return SeriesPreview(
        summary=summary,
        representable=choices is not None,
        is_series=True,
        dates=dates,
        candidates=candidates,
        holiday_dates=holiday_dates,
        stray_exceptions=tuple(sorted(set(exceptions) - in_series)),
    )


def asks_about_holidays(rule: str) -> bool:
    """Weekly series are the ones that run on into the holidays unnoticed."""
    choices = choices_from_rule(rule)
    if choices is None:
        return "FREQ=WEEKLY" in rule
    return choices.frequency == Frequency.WEEKLY
