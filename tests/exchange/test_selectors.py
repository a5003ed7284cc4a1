"""The one visibility rule of the exchange, `public_listings` / `listings_visible_to`."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from exchange.enums import ListingStatus, MemberStatus
from exchange.selectors import listings_visible_to, public_listings

from .factories import CategoryFactory, ListingFactory, MemberFactory, ProxyClientFactory

pytestmark = pytest.mark.django_db


def test_published_listing_of_approved_member_is_public(ge_listing):
    assert list(public_listings()) == [ge_listing]


@pytest.mark.parametrize(
    "status", [MemberStatus.PENDING, MemberStatus.REJECTED, MemberStatus.BLOCKED]
)
def test_listing_of_member_not_approved_is_not_public(ge_listing, status):
    ge_listing.member.status = status
    ge_listing.member.save()
    assert not public_listings().exists()


@pytest.mark.parametrize(
    "status",
    [ListingStatus.DRAFT, ListingStatus.PENDING, ListingStatus.CLOSED, ListingStatus.REMOVED],
)
def test_listing_not_published_is_not_public(ge_listing, status):
    ge_listing.status = status
    ge_listing.save()
    assert not public_listings().exists()


def test_expired_listing_leaves_public_listings_by_itself(ge_listing):
    ge_listing.valid_until = timezone.localdate() - timedelta(days=1)
    ge_listing.save()
    assert not public_listings().exists()


def test_listing_valid_until_today_is_still_public(ge_listing):
    ge_listing.valid_until = timezone.localdate()
    ge_listing.save()
    assert public_listings().exists()


def test_listing_of_member_with_deactivated_account_is_not_public(ge_listing):
    ge_listing.member.user.is_active = False
    ge_listing.member.user.save()
    assert not public_listings().exists()


def test_proxy_client_listing_is_public(gelsenkirchen):
    client = ProxyClientFactory(municipality=gelsenkirchen.municipality)
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality, member=None, proxy_client=client
    )
    assert list(public_listings()) == [listing]


def test_proxy_client_listing_disappears_when_consent_is_withdrawn(gelsenkirchen):
    client = ProxyClientFactory(
        municipality=gelsenkirchen.municipality, consent_withdrawn_at=timezone.now()
    )
    ListingFactory(municipality=gelsenkirchen.municipality, member=None, proxy_client=client)
    assert not public_listings().exists()


def test_minor_sees_only_listings_in_categories_for_minors(gelsenkirchen, ge_listing):
    for_minors = CategoryFactory(municipality=gelsenkirchen.municipality, for_minors=True)
    garden = ListingFactory(municipality=gelsenkirchen.municipality, category=for_minors)
    minor = MemberFactory(municipality=gelsenkirchen.municipality, is_minor=True)
    assert list(listings_visible_to(minor.user)) == [garden]


def test_adult_and_visitor_see_every_category(gelsenkirchen, ge_listing, ge_member):
    assert list(listings_visible_to(AnonymousUser())) == [ge_listing]
    assert list(listings_visible_to(ge_member.user)) == [ge_listing]
