"""The month grid's markup, pinned cell by cell: what a visitor and a screen reader get.

The grid is built for speed (labels and links formatted once per cell in Python, see
`cms.events.calendar.GridDay`); these cells are what the template's filters and tags
wrote before, so a faster grid can never change what is shown.
"""

import re

import pytest

from cms.events.models import EventOccurrenceChange

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db


def _cell(html: str, day: str) -> str:
    """The day's cell (YYYY-MM-DD) without the template's line breaks and indentation,
    and without a space closing a list item (neither is shown)."""
    for cell in html.split("<td")[1:]:
        if f'datetime="{day}"' in cell:
            markup = re.sub(r"\s*\n\s*", "", "<td" + cell.split("</td>")[0] + "</td>")
            return markup.replace(" </li>", "</li>")
    raise AssertionError(f"no cell for {day}")


def _day_label(day: str, abbr: str, name: str, number: int) -> str:
    return (
        f'<p class="calendar-month__day"><time datetime="{day}">'
        f'<span class="calendar-month__weekday"><abbr aria-hidden="true">{abbr}</abbr>'
        f'<span class="visually-hidden">{name}</span> </span>{number}.</time></p>'
    )


@pytest.fixture
def march(client, calendar_page, frozen_now, settings):
    """March 2026 in the month view: a series with a cancelled and a moved date, an
    all-day date, and a day with more dates than a cell shows (limit 2)."""
    settings.QUARTIER_MONTH_DAY_ENTRIES = 2
    series = EventPageFactory(
        parent=calendar_page,
        title="Spieleabend",
        slug="spieleabend",
        start=berlin(2026, 3, 3, 19),
        end=berlin(2026, 3, 3, 21),
        recurrence_rule="FREQ=WEEKLY;COUNT=4",
        changes=[
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 17, 19),
                cancelled=True,
                cancellation_reason="Die Leiterin ist krank",
            ),
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 24, 19),
                cancelled=False,
                new_start=berlin(2026, 3, 26, 17),
                new_end=berlin(2026, 3, 26, 19),
            ),
        ],
    )
    EventPageFactory(
        parent=calendar_page,
        title="Flohmarkt",
        slug="flohmarkt",
        all_day=True,
        start=berlin(2026, 3, 14, 0),
        end=berlin(2026, 3, 15, 0),
    )
    for hour in (9, 10, 11):
        EventPageFactory(
            parent=calendar_page,
            title=f"Um {hour} Uhr",
            slug=f"um-{hour}-uhr",
            start=berlin(2026, 3, 10, hour),
            end=berlin(2026, 3, 10, hour, 30),
        )
    response = client.get(calendar_page.url, {"view": "monat", "date": "2026-03-01"})
    assert response.status_code == 200
    return {"html": response.content.decode(), "url": calendar_page.url, "series": series}


def test_cell_of_a_cancelled_date_says_so_with_the_reason(march):
    assert _cell(march["html"], "2026-03-17") == (
        '<td class="">'
        + _day_label("2026-03-17", "Di", "Dienstag", 17)
        + '<ul><li class="occurrence--cancelled">19:00 '
        f'<a href="{march["url"]}spieleabend/">Spieleabend</a> '
        '<span class="occurrence__status"><strong>Fällt aus</strong>. '
        "Grund: Die Leiterin ist krank</span></li></ul></td>"
    )


def test_cell_of_a_moved_date_says_from_where_it_moved(march):
    assert _cell(march["html"], "2026-03-26") == (
        '<td class="">'
        + _day_label("2026-03-26", "Do", "Donnerstag", 26)
        + f'<ul><li>17:00 <a href="{march["url"]}spieleabend/">Spieleabend</a> '
        '<span class="occurrence__status">Verschoben vom Dienstag, 24. März, 19:00 Uhr '
        "auf Donnerstag, 26. März, 17:00 Uhr</span></li></ul></td>"
    )


def test_cell_of_an_all_day_date_shows_no_time(march):
    assert _cell(march["html"], "2026-03-14") == (
        '<td class="">'
        + _day_label("2026-03-14", "Sa", "Samstag", 14)
        + f'<ul><li><a href="{march["url"]}flohmarkt/">Flohmarkt</a></li></ul></td>'
    )


def test_cell_of_a_busy_day_links_the_rest_to_the_days_list(march):
    assert _cell(march["html"], "2026-03-10") == (
        '<td class="">'
        + _day_label("2026-03-10", "Di", "Dienstag", 10)
        + f'<ul><li>09:00 <a href="{march["url"]}um-9-uhr/">Um 9 Uhr</a></li>'
        f'<li>10:00 <a href="{march["url"]}um-10-uhr/">Um 10 Uhr</a></li></ul>'
        '<p class="calendar-month__more"><a href="?start=10.03.2026&amp;end=10.03.2026">'
        '2 weitere<span class="visually-hidden"> Veranstaltungen am Dienstag, 10. März 2026'
        "</span></a></p></td>"
    )


def test_cell_of_today_is_marked(march):
    assert _cell(march["html"], "2026-03-01") == (
        '<td class=" calendar-month__today">'
        + _day_label("2026-03-01", "So", "Sonntag", 1)
        + "</td>"
    )


def test_cell_of_the_month_before_is_marked_as_another_month(march):
    assert _cell(march["html"], "2026-02-23") == (
        '<td class="calendar-month__other">'
        + _day_label("2026-02-23", "Mo", "Montag", 23)
        + "</td>"
    )


def test_more_link_keeps_other_parameters_in_their_order(client, calendar_page, march):
    response = client.get(
        calendar_page.url,
        {"quelle": "aushang", "view": "monat", "date": "2026-03-01", "seite": "2"},
    )
    cell = _cell(response.content.decode(), "2026-03-10")
    assert '<a href="?quelle=aushang&amp;start=10.03.2026&amp;end=10.03.2026">' in cell
