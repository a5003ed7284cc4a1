"""ISO weeks of the programme: parsing the `woche` parameter and the Berlin window."""

from datetime import UTC, date, timedelta

import pytest

from cms.printing.weeks import IsoWeek, WeekError


def test_parse_reads_year_and_week():
    assert IsoWeek.parse("2026-W48") == IsoWeek(2026, 48)


@pytest.mark.parametrize("value", ["2026-48", "2026W48", "W48", "2026-W4", "", "2026-W48;x"])
def test_parse_refuses_other_formats_with_a_german_message(value):
    with pytest.raises(WeekError, match="keine Kalenderwoche"):
        IsoWeek.parse(value)


def test_parse_refuses_a_week_53_the_year_does_not_have():
    with pytest.raises(WeekError, match="hat keine Kalenderwoche 53"):
        IsoWeek.parse("2025-W53")


def test_parse_accepts_week_53_of_a_long_year():
    assert IsoWeek.parse("2026-W53").sunday == date(2027, 1, 3)


def test_parse_refuses_years_far_away():
    with pytest.raises(WeekError, match="zwischen"):
        IsoWeek.parse("9999-W01")


def test_week_runs_from_monday_midnight_to_next_monday_midnight_in_berlin():
    week = IsoWeek(2026, 13)  # summer time begins on Sunday 29 March
    assert week.start.isoformat() == "2026-03-23T00:00:00+01:00"
    assert week.end.isoformat() == "2026-03-30T00:00:00+02:00"
    # One hour short of seven days: the database compares instants, not wall clocks.
    assert week.end.astimezone(UTC) - week.start.astimezone(UTC) == timedelta(days=7, hours=-1)


def test_previous_and_next_cross_the_year():
    assert IsoWeek(2027, 1).previous() == IsoWeek(2026, 53)
    assert IsoWeek(2026, 53).next() == IsoWeek(2027, 1)
    assert str(IsoWeek(2027, 1)) == "2027-W01"
