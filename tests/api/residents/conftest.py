"""Fixtures of the resident endpoints: members of both towns and their signed-in clients."""

import pytest
from rest_framework.test import APIClient

from tests.exchange.factories import CategoryFactory, ListingFactory, MemberFactory
from tests.factories import TEST_PASSWORD

LOGIN = "/api/v1/auth/login/"


def resident(municipality, email: str, **fields):
    """A member whose account is named by its e-mail address, as registration names it."""
    return MemberFactory(
        municipality=municipality, user__username=email, user__email=email, **fields
    )


def sign_in(member, *, password: str = TEST_PASSWORD) -> str:
    response = APIClient().post(
        LOGIN,
        {
            "email": member.user.email,
            "password": password,
            "municipality": member.municipality.slug,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def client_with(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def renate(gelsenkirchen):
    """An approved resident of Gelsenkirchen."""
    return resident(gelsenkirchen.municipality, "renate@example.org", display_name="Renate S.")


@pytest.fixture
def karl(gelsenkirchen):
    """Another approved resident of Gelsenkirchen."""
    return resident(gelsenkirchen.municipality, "karl@example.org", display_name="Karl M.")


@pytest.fixture
def renate_api(renate):
    return client_with(sign_in(renate))


@pytest.fixture
def karl_api(karl):
    return client_with(sign_in(karl))


@pytest.fixture
def ge_category(gelsenkirchen):
    return CategoryFactory(municipality=gelsenkirchen.municipality, name="Einkaufen")


@pytest.fixture
def karls_listing(gelsenkirchen, karl, ge_category):
    return ListingFactory(
        municipality=gelsenkirchen.municipality, member=karl, category=ge_category
    )


@pytest.fixture
def delbrueck_listing(delbrueck):
    return ListingFactory(municipality=delbrueck.municipality)
