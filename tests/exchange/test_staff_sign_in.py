"""The public "Anmelden" page and staff accounts (providers, editors)."""

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_staff_account_signing_in_on_the_public_page_lands_in_the_admin(client, provider_a):
    response = client.post(
        reverse("exchange:login"), {"username": provider_a.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_signed_in_staff_account_opening_the_public_sign_in_goes_to_the_admin(client, provider_a):
    client.force_login(provider_a)
    response = client.get(reverse("exchange:login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_public_sign_in_page_links_the_admin_sign_in(client):
    html = client.get(reverse("exchange:login")).content.decode()
    assert f'href="{reverse("wagtailadmin_login")}"' in html
