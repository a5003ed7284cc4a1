"""ETag, Last-Modified, 304 and HEAD on the API and the iCal feed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/events/", "/api/v1/districts/", "/api/v1/occurrences/", "/ical/events.ics"]


@pytest.fixture
def event(calendar_page):
    return EventPageFactory(parent=calendar_page, start=_soon())


def _soon():
    return (timezone.now() + timedelta(days=2)).replace(hour=10, minute=0, microsecond=0)


@pytest.mark.parametrize("url", URLS)
def test_matching_etag_is_answered_with_304(client, event, url):
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("url", ["/api/v1/events/", "/api/v1/occurrences/", "/ical/events.ics"])
def test_etag_changes_when_the_content_changes(client, calendar_page, event, url):
    first = client.get(url)
    EventPageFactory(parent=calendar_page, title="Noch eine", start=_soon())
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/events/", "/api/v1/occurrences/", "/ical/events.ics"])
def test_unchanged_since_last_modified_is_answered_with_304(client, event, url):
    first = client.get(url)
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


@pytest.mark.parametrize("url", [*URLS, "/api/v1/schema/"])
def test_head_answers_like_get_without_a_body(client, event, url):
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""


def test_detail_answers_conditional_requests(client, event):
    first = client.get(f"/api/v1/events/{event.pk}/")
    assert first["Last-Modified"]
    assert (
        client.get(f"/api/v1/events/{event.pk}/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )
