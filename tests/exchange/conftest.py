"""Fixtures of the exchange: role users of both municipalities and their members."""

import pytest

from tests.factories import UserFactory

from .factories import CategoryFactory, ListingFactory, MemberFactory


@pytest.fixture
def ge_admin(gelsenkirchen):
    """A municipality admin (Kommunenadministration) of Gelsenkirchen."""
    return UserFactory(username="kommune-ge", groups=[gelsenkirchen.groups["municipality_admins"]])


@pytest.fixture
def delbrueck_admin(delbrueck):
    return UserFactory(
        username="kommune-delbrueck", groups=[delbrueck.groups["municipality_admins"]]
    )


@pytest.fixture
def ge_helper(gelsenkirchen):
    """A proxy helper of Gelsenkirchen."""
    return UserFactory(username="helfer-ge", groups=[gelsenkirchen.groups["proxy_helpers"]])


@pytest.fixture
def superuser(db):
    return UserFactory(username="plattform-admin", is_superuser=True, is_staff=True)


@pytest.fixture
def ge_category(gelsenkirchen):
    return CategoryFactory(municipality=gelsenkirchen.municipality, name="Einkaufen")


@pytest.fixture
def ge_member(gelsenkirchen):
    """An approved resident of Gelsenkirchen."""
    return MemberFactory(municipality=gelsenkirchen.municipality, user__email="renate@example.org")


@pytest.fixture
def ge_listing(gelsenkirchen, ge_member, ge_category):
    return ListingFactory(
        municipality=gelsenkirchen.municipality, member=ge_member, category=ge_category
    )


@pytest.fixture
def delbrueck_listing(delbrueck):
    """A published listing of an approved Delbrück member, with its own category."""
    return ListingFactory(municipality=delbrueck.municipality)
