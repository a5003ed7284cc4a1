"""POST /api/v1/auth/login/: e-mail, password and municipality give a token."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.api.models import ResidentToken
from exchange.enums import MemberStatus
from tests.factories import TEST_PASSWORD
from tests.hashers import counting_hasher

from .conftest import LOGIN, client_with, resident, sign_in

pytestmark = pytest.mark.django_db

WRONG = "Die E-Mail-Adresse oder das Passwort stimmt nicht."


def _login(client, email, password, municipality):
    return client.post(
        LOGIN,
        {"email": email, "password": password, "municipality": municipality},
        content_type="application/json",
    )


def test_member_signs_in_with_email_password_and_municipality(client, renate):
    response = _login(client, "renate@example.org", TEST_PASSWORD, "gelsenkirchen")
    assert response.status_code == 200
    body = response.json()
    assert body["member"]["display_name"] == "Renate S."
    assert body["member"]["municipality"]["slug"] == "gelsenkirchen"
    assert len(body["token"]) == 64


def test_the_email_address_may_be_typed_in_capitals(client, renate):
    response = _login(client, " Renate@Example.org ", TEST_PASSWORD, "gelsenkirchen")
    assert response.status_code == 200


def test_only_a_hash_of_the_token_is_stored(renate):
    token = sign_in(renate)
    stored = ResidentToken.objects.get(member=renate)
    assert token not in {stored.digest, stored.token_key, stored.password_mark}
    assert stored.token_key == token[:15]


def test_token_expires_after_the_configured_thirty_days(renate):
    sign_in(renate)
    expiry = ResidentToken.objects.get(member=renate).expiry
    assert abs(expiry - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)


def test_wrong_password_is_a_401_problem_in_german(client, renate):
    response = _login(client, "renate@example.org", "falsch", "gelsenkirchen")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == WRONG
    assert not ResidentToken.objects.exists()


def test_staff_account_gets_the_answer_of_a_wrong_password(client, editor, gelsenkirchen):
    # Even with a membership and the right password.
    editor.email = editor.username = "redaktion@example.org"
    editor.save()
    resident(gelsenkirchen.municipality, "x@example.org", user=editor)
    right = _login(client, "redaktion@example.org", TEST_PASSWORD, "gelsenkirchen")
    wrong = _login(client, "redaktion@example.org", "falsch", "gelsenkirchen")
    assert right.status_code == wrong.status_code == 401
    assert right.json() == wrong.json()
    assert not ResidentToken.objects.exists()


def test_staff_account_sign_in_costs_one_password_hash_like_a_wrong_password(
    client, editor, renate, settings
):
    hasher = counting_hasher(settings)
    _login(client, editor.username, TEST_PASSWORD, "gelsenkirchen")
    staff_work = hasher.hashed
    hasher.hashed = 0
    _login(client, "renate@example.org", "falsch", "gelsenkirchen")
    assert staff_work == hasher.hashed == 1


def test_failures_in_the_app_lock_the_web_sign_in_too(client, renate, settings):
    settings.QUARTIER_SIGNIN_MAX_FAILURES = 3
    for _attempt in range(3):
        _login(client, "renate@example.org", "falsch", "gelsenkirchen")
    response = client.post(
        reverse("exchange:login"), {"username": "renate@example.org", "password": TEST_PASSWORD}
    )
    assert "Zu viele falsche Anmeldeversuche" in response.content.decode()


def test_failures_on_the_web_lock_the_app_sign_in_with_429_and_retry_after(
    client, renate, settings
):
    settings.QUARTIER_SIGNIN_MAX_FAILURES = 3
    for _attempt in range(3):
        client.post(
            reverse("exchange:login"), {"username": "renate@example.org", "password": "falsch"}
        )
    response = _login(client, "renate@example.org", TEST_PASSWORD, "gelsenkirchen")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Zu viele falsche Anmeldeversuche" in response.json()["detail"]
    assert not ResidentToken.objects.exists()


def test_pending_member_signs_in_and_is_told_to_wait_before_posting(client, gelsenkirchen):
    pending = resident(gelsenkirchen.municipality, "neu@example.org", status=MemberStatus.PENDING)
    api = client_with(sign_in(pending))
    response = api.post("/api/v1/me/listings/", {}, format="json")
    assert response.status_code == 403
    assert "noch von Ihrer Kommune geprüft" in response.json()["detail"]


@pytest.mark.parametrize(
    "status", [MemberStatus.BLOCKED, MemberStatus.REJECTED, MemberStatus.WITHDRAWN]
)
def test_refused_membership_cannot_sign_in(client, gelsenkirchen, status):
    resident(gelsenkirchen.municipality, "weg@example.org", status=status)
    response = _login(client, "weg@example.org", TEST_PASSWORD, "gelsenkirchen")
    assert response.status_code == 403
    assert "gesperrt, abgelehnt oder beendet" in response.json()["detail"]
    assert not ResidentToken.objects.exists()


def test_member_of_another_municipality_gets_no_token_here(client, renate):
    response = _login(client, "renate@example.org", TEST_PASSWORD, "delbrueck")
    assert response.status_code == 403
    assert not ResidentToken.objects.exists()


def test_token_is_issued_for_the_membership_of_the_municipality_named(client, renate, delbrueck):
    resident(delbrueck.municipality, "renate@example.org", user=renate.user, display_name="R.")
    response = _login(client, "renate@example.org", TEST_PASSWORD, "delbrueck")
    assert response.json()["member"]["municipality"]["slug"] == "delbrueck"
    assert ResidentToken.objects.get().member.municipality_id == delbrueck.municipality.pk


def test_unknown_municipality_is_a_400_naming_it(client, renate):
    response = _login(client, "renate@example.org", TEST_PASSWORD, "atlantis")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["municipality"]


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        '"text"',
        "{nicht json",
        '{"email": "a\\u0000b", "password": "x", "municipality": "gelsenkirchen"}',
        '{"email": ["a"], "password": {"x": 1}, "municipality": 1e400}',
    ],
)
def test_malformed_login_bodies_are_a_400(client, renate, body):
    response = client.post(LOGIN, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_a_refused_membership_counts_towards_the_lockout_like_on_the_site(
    client, gelsenkirchen, settings
):
    settings.QUARTIER_SIGNIN_MAX_FAILURES = 2
    resident(gelsenkirchen.municipality, "weg@example.org", status=MemberStatus.BLOCKED)
    _login(client, "weg@example.org", TEST_PASSWORD, "gelsenkirchen")
    response = _login(client, "weg@example.org", TEST_PASSWORD, "gelsenkirchen")
    assert response.status_code == 429
