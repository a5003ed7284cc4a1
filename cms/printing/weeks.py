"""ISO calendar weeks as the programme names them in its URL: `?woche=2026-W48`.

A week runs from Monday 00:00 to the next Monday 00:00 in Europe/Berlin, so that an
event on Sunday at 23:30 belongs to its week also when that Sunday ends summer time.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.translation import gettext as _

from cms.events.recurrence import LOCAL_TZ

_WEEK_PATTERN = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})$")
# The occurrence index reaches a year back and 18 months ahead; these bounds only keep
# date arithmetic away from the ends of the calendar.
FIRST_YEAR = 2000
LAST_YEAR = 2100


class WeekError(ValueError):
    """A week parameter that names no ISO week; the message is for the visitor."""


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO 8601 week (Monday to Sunday)."""

    year: int
    week: int

    @classmethod
    def parse(cls, value: str) -> "IsoWeek":
        """Read "2026-W48"; raise WeekError with a German message for anything else."""
        match = _WEEK_PATTERN.match(value.strip())
        if not match:
            raise WeekError(
                _("„%(value)s“ ist keine Kalenderwoche. Bitte im Format 2026-W48 angeben.")
                % {"value": value[:20]}
            )
        year, week = int(match["year"]), int(match["week"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise WeekError(
                _("Das Jahr muss zwischen %(first)s und %(last)s liegen.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError:
            raise WeekError(
                _("Das Jahr %(year)s hat keine Kalenderwoche %(week)s.")
                % {"year": year, "week": week}
            ) from None
        return cls(year, week)

    @classmethod
    def containing(cls, day: date) -> "IsoWeek":
        year, week, _weekday = day.isocalendar()
        return cls(year, week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=n) for n in range(7)]

    @property
    def start(self) -> datetime:
        """Monday 00:00 in Europe/Berlin."""
        return datetime.combine(self.monday, time(), tzinfo=LOCAL_TZ)

    @property
    def end(self) -> datetime:
        """The next Monday 00:00 in Europe/Berlin (exclusive)."""
        return datetime.combine(self.monday + timedelta(days=7), time(), tzinfo=LOCAL_TZ)

    def previous(self) -> "IsoWeek":
        return IsoWeek.containing(self.monday - timedelta(days=7))

    def next(self) -> "IsoWeek":
        return IsoWeek.containing(self.monday + timedelta(days=7))
