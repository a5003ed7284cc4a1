"""The recurrence chooser's choices, turned into RRULE text and back, and said in German.

Providers pick "weekly on Thursday until 31 March" instead of typing
`FREQ=WEEKLY;BYDAY=TH;UNTIL=20270331`. These pure functions are the whole translation:
`rule_from_choices` writes the same RRULE the text field took before (see
recurrence.py for its format and limits), `choices_from_rule` reads one back, and gives
None for a rule the chooser cannot show (an imported YEARLY rule, BYSETPOS, an UNTIL
with a time of day), which the form then keeps unchanged. `describe` is the plain German
summary shown before and after saving.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .recurrence import LOCAL_TZ, MAX_OCCURRENCES_PER_EVENT

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = (1, 2, 3, 4, -1)
MAX_INTERVAL = 52


class Frequency(models.TextChoices):
    ONCE = "once", gettext_lazy("Einmalig")
    DAILY = "daily", gettext_lazy("Täglich")
    WEEKLY = "weekly", gettext_lazy("Wöchentlich")
    MONTHLY = "monthly", gettext_lazy("Monatlich")


class MonthlyMode(models.TextChoices):
    DAY_OF_MONTH = "day", gettext_lazy("an einem Tag des Monats (z. B. am 15.)")
    WEEKDAY = "weekday", gettext_lazy("an einem Wochentag (z. B. am ersten Montag)")


class Ending(models.TextChoices):
    NEVER = "never", gettext_lazy("ohne Enddatum")
    UNTIL = "until", gettext_lazy("bis zu einem Datum")
    COUNT = "count", gettext_lazy("nach einer Anzahl von Terminen")


def weekday_names() -> dict[str, str]:
    return {
        "MO": _("Montag"),
        "TU": _("Dienstag"),
        "WE": _("Mittwoch"),
        "TH": _("Donnerstag"),
        "FR": _("Freitag"),
        "SA": _("Samstag"),
        "SU": _("Sonntag"),
    }


def ordinal_names() -> dict[int, str]:
    """Ordinals as they stand before a weekday: "am ersten Montag"."""
    return {1: _("ersten"), 2: _("zweiten"), 3: _("dritten"), 4: _("vierten"), -1: _("letzten")}


@dataclass(frozen=True)
class RecurrenceChoices:
    """What the chooser shows; fields that do not apply to the frequency keep defaults."""

    frequency: str = Frequency.ONCE
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    monthly_mode: str = MonthlyMode.DAY_OF_MONTH
    month_day: int | None = None
    ordinal: int = 1
    ordinal_weekday: str = "MO"
    ending: str = Ending.NEVER
    until: date | None = None
    count: int | None = None

    def canonical(self) -> "RecurrenceChoices":
        """The same choices with everything the frequency does not use reset."""
        if self.frequency == Frequency.ONCE:
            return RecurrenceChoices()
        choices = self
        if self.frequency != Frequency.WEEKLY:
            choices = replace(choices, weekdays=())
        else:
            choices = replace(choices, weekdays=tuple(d for d in WEEKDAYS if d in self.weekdays))
        if self.frequency != Frequency.MONTHLY:
            choices = replace(
                choices,
                monthly_mode=MonthlyMode.DAY_OF_MONTH,
                month_day=None,
                ordinal=1,
                ordinal_weekday="MO",
            )
        elif self.monthly_mode == MonthlyMode.DAY_OF_MONTH:
            choices = replace(choices, ordinal=1, ordinal_weekday="MO")
        else:
            choices = replace(choices, month_day=None)
        if self.ending != Ending.UNTIL:
            choices = replace(choices, until=None)
        if self.ending != Ending.COUNT:
            choices = replace(choices, count=None)
        return choices


_FREQ_NAMES = {
    Frequency.DAILY: "DAILY",
    Frequency.WEEKLY: "WEEKLY",
    Frequency.MONTHLY: "MONTHLY",
}


def rule_from_choices(choices: RecurrenceChoices) -> str:
    """The RRULE text for the choices ("" for a single date)."""
    choices = choices.canonical()
    if choices.frequency == Frequency.ONCE:
        return ""
    parts = [f"FREQ={_FREQ_NAMES[choices.frequency]}"]
    if choices.interval > 1:
        parts.append(f"INTERVAL={choices.interval}")
    if choices.weekdays:
        parts.append("BYDAY=" + ",".join(choices.weekdays))
    if choices.frequency == Frequency.MONTHLY:
        if choices.monthly_mode == MonthlyMode.WEEKDAY:
            parts.append(f"BYDAY={choices.ordinal}{choices.ordinal_weekday}")
        elif choices.month_day:
            parts.append(f"BYMONTHDAY={choices.month_day}")
    if choices.ending == Ending.UNTIL and choices.until:
        parts.append(f"UNTIL={choices.until:%Y%m%d}")
    elif choices.ending == Ending.COUNT and choices.count:
        parts.append(f"COUNT={choices.count}")
    return ";".join(parts)


def _positive(value: str, *, maximum: int) -> int | None:
    if not value.isdigit():
        return None
    number = int(value)
    return number if 1 <= number <= maximum else None


def choices_from_rule(rule: str) -> RecurrenceChoices | None:
    """The chooser's choices for a (normalised) rule, or None if it cannot show it."""
    if not rule:
        return RecurrenceChoices()
    parts = {}
    for chunk in rule.split(";"):
        key, _separator, value = chunk.partition("=")
        if key in parts or not value:
            return None
        parts[key] = value
    frequency = {name: freq for freq, name in _FREQ_NAMES.items()}.get(parts.pop("FREQ", ""))
    if frequency is None:
        return None
    interval = _positive(parts.pop("INTERVAL", "1"), maximum=MAX_INTERVAL)
    if interval is None:
        return None
    choices = RecurrenceChoices(frequency=frequency, interval=interval)

    if "UNTIL" in parts and "COUNT" in parts:
        return None
    if "UNTIL" in parts:
        try:
            until = datetime.strptime(parts.pop("UNTIL"), "%Y%m%d").date()
        except ValueError:
            return None
        choices = replace(choices, ending=Ending.UNTIL, until=until)
    elif "COUNT" in parts:
        count = _positive(parts.pop("COUNT"), maximum=MAX_OCCURRENCES_PER_EVENT)
        if count is None:
            return None
        choices = replace(choices, ending=Ending.COUNT, count=count)

    by_day = parts.pop("BYDAY", None)
    by_month_day = parts.pop("BYMONTHDAY", None)
    if parts:  # BYSETPOS, BYMONTH, WKST, ...: more than the chooser can say
        return None
    if frequency == Frequency.DAILY:
        return None if by_day or by_month_day else choices
    if frequency == Frequency.WEEKLY:
        if by_month_day:
            return None
        days = by_day.split(",") if by_day else []
        if any(day not in WEEKDAYS for day in days) or len(set(days)) != len(days):
            return None
        return replace(choices, weekdays=tuple(d for d in WEEKDAYS if d in days))
    # Monthly: on one day of the month, or on the n-th (or last) weekday.
    if by_day and by_month_day:
        return None
    if by_month_day:
        day = _positive(by_month_day, maximum=31)
        return None if day is None else replace(choices, month_day=day)
    if by_day:
        ordinal_text, weekday = by_day[:-2], by_day[-2:]
        try:
            ordinal = int(ordinal_text)
        except ValueError:
            return None
        if weekday not in WEEKDAYS or ordinal not in ORDINALS or ordinal_text.startswith("+"):
            return None
        return replace(
            choices, monthly_mode=MonthlyMode.WEEKDAY, ordinal=ordinal, ordinal_weekday=weekday
        )
    return choices


def _joined(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(first)s und %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _pattern(choices: RecurrenceChoices, start: datetime) -> str:
    local = start.astimezone(LOCAL_TZ)
    names = weekday_names()
    n = choices.interval
    if choices.frequency == Frequency.DAILY:
        return _("jeden Tag") if n == 1 else _("alle %(n)d Tage") % {"n": n}
    if choices.frequency == Frequency.WEEKLY:
        days = _joined([names[d] for d in choices.weekdays or (WEEKDAYS[local.weekday()],)])
        if n == 1:
            return _("jeden %(days)s") % {"days": days}
        return _("alle %(n)d Wochen am %(days)s") % {"n": n, "days": days}
    if choices.monthly_mode == MonthlyMode.WEEKDAY:
        day = _("%(ordinal)s %(weekday)s") % {
            "ordinal": ordinal_names()[choices.ordinal],
            "weekday": names[choices.ordinal_weekday],
        }
        if n == 1:
            return _("jeden %(day)s im Monat") % {"day": day}
        return _("alle %(n)d Monate am %(day)s") % {"n": n, "day": day}
    month_day = choices.month_day or local.day
    if n == 1:
        return _("jeden Monat am %(day)d.") % {"day": month_day}
    return _("alle %(n)d Monate am %(day)d.") % {"n": n, "day": month_day}


def _time_of_day(start: datetime, *, all_day: bool) -> str:
    if all_day:
        return _("ganztägig")
    return _("%(time)s Uhr") % {"time": start.astimezone(LOCAL_TZ).strftime("%H:%M")}


def _dates(count: int, exceptions: int) -> str:
    text = ngettext("%(count)d Termin", "%(count)d Termine", count) % {"count": count}
    if exceptions:
        text += ngettext(
            ", %(count)d Termin fällt aus", ", %(count)d Termine fallen aus", exceptions
        ) % {"count": exceptions}
    return text


def describe(
    choices: RecurrenceChoices,
    *,
    start: datetime,
    all_day: bool,
    dates: int | None = None,
    exceptions: int = 0,
) -> str:
    """The series in plain German: "jeden Donnerstag, 19:00 Uhr, bis 31.03.2027: 17 Termine".

    `dates` is how many dates take place (left out for a series without an end),
    `exceptions` how many of the series' dates are cancelled.
    """
    time_of_day = _time_of_day(start, all_day=all_day)
    if choices.frequency == Frequency.ONCE:
        return _("einmalig am %(date)s, %(time)s") % {
            "date": start.astimezone(LOCAL_TZ).strftime("%d.%m.%Y"),
            "time": time_of_day,
        }
    text = f"{_pattern(choices, start)}, {time_of_day}"
    if choices.ending == Ending.UNTIL and choices.until:
        text += ", " + _("bis %(date)s") % {"date": choices.until.strftime("%d.%m.%Y")}
    elif choices.ending == Ending.COUNT and choices.count:
        text += ", " + _("%(count)d-mal") % {"count": choices.count}
    else:
        text += ", " + _("ohne Enddatum")
        return text
    if dates is not None:
        text += ": " + _dates(dates, exceptions)
    return text


def describe_imported(*, rule: str, dates: int | None, exceptions: int = 0) -> str:
    """The summary of a rule the chooser cannot show (kept as it is)."""
    text = _("Wiederholung nach einer übernommenen Regel (%(rule)s)") % {"rule": rule}
    if dates is not None:
        text += ": " + _dates(dates, exceptions)
    return text
