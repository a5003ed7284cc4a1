"""The recurrence chooser's choices ⇄ RRULE text, and the German summary (pure functions)."""

import itertools
from datetime import date

import pytest

from cms.events.recurrence import validate_rule
from cms.events.recurrence_choices import (
    ORDINALS,
    WEEKDAYS,
    Ending,
    Frequency,
    MonthlyMode,
    RecurrenceChoices,
    choices_from_rule,
    describe,
    describe_imported,
    rule_from_choices,
)

from .factories import berlin

ENDINGS = [
    {"ending": Ending.NEVER},
    {"ending": Ending.UNTIL, "until": date(2027, 3, 31)},
    {"ending": Ending.COUNT, "count": 10},
]
INTERVALS = [1, 2, 52]


def _every_choice():
    """Every combination the chooser offers (weekday sets and month days sampled)."""
    weekday_sets = [(), ("TH",), ("MO", "TH"), WEEKDAYS]
    for interval, ending in itertools.product(INTERVALS, ENDINGS):
        yield RecurrenceChoices(frequency=Frequency.DAILY, interval=interval, **ending)
        for weekdays in weekday_sets:
            yield RecurrenceChoices(
                frequency=Frequency.WEEKLY, interval=interval, weekdays=weekdays, **ending
            )
        for month_day in (None, 1, 15, 31):
            yield RecurrenceChoices(
                frequency=Frequency.MONTHLY, interval=interval, month_day=month_day, **ending
            )
        for ordinal, weekday in itertools.product(ORDINALS, WEEKDAYS):
            yield RecurrenceChoices(
                frequency=Frequency.MONTHLY,
                interval=interval,
                monthly_mode=MonthlyMode.WEEKDAY,
                ordinal=ordinal,
                ordinal_weekday=weekday,
                **ending,
            )
    yield RecurrenceChoices()


@pytest.mark.parametrize("choices", list(_every_choice()), ids=rule_from_choices)
def test_every_choice_survives_the_round_trip_through_the_rule(choices):
    rule = rule_from_choices(choices)
    assert validate_rule(rule) == rule
    assert choices_from_rule(rule) == choices


@pytest.mark.parametrize(
    ("choices", "rule"),
    [
        (RecurrenceChoices(), ""),
        (RecurrenceChoices(frequency=Frequency.DAILY), "FREQ=DAILY"),
        (
            RecurrenceChoices(
                frequency=Frequency.WEEKLY,
                weekdays=("TH",),
                ending=Ending.UNTIL,
                until=date(2027, 3, 31),
            ),
            "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270331",
        ),
        (
            RecurrenceChoices(frequency=Frequency.WEEKLY, interval=2, weekdays=("MO", "TH")),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        ),
        (
            RecurrenceChoices(frequency=Frequency.MONTHLY, month_day=15),
            "FREQ=MONTHLY;BYMONTHDAY=15",
        ),
        (
            RecurrenceChoices(
                frequency=Frequency.MONTHLY,
                monthly_mode=MonthlyMode.WEEKDAY,
                ordinal=-1,
                ordinal_weekday="FR",
                ending=Ending.COUNT,
                count=6,
            ),
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6",
        ),
    ],
)
def test_choices_give_the_rule_the_text_field_took(choices, rule):
    assert rule_from_choices(choices) == rule


def test_fields_the_frequency_does_not_use_are_left_out_of_the_rule():
    choices = RecurrenceChoices(
        frequency=Frequency.DAILY, weekdays=("MO",), month_day=3, until=date(2027, 1, 1)
    )
    assert rule_from_choices(choices) == "FREQ=DAILY"


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;COUNT=20",
        "FREQ=MONTHLY;BYDAY=1MO;COUNT=6",
        "FREQ=WEEKLY;INTERVAL=2;COUNT=10",
        "FREQ=WEEKLY;UNTIL=20261231",
        "FREQ=MONTHLY;BYMONTHDAY=31",
    ],
)
def test_the_demo_and_documented_rules_are_shown_by_the_chooser(rule):
    assert rule_from_choices(choices_from_rule(rule)) == rule


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1",
        "FREQ=WEEKLY;UNTIL=20261231T225959Z",
        "FREQ=WEEKLY;BYDAY=1MO",
        "FREQ=DAILY;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=5MO",
        "FREQ=MONTHLY;BYMONTHDAY=1,15",
        "FREQ=WEEKLY;WKST=SU",
        "FREQ=WEEKLY;INTERVAL=60",
        "FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=3",
    ],
)
def test_rules_the_chooser_cannot_show_give_none(rule):
    assert choices_from_rule(rule) is None


@pytest.mark.parametrize(
    ("rule", "summary"),
    [
        ("FREQ=WEEKLY;BYDAY=TH;UNTIL=20270331", "jeden Donnerstag, 19:00 Uhr, bis 31.03.2027"),
        ("FREQ=WEEKLY", "jeden Donnerstag, 19:00 Uhr, ohne Enddatum"),
        (
            "FREQ=WEEKLY;BYDAY=MO,WE,TH",
            "jeden Montag, Mittwoch und Donnerstag, 19:00 Uhr, ohne Enddatum",
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=5",
            "alle 2 Wochen am Donnerstag, 19:00 Uhr, 5-mal",
        ),
        ("FREQ=DAILY;COUNT=3", "jeden Tag, 19:00 Uhr, 3-mal"),
        ("FREQ=DAILY;INTERVAL=3", "alle 3 Tage, 19:00 Uhr, ohne Enddatum"),
        ("FREQ=MONTHLY", "jeden Monat am 3., 19:00 Uhr, ohne Enddatum"),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15", "alle 2 Monate am 15., 19:00 Uhr, ohne Enddatum"),
        ("FREQ=MONTHLY;BYDAY=1MO", "jeden ersten Montag im Monat, 19:00 Uhr, ohne Enddatum"),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR",
            "alle 3 Monate am letzten Freitag, 19:00 Uhr, ohne Enddatum",
        ),
        ("", "einmalig am 03.12.2026, 19:00 Uhr"),
    ],
)
def test_summary_says_the_series_in_plain_german(rule, summary):
    start = berlin(2026, 12, 3, 19)  # a Thursday
    assert describe(choices_from_rule(rule), start=start, all_day=False) == summary


def test_summary_counts_the_dates_that_take_place_and_those_cancelled():
    choices = choices_from_rule("FREQ=WEEKLY;BYDAY=TH;UNTIL=20270331")
    text = describe(choices, start=berlin(2026, 12, 3, 19), all_day=False, dates=16, exceptions=1)
    assert text == "jeden Donnerstag, 19:00 Uhr, bis 31.03.2027: 16 Termine, 1 Termin fällt aus"


def test_summary_of_an_all_day_series_names_no_time():
    choices = choices_from_rule("FREQ=WEEKLY;COUNT=1")
    text = describe(choices, start=berlin(2026, 12, 3, 0), all_day=True, dates=1)
    assert text == "jeden Donnerstag, ganztägig, 1-mal: 1 Termin"


def test_summary_of_an_imported_rule_shows_the_rule_itself():
    text = describe_imported(rule="FREQ=YEARLY;COUNT=3", dates=3)
    assert "FREQ=YEARLY;COUNT=3" in text
    assert text.endswith(": 3 Termine")
