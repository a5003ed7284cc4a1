"""The calendar's shortcuts, its folding filters and German dates."""

import re
from datetime import date

import pytest

from cms.events.calendar import shortcuts
from cms.events.forms import CalendarFilterForm

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db


def _html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _shortcut(label, when):
    return next(s for s in shortcuts(when, start=None, end=None) if s["label"] == label)


def test_this_week_runs_from_today_to_sunday():
    week = _shortcut("Diese Woche", date(2026, 3, 4))  # a Wednesday
    assert (week["start"], week["end"]) == (date(2026, 3, 4), date(2026, 3, 8))


def test_weekend_is_the_coming_saturday_and_sunday():
    weekend = _shortcut("Am Wochenende", date(2026, 3, 4))
    assert (weekend["start"], weekend["end"]) == (date(2026, 3, 7), date(2026, 3, 8))


def test_weekend_on_a_sunday_is_that_sunday():
    weekend = _shortcut("Am Wochenende", date(2026, 3, 8))
    assert (weekend["start"], weekend["end"]) == (date(2026, 3, 8), date(2026, 3, 8))


def test_calendar_shows_the_shortcuts_with_their_ranges(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url, district="schalke")
    # frozen_now is Sunday, 1 March 2026.
    assert "start=01.03.2026&amp;end=01.03.2026" in html
    assert ">Heute</a>" in html and ">Diese Woche</a>" in html and ">Am Wochenende</a>" in html
    assert "district=schalke&amp;start=01.03.2026" in html


def test_chosen_shortcut_is_marked_current(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url, start="02.03.2026", end="02.03.2026")
    assert not re.search(r'aria-current="true">(Heute|Diese Woche|Am Wochenende)<', html)
    html = _html(client, calendar_page.url, start="01.03.2026", end="01.03.2026")
    assert re.search(r'aria-current="true">Heute<', html)


def test_filters_are_folded_without_filters(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url)
    assert '<details class="filters-fold">' in html


def test_filters_are_open_when_a_filter_is_active(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url, district="schalke")
    assert '<details class="filters-fold" open>' in html


def test_changing_the_view_alone_keeps_the_filters_folded(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url, view="monat")
    assert '<details class="filters-fold">' in html


def test_german_date_narrows_the_list(client, calendar_page, frozen_now):
    EventPageFactory(
        parent=calendar_page,
        title="Am Sechsten",
        start=berlin(2026, 3, 6, 19),
        end=berlin(2026, 3, 6, 20),
    )
    EventPageFactory(
        parent=calendar_page,
        title="Am Fünften",
        start=berlin(2026, 3, 5, 19),
        end=berlin(2026, 3, 5, 20),
    )
    html = _html(client, calendar_page.url, start="06.03.2026", end="06.03.2026")
    assert "Am Sechsten" in html and "Am Fünften" not in html


def test_iso_dates_are_still_accepted():
    form = CalendarFilterForm({"start": "2026-12-14"})
    assert form.is_valid()
    assert form.cleaned_data["start"] == date(2026, 12, 14)


def test_german_date_is_accepted():
    form = CalendarFilterForm({"start": "14.12.2026"})
    assert form.is_valid()
    assert form.cleaned_data["start"] == date(2026, 12, 14)


def test_date_fields_say_how_to_write_a_date(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url)
    assert "zum Beispiel 14.12.2026" in html
    assert 'aria-describedby="id_start_helptext"' in html


@pytest.mark.parametrize("nonsense", ["31.02.2026", "morgen", "14.12.99999", "0001-01-01"])
def test_nonsense_date_gets_a_german_message(client, calendar_page, frozen_now, nonsense):
    html = _html(client, calendar_page.url, start=nonsense)
    assert 'class="field__error" role="alert"' in html
    assert "Datum" in html.split('class="field__error"')[1].split("</p>")[0]


def test_far_future_end_date_is_refused_not_a_server_error(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url, end="31.12.9999")
    assert "zwischen 1900 und 2200" in html


def test_month_view_names_each_day_for_phones(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url, view="monat", date="2026-03-01")
    assert '<abbr aria-hidden="true">Mo</abbr><span class="visually-hidden">Montag</span>' in html
