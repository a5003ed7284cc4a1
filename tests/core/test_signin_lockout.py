"""The sign-in lockout on the admin's, the residents' and the page-password forms.

Attempts are counted, never timed: after QUARTIER_SIGNIN_MAX_FAILURES failures even the
right password is refused (no password is checked at all), with a German message
saying until when; a success resets the account's count.
"""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.core import ratelimit
from tests.factories import TEST_PASSWORD, UserFactory
from tests.hashers import counting_hasher

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = reverse("wagtailadmin_login")
RESIDENT_LOGIN = reverse("exchange:login")
LOCKED_TEXT = "Zu viele falsche Anmeldeversuche"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.QUARTIER_SIGNIN_MAX_FAILURES = 5
    settings.QUARTIER_SIGNIN_MAX_FAILURES_PER_CLIENT = 30
    settings.QUARTIER_SIGNIN_COOLOFF = 15 * 60


def _fail(client, url, username, times):
    for _ in range(times):
        response = client.post(url, {"username": username, "password": "falsch"})
        assert response.status_code == 200
    return response


def test_admin_sign_in_is_locked_after_five_failures_even_with_the_right_password(client, editor):
    _fail(client, ADMIN_LOGIN, editor.username, 5)
    response = client.post(ADMIN_LOGIN, {"username": editor.username, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert LOCKED_TEXT in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_sign_in_below_the_limit_still_works(client, editor):
    _fail(client, ADMIN_LOGIN, editor.username, 4)
    response = client.post(ADMIN_LOGIN, {"username": editor.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_fifth_failure_already_says_until_when(client, editor):
    response = _fail(client, ADMIN_LOGIN, editor.username, 5)
    content = response.content.decode()
    assert LOCKED_TEXT in content
    assert "Uhr wieder" in content
    assert "in etwa 15 Minuten" in content


def test_a_locked_sign_in_checks_no_password(client, editor, settings):
    _fail(client, ADMIN_LOGIN, editor.username, 5)
    hasher = counting_hasher(settings)
    client.post(ADMIN_LOGIN, {"username": editor.username, "password": TEST_PASSWORD})
    assert hasher.hashed == 0


def test_a_successful_sign_in_resets_the_accounts_count(client, editor):
    _fail(client, ADMIN_LOGIN, editor.username, 4)
    client.post(ADMIN_LOGIN, {"username": editor.username, "password": TEST_PASSWORD})
    client.logout()
    _fail(client, ADMIN_LOGIN, editor.username, 4)
    response = client.post(ADMIN_LOGIN, {"username": editor.username, "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_the_account_is_counted_whatever_the_case_of_its_name(client, editor):
    name = editor.username
    for variant in [name.upper(), name.title(), f" {name}", name.swapcase(), name]:
        client.post(ADMIN_LOGIN, {"username": variant, "password": "falsch"})
    response = client.post(ADMIN_LOGIN, {"username": name, "password": TEST_PASSWORD})
    assert LOCKED_TEXT in response.content.decode()


def test_one_client_is_locked_after_many_failures_across_accounts(client, editor, settings):
    settings.QUARTIER_SIGNIN_MAX_FAILURES_PER_CLIENT = 6
    for number in range(6):
        client.post(ADMIN_LOGIN, {"username": f"geraten{number}", "password": "falsch"})
    response = client.post(ADMIN_LOGIN, {"username": editor.username, "password": TEST_PASSWORD})
    assert LOCKED_TEXT in response.content.decode()


def test_after_the_cooloff_the_right_password_lets_in_again(client, editor, monkeypatch):
    import time

    _fail(client, ADMIN_LOGIN, editor.username, 5)
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(ADMIN_LOGIN, {"username": editor.username, "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_resident_sign_in_is_locked_after_five_failures(client, gelsenkirchen):
    from tests.exchange.factories import MemberFactory

    member = MemberFactory(
        municipality=gelsenkirchen.municipality,
        user__username="renate@example.org",
        user__email="renate@example.org",
    )
    _fail(client, RESIDENT_LOGIN, "renate@example.org", 5)
    response = client.post(
        RESIDENT_LOGIN, {"username": member.user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    assert LOCKED_TEXT in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_resident_and_admin_sign_in_share_one_count_per_account(client, gelsenkirchen):
    UserFactory(username="renate@example.org")
    _fail(client, RESIDENT_LOGIN, "renate@example.org", 3)
    _fail(client, ADMIN_LOGIN, "renate@example.org", 2)
    assert ratelimit.check(ratelimit.SIGNIN_ACCOUNT, "renate@example.org").locked


def test_resident_sign_in_with_an_unknown_address_hashes_a_password_like_a_known_one(
    client, gelsenkirchen, settings
):
    UserFactory(username="renate@example.org")
    hasher = counting_hasher(settings)
    client.post(RESIDENT_LOGIN, {"username": "renate@example.org", "password": "falsch"})
    known = hasher.hashed
    client.post(RESIDENT_LOGIN, {"username": "niemand@example.org", "password": "falsch"})
    assert known == 1
    assert hasher.hashed - known == known


@pytest.fixture
def restricted_page(gelsenkirchen):
    page = gelsenkirchen.district_pages["schalke"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim-123"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return page, url


def _page_password(client, url, page, password):
    return client.post(url, {"password": password, "return_url": page.url})


def test_page_password_lets_in_with_the_right_password(client, restricted_page):
    page, url = restricted_page
    response = _page_password(client, url, page, "geheim-123")
    assert response.status_code == 302
    assert client.get(page.url).status_code == 200


def test_page_password_is_locked_after_five_wrong_passwords(client, restricted_page):
    page, url = restricted_page
    for _ in range(5):
        response = _page_password(client, url, page, "falsch")
        assert response.status_code == 200
    response = _page_password(client, url, page, "geheim-123")
    assert response.status_code == 200
    assert LOCKED_TEXT in response.content.decode()
    assert "Passwort" in client.get(page.url).content.decode()


def test_a_wrong_page_password_says_so_in_german(client, restricted_page):
    page, url = restricted_page
    response = _page_password(client, url, page, "falsch")
    assert "Das Passwort stimmt nicht" in response.content.decode()


def test_page_password_lock_is_per_client_address(client, restricted_page):
    page, url = restricted_page
    for _ in range(5):
        _page_password(client, url, page, "falsch")
    response = client.post(
        url, {"password": "geheim-123", "return_url": page.url}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302
