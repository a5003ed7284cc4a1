"""Property-based fuzzing of the iCal parser and importer: FeedError is the only error.

Generated VCALENDAR texts mix valid and hostile properties: dates at the extremes,
huge and negative durations, RRULEs with huge COUNT/INTERVAL and long BYxxx lists,
unknown TZIDs, unicode, NUL, very long lines, garbage lines. The parser must either
return events or raise FeedError; the importer (parse and write into the real test
database) must either import or raise FeedError and change nothing.

Time is bounded by the profile below (max_examples, a deadline per example); the
number of examples run is printed in the terminal summary (tests/conftest.py).
"""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cms.events.importing import FeedError, feed_import_bytes, parse_feed
from cms.events.models import EventOccurrence, EventPage, ExternalCalendarFeed
from cms.places.models import District

FUZZ_PROFILE = {
    "deadline": timedelta(seconds=10),
    "database": None,  # no example files in the work tree; runs are reproducible by seed
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
PARSER_EXAMPLES = 150
IMPORTER_EXAMPLES = 25

text_without_newlines = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r\n"),
    max_size=40,
)
hostile_text = st.one_of(
    text_without_newlines,
    st.just("\x00"),
    st.just("ä" * 5000),
    st.text(alphabet="x\x00é€😀\u202e", min_size=1000, max_size=3000),
)
date_value = st.one_of(
    st.sampled_from(
        [
            "00010101",
            "18991231",
            "19000101",
            "20260303",
            "21001231",
            "21010101",
            "99991231",
            "20260230",
            "2026-bad",
            "",
        ]
    ),
    st.dates().map(lambda d: d.strftime("%Y%m%d").zfill(8)),
)
time_value = st.sampled_from(["T000000", "T190000", "T235959", "T235959Z", "T250000", "Z", ""])
tzid = st.sampled_from(["", ";TZID=Europe/Berlin", ";TZID=Mars/Olympus", ";TZID=", ";TZID=UTC"])
moment = st.builds(lambda d, t, z: (z, d + t), date_value, time_value, tzid)
duration = st.sampled_from(
    ["P2D", "PT1H", "-P1D", "P1W", "P99999999D", "PT0S", "P", "nonsense", "P999999999W"]
)
frequency = st.sampled_from(
    ["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "SECONDLY", "HOURLY", "MINUTELY", "YEARLYX", ""]
)
number = st.one_of(st.integers(-5, 400), st.integers(0, 10**12))
by_list = st.lists(st.integers(-400, 400), min_size=1, max_size=60).map(
    lambda values: ",".join(map(str, values))
)


@st.composite
def rrule(draw) -> str:
    parts = [f"FREQ={draw(frequency)}"]
    optional = {
        "COUNT": number.map(str),
        "INTERVAL": number.map(str),
        "UNTIL": st.builds(lambda d, t: d + t, date_value, time_value),
        "BYDAY": st.lists(
            st.sampled_from(["MO", "TU", "1MO", "-1FR", "53SU", "XX", "+2WE"]), max_size=20
        ).map(",".join),
        "BYMONTHDAY": by_list,
        "BYMONTH": by_list,
        "BYHOUR": by_list,
        "BYMINUTE": by_list,
        "BYSETPOS": by_list,
        "BYWEEKNO": by_list,
        "BYYEARDAY": by_list,
        "WKST": st.sampled_from(["MO", "SU", "ZZ"]),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=5)):
        parts.append(f"{key}={draw(optional[key])}")
    return ";".join(parts)


@st.composite
def vevent(draw, uids) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{draw(uids)}"]
    if draw(st.integers(0, 9)) > 0:
        params, value = draw(moment)
        value_type = ";VALUE=DATE" if len(value) == 8 and draw(st.booleans()) else ""
        lines.append(f"DTSTART{value_type}{params}:{value}")
    ending = draw(st.sampled_from(["none", "dtend", "duration", "both"]))
    if ending in ("dtend", "both"):
        params, value = draw(moment)
        lines.append(f"DTEND{params}:{value}")
    if ending in ("duration", "both"):
        lines.append(f"DURATION:{draw(duration)}")
    for _rule in range(draw(st.integers(0, 2))):
        lines.append(f"RRULE:{draw(rrule())}")
    if draw(st.booleans()):
        values = draw(st.lists(moment, min_size=1, max_size=8))
        lines.append("EXDATE:" + ",".join(value for _params, value in values))
    if draw(st.integers(0, 4)) == 0:
        params, value = draw(moment)
        lines.append(f"RECURRENCE-ID{params}:{value}")
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION", "STATUS"):
        if draw(st.booleans()):
            lines.append(f"{name}:{draw(hostile_text)}")
    for _garbage in range(draw(st.integers(0, 2))):
        lines.append(draw(text_without_newlines))
    lines.append("END:VEVENT")
    return lines


@st.composite
def calendars(draw, max_events: int) -> bytes:
    uids = st.sampled_from(["a@x", "b@x", "c@x", "", "\x00", "ü" * 300])
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Fuzz//DE"]
    for _event in range(draw(st.integers(0, max_events))):
        lines.extend(draw(vevent(uids)))
    if draw(st.integers(0, 9)) > 0:
        lines.append("END:VCALENDAR")
    separator = draw(st.sampled_from(["\r\n", "\n"]))
    return separator.join(lines).encode("utf-8", "surrogatepass") + separator.encode()


def test_parser_raises_only_feed_error(record_property):
    examples = 0

    @hypothesis_settings(max_examples=PARSER_EXAMPLES, **FUZZ_PROFILE)
    @given(data=calendars(max_events=4))
    def parse(data):
        nonlocal examples
        examples += 1
        try:
            events = parse_feed(data)
        except FeedError:
            return
        for event in events:
            assert 1900 <= event.start.year <= 2100
            assert 1900 <= event.end.year <= 2100

    parse()
    record_property("import_fuzz", f"iCal fuzzing: parse_feed ran {examples} examples")
    assert examples > 0


@pytest.mark.django_db
def test_importer_raises_only_feed_error_and_writes_nothing_on_failure(
    record_property, calendar_page, frozen_now
):
    feed = ExternalCalendarFeed.objects.create(
        name="Fuzz",
        url="https://fuzz.example/feed.ics",
        district=District.objects.get(slug="schalke"),
        trusted=True,
    )
    examples = failures = 0

    def snapshot():
        return (
            sorted(EventPage.objects.values_list("uid", "title", "latest_revision_id")),
            EventOccurrence.objects.count(),
        )

    @hypothesis_settings(max_examples=IMPORTER_EXAMPLES, **FUZZ_PROFILE)
    @given(data=calendars(max_events=2))
    def run_import(data):
        nonlocal examples, failures
        examples += 1
        before = snapshot()
        try:
            feed_import_bytes(feed=feed, data=data)
        except FeedError:
            failures += 1
            assert snapshot() == before

    run_import()
    record_property(
        "import_fuzz",
        f"iCal fuzzing: importer ran {examples} examples ({failures} refused with FeedError)",
    )
    assert examples > 0
