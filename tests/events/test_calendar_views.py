"""The public calendar: list, month and week views, filters, event pages, query counts."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.events.enums import AttendanceMode
from tests.factories import ArticlePageFactory

from .factories import EventPageFactory, berlin

pytestmark = pytest.mark.django_db


def _html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_list_view_shows_upcoming_events(client, calendar_page, frozen_now):
    EventPageFactory(
        parent=calendar_page,
        title="Spieleabend",
        start=berlin(2026, 3, 5, 19),
        end=berlin(2026, 3, 5, 21),
    )
    assert "Spieleabend" in _html(client, calendar_page.url)


def test_month_and_week_views_show_the_events_of_the_period(client, calendar_page, frozen_now):
    EventPageFactory(
        parent=calendar_page,
        title="Im April",
        start=berlin(2026, 4, 8, 19),
        end=berlin(2026, 4, 8, 20),
    )
    assert "Im April" in _html(client, calendar_page.url, view="monat", date="2026-04-15")
    assert "Im April" not in _html(client, calendar_page.url, view="monat", date="2026-05-15")
    assert "Im April" in _html(client, calendar_page.url, view="woche", date="2026-04-09")
    assert "Im April" not in _html(client, calendar_page.url, view="woche", date="2026-04-16")


def test_filters_narrow_the_list(client, calendar_page, gelsenkirchen, frozen_now):
    schalke = gelsenkirchen.district_homes["schalke"].district
    EventPageFactory(
        parent=calendar_page,
        title="Vor Ort in Schalke",
        districts=[schalke],
        start=berlin(2026, 3, 5, 19),
        end=berlin(2026, 3, 5, 20),
    )
    EventPageFactory(
        parent=calendar_page,
        title="Online-Treff",
        attendance_mode=AttendanceMode.ONLINE,
        online_url="https://meet.example/treff",
        dial_in="0209 123456, Code 42",
        venue_name="",
        street="",
        is_free=False,
        price="5 €",
        start=berlin(2026, 3, 6, 19),
        end=berlin(2026, 3, 6, 20),
    )
    html = _html(client, calendar_page.url, district="schalke")
    assert "Vor Ort in Schalke" in html and "Online-Treff" not in html
    html = _html(client, calendar_page.url, attendance="online")
    assert "Online-Treff" in html and "Vor Ort in Schalke" not in html
    html = _html(client, calendar_page.url, free="on")
    assert "Vor Ort in Schalke" in html and "Online-Treff" not in html
    html = _html(client, calendar_page.url, start="2026-03-06", end="2026-03-06")
    assert "Online-Treff" in html and "Vor Ort in Schalke" not in html


def test_calendar_offers_a_webcal_link_with_its_filters(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url, district="schalke")
    assert "webcal://testserver/ical/events.ics?district=schalke" in html


def _list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_daily_events(calendar_page, district, n, **fields) -> None:
    """n events of the district on consecutive days from 2 March 2026, 18 to 19 h."""
    for day in range(n):
        EventPageFactory(
            parent=calendar_page,
            districts=[district],
            start=berlin(2026, 3, 2 + day, 18),
            end=berlin(2026, 3, 2 + day, 19),
            **fields,
        )


def test_list_query_count_does_not_grow_with_events(
    client, calendar_page, gelsenkirchen, frozen_now
):
    schalke = gelsenkirchen.district_homes["schalke"].district

    _add_daily_events(calendar_page, schalke, 2)
    _list_queries(client, calendar_page.url)
    few = _list_queries(client, calendar_page.url)
    _add_daily_events(calendar_page, schalke, 8)
    assert _list_queries(client, calendar_page.url) == few
    assert _list_queries(client, calendar_page.url + "?view=monat") == _list_queries(
        client, calendar_page.url + "?view=monat"
    )


def test_event_page_has_json_ld_ics_link_and_linked_articles(
    client, calendar_page, gelsenkirchen, frozen_now
):
    from cms.news.models import ArticleEventLink

    event = EventPageFactory(
        parent=calendar_page,
        title="Stadtteilfest",
        start=berlin(2026, 3, 20, 14),
        end=berlin(2026, 3, 20, 18),
    )
    article = ArticlePageFactory(parent=gelsenkirchen.portal_news, title="Das Fest naht")
    ArticleEventLink.objects.create(article=article, event=event)
    html = _html(client, event.url)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "Event" and data["name"] == "Stadtteilfest"
    assert data["startDate"] == "2026-03-20T14:00:00+01:00"
    assert f"/ical/events.ics?event={event.pk}" in html
    assert "Das Fest naht" in html
    assert "Das Fest naht" in _html(client, calendar_page.url)


def test_single_event_ics_contains_only_that_event(client, calendar_page, frozen_now):
    event = EventPageFactory(parent=calendar_page, title="Eins")
    EventPageFactory(parent=calendar_page, title="Zwei")
    body = client.get("/ical/events.ics", {"event": event.pk}).content.decode()
    assert "SUMMARY:Eins" in body and "Zwei" not in body


def test_month_query_count_does_not_grow_with_events(
    client, calendar_page, gelsenkirchen, frozen_now
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    url = calendar_page.url + "?view=monat&date=2026-03-01"

    weekly = "FREQ=WEEKLY;COUNT=3"
    _add_daily_events(calendar_page, schalke, 1, recurrence_rule=weekly)
    _list_queries(client, url)
    few = _list_queries(client, url)
    _add_daily_events(calendar_page, schalke, 7, recurrence_rule=weekly)
    assert _list_queries(client, url) == few


def test_calendar_entries_link_to_their_events_and_name_their_districts(
    client, calendar_page, gelsenkirchen, frozen_now
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    huellen = gelsenkirchen.district_homes["huellen"].district
    event = EventPageFactory(
        parent=calendar_page,
        title="Quartiersspaziergang",
        districts=[schalke, huellen],
        start=berlin(2026, 3, 5, 15),
        end=berlin(2026, 3, 5, 17),
    )
    for view in ("liste", "monat", "woche"):
        html = _html(client, calendar_page.url, view=view, date="2026-03-05")
        assert f'<a href="{event.url}">Quartiersspaziergang</a>' in html
    html = _html(client, calendar_page.url)
    assert f"{huellen.name}, {schalke.name}" in html


def test_events_in_a_private_section_stay_out_of_calendar_and_feed(
    client, calendar_page, frozen_now
):
    from wagtail.models import PageViewRestriction

    public = EventPageFactory(
        parent=calendar_page,
        title="Offen",
        start=berlin(2026, 3, 5, 15),
        end=berlin(2026, 3, 5, 16),
    )
    private = EventPageFactory(
        parent=calendar_page,
        title="Intern",
        start=berlin(2026, 3, 5, 17),
        end=berlin(2026, 3, 5, 18),
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = _html(client, calendar_page.url)
    assert public.title in html and "Intern" not in html
    feed = client.get("/ical/events.ics").content.decode()
    assert "SUMMARY:Offen" in feed and "Intern" not in feed
