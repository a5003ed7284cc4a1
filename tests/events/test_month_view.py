"""The month view: a day cell shows its first dates and links the rest to the day's list."""

import re

import pytest

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db


def _cell(html: str, day: str) -> str:
    """The month grid's cell of the day (YYYY-MM-DD)."""
    for cell in html.split("<td")[1:]:
        if f'datetime="{day}"' in cell:
            return cell.split("</td>")[0]
    raise AssertionError(f"no cell for {day}")


def _month(client, calendar_page, **params) -> str:
    response = client.get(calendar_page.url, {"view": "monat", "date": "2026-03-01", **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def four_on_one_day(calendar_page, frozen_now):
    for hour in (9, 10, 11, 12):
        EventPageFactory(
            parent=calendar_page,
            title=f"Um {hour} Uhr",
            start=berlin(2026, 3, 10, hour),
            end=berlin(2026, 3, 10, hour, 30),
        )


def test_day_cell_shows_only_the_first_dates_of_a_busy_day(
    client, calendar_page, four_on_one_day, settings
):
    settings.QUARTIER_MONTH_DAY_ENTRIES = 2
    cell = _cell(_month(client, calendar_page), "2026-03-10")
    assert "Um 9 Uhr" in cell and "Um 10 Uhr" in cell
    assert "Um 11 Uhr" not in cell and "Um 12 Uhr" not in cell


def test_busy_day_links_its_further_dates_to_the_days_list(
    client, calendar_page, four_on_one_day, settings
):
    settings.QUARTIER_MONTH_DAY_ENTRIES = 2
    cell = _cell(_month(client, calendar_page), "2026-03-10")
    link = re.search(r'<a href="([^"]*)">2 weitere<span class="visually-hidden"> ', cell)
    assert link is not None
    day_list = client.get(calendar_page.url + link.group(1).replace("&amp;", "&"))
    html = day_list.content.decode()
    assert all(f"Um {hour} Uhr" in html for hour in (9, 10, 11, 12))


def test_day_within_the_limit_has_no_further_link(client, calendar_page, four_on_one_day):
    cell = _cell(_month(client, calendar_page), "2026-03-10")
    assert "Um 12 Uhr" in cell
    assert "weitere" not in cell


def test_more_link_keeps_the_chosen_filters(
    client, calendar_page, gelsenkirchen, frozen_now, settings
):
    settings.QUARTIER_MONTH_DAY_ENTRIES = 1
    schalke = gelsenkirchen.district_homes["schalke"].district
    for hour in (9, 10):
        EventPageFactory(
            parent=calendar_page,
            districts=[schalke],
            start=berlin(2026, 3, 10, hour),
            end=berlin(2026, 3, 10, hour, 30),
        )
    cell = _cell(_month(client, calendar_page, district="schalke"), "2026-03-10")
    assert re.search(r'href="[^"]*district=schalke[^"]*start=10.03.2026[^"]*">1 weitere', cell)


def test_date_over_several_days_appears_on_each_of_its_days(client, calendar_page, frozen_now):
    EventPageFactory(
        parent=calendar_page,
        title="Ferienfreizeit",
        start=berlin(2026, 3, 10, 10),
        end=berlin(2026, 3, 12, 16),
    )
    html = _month(client, calendar_page)
    for day in ("2026-03-10", "2026-03-11", "2026-03-12"):
        assert "Ferienfreizeit" in _cell(html, day)
    assert "Ferienfreizeit" not in _cell(html, "2026-03-13")


def test_date_over_several_days_counts_towards_each_days_limit(
    client, calendar_page, four_on_one_day, settings
):
    settings.QUARTIER_MONTH_DAY_ENTRIES = 4
    EventPageFactory(
        parent=calendar_page,
        title="Ferienfreizeit",
        start=berlin(2026, 3, 9, 10),
        end=berlin(2026, 3, 11, 16),
    )
    cell = _cell(_month(client, calendar_page), "2026-03-10")
    assert "Ferienfreizeit" in cell and "Um 11 Uhr" in cell
    assert "Um 12 Uhr" not in cell and "1 weitere" in cell
