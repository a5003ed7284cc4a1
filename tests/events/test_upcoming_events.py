"""The next events on district and portal homes ("Termine in Schalke")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import EventIndexPageFactory, EventPageFactory, berlin

pytestmark = pytest.mark.django_db


def _html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def _event(calendar_page, title, district, day=5, **fields):
    return EventPageFactory(
        parent=calendar_page,
        title=title,
        districts=[district] if district else [],
        start=berlin(2026, 3, day, 19),
        end=berlin(2026, 3, day, 21),
        **fields,
    )


def test_district_home_shows_the_next_events_of_its_district(
    client, gelsenkirchen, calendar_page, frozen_now
):
    schalke_home = gelsenkirchen.district_homes["schalke"]
    _event(calendar_page, "Spieleabend Schalke", schalke_home.district)
    _event(calendar_page, "Chor in Hüllen", gelsenkirchen.district_homes["huellen"].district)
    html = _html(client, schalke_home)
    assert "Termine in Schalke" in html
    assert "Spieleabend Schalke" in html
    assert "Chor in Hüllen" not in html


def test_district_home_links_the_calendar_filtered_to_its_district(
    client, gelsenkirchen, calendar_page, frozen_now
):
    html = _html(client, gelsenkirchen.district_homes["schalke"])
    assert f'href="{calendar_page.url}?district=schalke"' in html


def test_district_home_leaves_out_past_and_unpublished_events(
    client, gelsenkirchen, calendar_page, frozen_now
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    EventPageFactory(
        parent=calendar_page,
        title="Schon vorbei",
        districts=[schalke],
        start=berlin(2026, 2, 20, 19),
        end=berlin(2026, 2, 20, 21),
    )
    _event(calendar_page, "Noch ein Entwurf", schalke, publish=False)
    html = _html(client, gelsenkirchen.district_homes["schalke"])
    assert "Schon vorbei" not in html
    assert "Noch ein Entwurf" not in html


def test_portal_home_shows_the_events_of_the_whole_municipality(
    client, gelsenkirchen, delbrueck, calendar_page, frozen_now
):
    _event(calendar_page, "Spieleabend Schalke", gelsenkirchen.district_homes["schalke"].district)
    _event(calendar_page, "Stadtweiter Termin", None)
    delbrueck_calendar = EventIndexPageFactory(parent=delbrueck.portal)
    _event(delbrueck_calendar, "Ostenländer Markt", None)
    html = _html(client, gelsenkirchen.portal)
    assert f"Termine in {gelsenkirchen.municipality.name}" in html
    assert "Spieleabend Schalke" in html and "Stadtweiter Termin" in html
    assert "Ostenländer Markt" not in html


def test_home_shows_only_as_many_events_as_the_setting_says(
    client, gelsenkirchen, calendar_page, frozen_now, settings
):
    settings.QUARTIER_HOME_EVENTS = 2
    schalke = gelsenkirchen.district_homes["schalke"].district
    for day in (5, 6, 7):
        _event(calendar_page, f"Treffen am {day}. März", schalke, day=day)
    html = _html(client, gelsenkirchen.district_homes["schalke"])
    assert "Treffen am 5. März" in html and "Treffen am 6. März" in html
    assert "Treffen am 7. März" not in html


def test_home_without_a_calendar_shows_no_event_section(client, gelsenkirchen):
    assert "Termine in" not in _html(client, gelsenkirchen.district_homes["schalke"])


@pytest.mark.parametrize("home", ["district", "portal"])
def test_home_query_count_does_not_grow_with_events(
    client, gelsenkirchen, calendar_page, frozen_now, settings, home
):
    settings.QUARTIER_HOME_EVENTS = 10
    schalke_home = gelsenkirchen.district_homes["schalke"]
    page = schalke_home if home == "district" else gelsenkirchen.portal

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    _event(calendar_page, "Erstes", schalke_home.district, day=5)
    client.get(page.url)
    few = queries()
    for day in range(6, 14):
        _event(calendar_page, f"Weiteres {day}", schalke_home.district, day=day)
    assert queries() == few
