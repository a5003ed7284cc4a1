"""updated_since: changes, indirect changes and tombstones for what left public view."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exchange.enums import ListingStatus
from tests.events.factories import EventPageFactory
from tests.exchange.factories import ListingFactory
from tests.providers.factories import ProviderPageFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db


def _sync(client, url, since):
    response = client.get(url, {"updated_since": since.isoformat()})
    assert response.status_code == 200, response.content
    return response.json()


def _ids(answer):
    return [item["id"] for item in answer["results"]]


def test_withdrawn_consent_turns_provider_and_its_events_into_tombstones(
    client, directory, calendar_page
):
    provider = ProviderPageFactory(parent=directory)
    event = EventPageFactory(
        parent=calendar_page, organiser=provider, start=timezone.now() + timedelta(days=2)
    )
    since = timezone.now()
    consent = provider.consents.get()
    consent.withdrawn_at = timezone.now()
    consent.save()

    providers = _sync(client, "/api/v1/providers/", since)
    events = _sync(client, "/api/v1/events/", since)
    assert providers["tombstones"] == [
        {
            "id": provider.pk,
            "type": "provider",
            "deleted_at": providers["tombstones"][0]["deleted_at"],
            "reason": "consent_withdrawn",
        }
    ]
    assert [(t["id"], t["reason"]) for t in events["tombstones"]] == [
        (event.pk, "consent_withdrawn")
    ]
    assert _sync(client, "/api/v1/occurrences/", since)["tombstones"][0]["id"] == event.pk


def test_tombstone_carries_no_content(client, directory):
    provider = ProviderPageFactory(parent=directory, title="Name bleibt geheim")
    since = timezone.now()
    provider.unpublish()
    answer = _sync(client, "/api/v1/providers/", since)
    assert set(answer["tombstones"][0]) == {"id", "type", "deleted_at", "reason"}
    assert "Name bleibt geheim" not in str(answer)


def test_restored_consent_brings_the_provider_back_as_a_change(client, directory):
    provider = ProviderPageFactory(parent=directory)
    provider.consents.update(withdrawn_at=timezone.now())
    since = timezone.now()
    consent = provider.consents.get()
    consent.withdrawn_at = None
    consent.save()
    answer = _sync(client, "/api/v1/providers/", since)
    assert _ids(answer) == [provider.pk]
    assert answer["tombstones"] == []


def test_renamed_organiser_shows_as_a_change_of_its_events(client, directory, calendar_page):
    provider = ProviderPageFactory(parent=directory)
    event = EventPageFactory(parent=calendar_page, organiser=provider)
    since = timezone.now()
    provider.title = "Neuer Name"
    provider.save_revision().publish()
    answer = _sync(client, "/api/v1/events/", since)
    assert _ids(answer) == [event.pk]
    assert answer["results"][0]["organiser"]["title"] == "Neuer Name"


def test_renamed_category_shows_as_a_change_of_its_events(client, calendar_page):
    category = ServiceCategoryFactory()
    event = EventPageFactory(parent=calendar_page, categories=[category])
    since = timezone.now()
    category.name = "Neu benannt"
    category.save()
    assert _ids(_sync(client, "/api/v1/events/", since)) == [event.pk]


def test_unchanged_items_are_left_out_of_a_sync(client, calendar_page):
    EventPageFactory(parent=calendar_page)
    since = timezone.now()
    assert _sync(client, "/api/v1/events/", since)["results"] == []


def test_removed_listing_is_a_tombstone_with_its_reason(client, gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality)
    since = timezone.now()
    listing.status = ListingStatus.REMOVED
    listing.save()
    answer = _sync(client, "/api/v1/listings/", since)
    assert [(t["id"], t["reason"]) for t in answer["tombstones"]] == [(listing.pk, "removed")]


def test_expired_listing_is_a_tombstone_without_any_signal(client, gelsenkirchen):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    answer = _sync(client, "/api/v1/listings/", timezone.now() - timedelta(days=3))
    assert [(t["id"], t["reason"]) for t in answer["tombstones"]] == [(listing.pk, "expired")]


def test_each_answer_names_the_timestamp_to_send_next(client):
    before = timezone.now()
    answer = client.get("/api/v1/districts/").json()
    assert answer["next_updated_since"] >= before.isoformat()[:19]


def test_cursor_pages_cover_every_item_once_in_a_stable_order(client, calendar_page):
    events = [EventPageFactory(parent=calendar_page) for _ in range(5)]
    seen, url = [], "/api/v1/events/?page_size=2"
    while url:
        answer = client.get(url).json()
        seen += _ids(answer)
        url = answer["next"]
    assert seen == sorted(event.pk for event in events)
