"""events/: each event's address, made once per calendar, is Wagtail's own."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page

from cms.api.events import full_urls
from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def _row(event) -> dict:
    return {"id": event.pk, "url_path": event.url_path, "slug": event.slug}


def test_addresses_are_what_wagtail_gives_each_page(calendar_page):
    events = [
        EventPageFactory(parent=calendar_page, title="Kaffee", slug="kaffee"),
        EventPageFactory(parent=calendar_page, title="Straßenfest", slug="straßenfest-ümit"),
        EventPageFactory(parent=calendar_page, title="Lauf", slug="lauf-2026_sommer"),
    ]
    request = RequestFactory().get("/api/v1/events/")
    expected = {
        event.pk: Page(url_path=event.url_path).get_full_url(request=request) for event in events
    }
    assert full_urls([_row(event) for event in events], request) == expected
    assert "stra%C3%9Fenfest-%C3%BCmit/" in expected[events[1].pk]


def test_address_that_does_not_end_in_the_slug_is_asked_of_wagtail(calendar_page):
    event = EventPageFactory(parent=calendar_page, slug="kaffee")
    request = RequestFactory().get("/api/v1/events/")
    row = {**_row(event), "url_path": f"{calendar_page.url_path}anders/"}
    assert full_urls([row], request) == {
        event.pk: Page(url_path=row["url_path"]).get_full_url(request=request)
    }
