"""Resident tokens: what they reach, and every way they end (each then answers 401)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from rest_framework.test import APIClient

from cms.api.models import ResidentToken
from exchange import services
from exchange.enums import MemberStatus
from tests.factories import UserFactory

from .conftest import client_with, resident, sign_in

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def test_no_token_is_a_401_asking_for_a_token(client, renate):
    response = client.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response["Content-Type"] == "application/problem+json"


def test_a_made_up_token_is_a_401(renate):
    response = client_with("0" * 64).get(ME)
    assert response.status_code == 401


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token \u00e4\u00f6\u00fc", "Token %00"])
def test_malformed_authorization_headers_are_a_401_not_a_500(renate, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get(ME).status_code == 401


def test_a_valid_token_reads_the_own_profile(renate_api):
    assert renate_api.get(ME).status_code == 200


def test_a_site_session_does_not_reach_the_resident_endpoints(client, renate):
    client.force_login(renate.user)
    assert client.get(ME).status_code == 401


def test_logout_revokes_the_token(renate):
    api = client_with(sign_in(renate))
    assert api.post("/api/v1/auth/logout/").json() == {"signed_out": 1}
    assert api.get(ME).status_code == 401


def test_logout_keeps_the_other_devices_signed_in(renate):
    phone, tablet = client_with(sign_in(renate)), client_with(sign_in(renate))
    phone.post("/api/v1/auth/logout/")
    assert tablet.get(ME).status_code == 200


def test_logout_all_revokes_every_token_of_the_account(renate):
    phone, tablet = client_with(sign_in(renate)), client_with(sign_in(renate))
    assert phone.post("/api/v1/auth/logout-all/").json() == {"signed_out": 2}
    assert tablet.get(ME).status_code == 401
    assert not ResidentToken.objects.exists()


def test_blocking_the_member_revokes_the_token(renate_api, renate, superuser_account):
    services.member_block(member=renate, by=superuser_account, reason="Beleidigungen")
    assert not ResidentToken.objects.exists()
    assert renate_api.get(ME).status_code == 401


def test_rejecting_the_member_revokes_the_token(gelsenkirchen, superuser_account):
    # Only a pending membership can be rejected (exchange.states); a pending member may
    # sign in to read their own data until then.
    pending = resident(gelsenkirchen.municipality, "neu@example.org", status=MemberStatus.PENDING)
    api = client_with(sign_in(pending))
    assert api.get(ME).status_code == 200
    services.member_reject(member=pending, by=superuser_account)
    assert api.get(ME).status_code == 401


def test_withdrawing_consent_revokes_the_token(renate_api, renate):
    services.member_consent_withdraw(member=renate)
    assert not ResidentToken.objects.exists()
    assert renate_api.get(ME).status_code == 401


def test_a_block_that_no_hook_reported_still_ends_the_token(renate_api, renate):
    # A status written directly (an admin data fix, a future code path): the check on
    # every request refuses the token and deletes it.
    type(renate).objects.filter(pk=renate.pk).update(status=MemberStatus.BLOCKED)
    assert renate_api.get(ME).status_code == 401
    assert not ResidentToken.objects.exists()


def test_changing_the_password_ends_the_token(renate_api, renate):
    renate.user.set_password("ein-ganz-neues-passwort")
    renate.user.save()
    assert renate_api.get(ME).status_code == 401


def test_deleting_the_account_deletes_its_tokens(renate_api, renate):
    services.account_erase(user=renate.user)
    assert not ResidentToken.objects.exists()
    assert renate_api.get(ME).status_code == 401


def test_an_expired_token_is_a_401_and_deleted(renate_api, renate):
    ResidentToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert renate_api.get(ME).status_code == 401
    assert not ResidentToken.objects.exists()


def test_a_deactivated_account_is_a_401(renate_api, renate):
    renate.user.is_active = False
    renate.user.save()
    assert renate_api.get(ME).status_code == 401


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/api/main/pages/"])
def test_a_token_reaches_no_admin_url_and_creates_no_session(renate_api, url):
    response = renate_api.get(url)
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


def test_the_token_of_one_membership_acts_for_that_municipality_only(renate, delbrueck):
    resident(delbrueck.municipality, "renate@example.org", user=renate.user, display_name="R.")
    profile = client_with(sign_in(renate)).get(ME).json()
    assert profile["municipality"]["slug"] == "gelsenkirchen"


@pytest.fixture
def superuser_account(db):
    return UserFactory(username="plattform-admin", is_superuser=True, is_staff=True)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v1/listings/-3/answers/"),
        ("patch", "/api/v1/me/listings/-1/"),
        ("get", "/api/v1/gibt-es-nicht/"),
    ],
)
def test_an_unknown_api_address_is_a_problem_404_for_every_method(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
