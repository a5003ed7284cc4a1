"""Events' addresses: the calendars' URLs are read once per content version."""

import pytest

from cms.events.selectors import event_urls
from tests.committed import as_committed
from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def _rows(*events) -> list[dict]:
    return [
        {"event_id": event.pk, "event__slug": event.slug, "event__path": event.path}
        for event in events
    ]


def test_calendar_urls_are_read_once_per_content_version(
    calendar_page, rf, django_assert_max_num_queries
):
    event = EventPageFactory(parent=calendar_page, slug="kaffee")
    as_committed()
    first = event_urls(_rows(event), rf.get("/"))
    with django_assert_max_num_queries(1):  # the content version, no page
        assert event_urls(_rows(event), rf.get("/")) == first
    assert first[event.pk].endswith(f"{calendar_page.slug}/kaffee/")


def test_a_renamed_calendar_gives_new_addresses_on_the_next_request(calendar_page, rf):
    event = EventPageFactory(parent=calendar_page, slug="kaffee")
    as_committed()
    event_urls(_rows(event), rf.get("/"))
    calendar_page.slug = "termine"
    calendar_page.save_revision().publish()
    as_committed()
    assert event_urls(_rows(event), rf.get("/"))[event.pk].endswith("/termine/kaffee/")


def test_absolute_addresses_are_kept_apart_from_relative_ones(calendar_page, rf):
    event = EventPageFactory(parent=calendar_page, slug="kaffee")
    as_committed()
    relative = event_urls(_rows(event), rf.get("/"))[event.pk]
    absolute = event_urls(_rows(event), rf.get("/"), absolute=True)[event.pk]
    assert absolute.startswith("http://testserver/")
    assert absolute.endswith(relative)
