"""Security headers on public, exchange and admin pages: CSP, Permissions-Policy and
`Cache-Control: private` for signed-in users."""

import re

import pytest
from django.urls import reverse

from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db

EXCHANGE = reverse("exchange:listing_list")
ADMIN_LOGIN = reverse("wagtailadmin_login")


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.fixture
def public_url(gelsenkirchen):
    return gelsenkirchen.district_pages["schalke"].url


def test_public_page_has_a_same_origin_policy_without_inline_scripts(client, public_url):
    directives = _directives(client.get(public_url))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert not any(
        "'unsafe-inline'" in values
        for name, values in directives.items()
        if name in {"script-src", "style-src", "default-src"}
    )


def test_exchange_page_has_the_public_policy(client, gelsenkirchen):
    response = client.get(EXCHANGE)
    assert response.status_code == 200
    assert _directives(response)["script-src"] == ["'self'"]


def test_admin_page_has_the_admins_policy(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    directives = _directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "https:" not in response["Content-Security-Policy"]


def test_admin_login_has_the_admins_policy(client):
    assert _directives(client.get(ADMIN_LOGIN))["default-src"] == ["'self'"]


def test_the_themes_inline_style_carries_the_nonce_of_the_policy(client, gelsenkirchen):
    portal = gelsenkirchen.portal
    portal.theme = ThemeFactory(municipality=gelsenkirchen.municipality)
    portal.save_revision().publish()
    response = client.get(gelsenkirchen.district_pages["schalke"].url)
    nonce = re.search(r'<style nonce="([^"]+)">:root\{', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in _directives(response)["style-src"]


def test_every_inline_style_and_script_of_a_public_page_passes_the_policy(client, public_url):
    response = client.get(public_url)
    content = response.content.decode()
    nonces = {
        value.removeprefix("'nonce-").removesuffix("'")
        for value in _directives(response).get("style-src", [])
        if value.startswith("'nonce-")
    }
    for tag in re.findall(r"<style[^>]*>", content):
        assert re.search(r'nonce="([^"]+)"', tag).group(1) in nonces
    for tag in re.findall(r"<script[^>]*>", content):
        assert "src=" in tag or 'type="application/ld+json"' in tag


@pytest.mark.parametrize("url_name", ["public", "exchange", "admin"])
def test_permissions_policy_switches_off_unused_features(client, public_url, url_name):
    url = {"public": public_url, "exchange": EXCHANGE, "admin": ADMIN_LOGIN}[url_name]
    policy = client.get(url)["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in policy


def test_pages_for_anonymous_visitors_are_not_marked_private(client, public_url):
    assert "private" not in client.get(public_url).get("Cache-Control", "")


def test_pages_for_a_signed_in_resident_are_private(client, gelsenkirchen, public_url):
    from tests.exchange.factories import MemberFactory

    client.force_login(MemberFactory(municipality=gelsenkirchen.municipality).user)
    assert "private" in client.get(public_url)["Cache-Control"]
    assert "private" in client.get(EXCHANGE)["Cache-Control"]


def test_pages_for_signed_in_staff_are_private(client, editor, public_url):
    client.force_login(editor)
    assert "private" in client.get(public_url)["Cache-Control"]
    assert "private" in client.get(reverse("wagtailadmin_home"))["Cache-Control"]


def test_gravatar_is_never_asked_for_avatars(client, editor):
    client.force_login(editor)
    assert "gravatar" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_info_screens_inline_styles_carry_the_nonce(client, gelsenkirchen):
    from tests.infoscreen.factories import InfoScreenPageFactory

    screen = InfoScreenPageFactory(parent=gelsenkirchen.district_homes["schalke"])
    response = client.get(screen.url)
    assert response.status_code == 200
    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in _directives(response)["style-src"]
