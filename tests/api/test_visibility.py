"""A unique marker planted in every hidden state of every type is found on no endpoint."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from exchange.enums import ListingStatus, MemberStatus
from tests.events.factories import EventPageFactory, berlin
from tests.exchange.factories import ListingFactory, MemberFactory, ProxyClientFactory
from tests.factories import ArticlePageFactory, StandardPageFactory
from tests.providers.factories import ProviderPageFactory

from .conftest import LIST_ENDPOINTS

pytestmark = pytest.mark.django_db

MARKER = "Geheimzeichen"


def _soon():
    return timezone.now() + timedelta(days=3)


def _everywhere(client, item_path: str | None = None) -> list[str]:
    """Every answer a visitor's app could get, with the marker in the query where useful."""
    bodies = []
    for url in LIST_ENDPOINTS:
        for params in ({}, {"updated_since": "2000-01-01T00:00:00Z"}, {"page_size": 1000}):
            response = client.get(url, params)
            assert response.status_code == 200, (url, response.content[:300])
            bodies.append(response.content.decode())
    for params in ({"q": MARKER}, {"q": MARKER, "type": "listing"}):
        bodies.append(client.get("/api/v1/search/", params).content.decode())
    bodies.append(client.get("/api/v1/providers/", {"q": MARKER}).content.decode())
    bodies.append(client.get("/api/v1/listings/", {"q": MARKER}).content.decode())
    bodies.append(client.get("/ical/events.ics").content.decode())
    if item_path:
        response = client.get(item_path)
        assert response.status_code == 404
    return bodies


def _assert_hidden(client, item_path=None):
    found = [body[:200] for body in _everywhere(client, item_path) if MARKER in body]
    assert found == []


def _event_window(event):
    return {"start": event.start.date().isoformat()}


def test_marker_of_a_visible_event_is_found_so_the_check_can_fail(client, calendar_page):
    event = EventPageFactory(parent=calendar_page, title=MARKER, start=berlin(2026, 12, 20, 19))
    assert any(MARKER in body for body in _everywhere(client))
    assert client.get(f"/api/v1/events/{event.pk}/").status_code == 200


def test_draft_event_is_on_no_endpoint(client, calendar_page):
    event = EventPageFactory(parent=calendar_page, title=MARKER, publish=False, start=_soon())
    _assert_hidden(client, f"/api/v1/events/{event.pk}/")


def test_event_behind_a_view_restriction_is_on_no_endpoint(client, calendar_page):
    event = EventPageFactory(parent=calendar_page, title=MARKER, start=_soon())
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    _assert_hidden(client, f"/api/v1/events/{event.pk}/")


def test_event_of_a_provider_without_consent_is_on_no_endpoint(client, calendar_page, directory):
    provider = ProviderPageFactory(parent=directory, consent=False, title="Ohne Einwilligung")
    event = EventPageFactory(parent=calendar_page, title=MARKER, organiser=provider, start=_soon())
    _assert_hidden(client, f"/api/v1/events/{event.pk}/")


def test_provider_without_consent_is_on_no_endpoint(client, directory):
    provider = ProviderPageFactory(parent=directory, consent=False, title=MARKER)
    _assert_hidden(client, f"/api/v1/providers/{provider.pk}/")


def test_provider_with_withdrawn_consent_is_on_no_endpoint(client, directory):
    provider = ProviderPageFactory(parent=directory, title=MARKER)
    provider.consents.update(withdrawn_at=timezone.now())
    _assert_hidden(client, f"/api/v1/providers/{provider.pk}/")


def test_unpublished_provider_is_on_no_endpoint(client, directory):
    provider = ProviderPageFactory(parent=directory, title=MARKER)
    provider.unpublish()
    _assert_hidden(client, f"/api/v1/providers/{provider.pk}/")


def test_draft_article_is_on_no_endpoint(client, gelsenkirchen):
    article = ArticlePageFactory(parent=gelsenkirchen.portal_news, title=MARKER, publish=False)
    _assert_hidden(client, f"/api/v1/articles/{article.pk}/")


def test_restricted_article_is_on_no_endpoint(client, gelsenkirchen):
    article = ArticlePageFactory(parent=gelsenkirchen.portal_news, title=MARKER)
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    _assert_hidden(client, f"/api/v1/articles/{article.pk}/")


def test_hidden_event_is_not_embedded_in_an_article(client, gelsenkirchen, calendar_page):
    event = EventPageFactory(parent=calendar_page, title=MARKER, publish=False, start=_soon())
    article = ArticlePageFactory(parent=gelsenkirchen.portal_news, title="Sichtbar")
    article.event_links.create(event=event)
    response = client.get(f"/api/v1/articles/{article.pk}/")
    assert response.status_code == 200
    assert MARKER not in response.content.decode()


def test_draft_standard_page_is_on_no_endpoint(client, gelsenkirchen):
    page = StandardPageFactory(
        parent=gelsenkirchen.district_homes["schalke"], title=MARKER, publish=False
    )
    _assert_hidden(client, f"/api/v1/pages/{page.pk}/")


@pytest.mark.parametrize(
    "status",
    [ListingStatus.DRAFT, ListingStatus.PENDING, ListingStatus.CLOSED, ListingStatus.REMOVED],
)
def test_listing_not_published_is_on_no_endpoint(client, gelsenkirchen, status):
    listing = ListingFactory(municipality=gelsenkirchen.municipality, title=MARKER, status=status)
    _assert_hidden(client, f"/api/v1/listings/{listing.pk}/")


def test_expired_listing_is_on_no_endpoint(client, gelsenkirchen):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        title=MARKER,
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    _assert_hidden(client, f"/api/v1/listings/{listing.pk}/")


@pytest.mark.parametrize(
    "status", [MemberStatus.PENDING, MemberStatus.REJECTED, MemberStatus.BLOCKED]
)
def test_listing_of_a_member_not_approved_is_on_no_endpoint(client, gelsenkirchen, status):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=status)
    listing = ListingFactory(municipality=gelsenkirchen.municipality, member=member, title=MARKER)
    _assert_hidden(client, f"/api/v1/listings/{listing.pk}/")


def test_listing_of_a_proxy_client_who_withdrew_consent_is_on_no_endpoint(client, gelsenkirchen):
    proxy = ProxyClientFactory(
        municipality=gelsenkirchen.municipality, consent_withdrawn_at=timezone.now()
    )
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality, member=None, proxy_client=proxy, title=MARKER
    )
    _assert_hidden(client, f"/api/v1/listings/{listing.pk}/")


def test_listing_shows_no_name_of_its_owner(client, gelsenkirchen):
    member = MemberFactory(municipality=gelsenkirchen.municipality, display_name=MARKER)
    ListingFactory(municipality=gelsenkirchen.municipality, member=member)
    body = client.get("/api/v1/listings/").content.decode()
    assert '"results": [{' in body.replace('"results":[{', '"results": [{')
    assert MARKER not in body
