"""Signing out happens only by POST: a link or an image cannot sign anyone out."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN_LOGOUT = reverse("wagtailadmin_logout")
RESIDENT_LOGOUT = reverse("exchange:logout")


def test_get_on_the_admin_logout_is_refused_and_keeps_the_session(client, editor):
    client.force_login(editor)
    response = client.get(ADMIN_LOGOUT)
    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_post_on_the_admin_logout_signs_out(client, editor):
    client.force_login(editor)
    response = client.post(ADMIN_LOGOUT)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_get_on_the_resident_logout_is_refused_and_keeps_the_session(client, editor):
    client.force_login(editor)
    response = client.get(RESIDENT_LOGOUT)
    assert response.status_code == 405
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_post_on_the_resident_logout_signs_out(client, editor):
    client.force_login(editor)
    assert client.post(RESIDENT_LOGOUT).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_residents_logout_is_a_form_with_a_button(client, gelsenkirchen):
    from tests.exchange.factories import MemberFactory

    member = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(member.user)
    content = client.get(reverse("exchange:listing_list")).content.decode()
    assert f'<form method="post" action="{RESIDENT_LOGOUT}">' in content
    assert f'href="{RESIDENT_LOGOUT}"' not in content
