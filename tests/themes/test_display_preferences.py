"""Text size and contrast switches: a form that works without JavaScript, a cookie
set only when the visitor asks for it, classes on <html> rendered by the server."""

import pytest
from django.urls import reverse

from themes.preferences import COOKIE_NAME

pytestmark = pytest.mark.django_db

URL = reverse("themes:display_preferences")


def test_switch_without_javascript_redirects_back_and_sets_the_preference(client, gelsenkirchen):
    page_url = gelsenkirchen.district_pages["schalke"].url
    response = client.post(URL, {"contrast": "hoch", "next": page_url})
    assert response.status_code == 302
    assert response["Location"] == page_url
    assert "kontrast=hoch" in response.cookies[COOKIE_NAME].value


def test_chosen_preferences_are_applied_to_html_on_the_server(client, gelsenkirchen):
    client.post(URL, {"contrast": "hoch", "next": "/"})
    client.post(URL, {"text_size": "sehr-gross", "next": "/"})
    content = client.get(gelsenkirchen.portal.url).content.decode()
    assert '<html lang="de" dir="ltr" class="q-text-sehr-gross q-contrast-high">' in content
    assert 'value="hoch" class="display-switch" aria-pressed="true"' in content


def test_preference_cookie_is_httponly_first_party_and_lax(client):
    response = client.post(URL, {"text_size": "gross", "next": "/"})
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["domain"]


def test_reading_a_page_sets_no_cookie(client, gelsenkirchen):
    response = client.get(gelsenkirchen.district_pages["schalke"].url)
    assert response.cookies == {}


def test_back_to_defaults_removes_the_cookie(client):
    client.post(URL, {"contrast": "hoch", "next": "/"})
    response = client.post(URL, {"contrast": "normal", "next": "/"})
    assert response.cookies[COOKIE_NAME].value == ""
    assert response.cookies[COOKIE_NAME]["max-age"] == 0


def test_javascript_request_gets_204_and_the_cookie(client):
    response = client.post(URL, {"text_size": "gross"}, headers={"X-Quartier-Fetch": "1"})
    assert response.status_code == 204
    assert "schrift=gross" in response.cookies[COOKIE_NAME].value


def test_foreign_next_url_is_not_followed(client):
    response = client.post(URL, {"text_size": "gross", "next": "https://example.org/"})
    assert response["Location"] == "/"


def test_unknown_value_changes_nothing(client):
    response = client.post(URL, {"text_size": "riesig", "next": "/"})
    assert COOKIE_NAME not in response.cookies or response.cookies[COOKIE_NAME].value == ""


def test_switch_answers_only_post(client):
    assert client.get(URL).status_code == 405


def test_pages_vary_on_cookie(client, gelsenkirchen):
    response = client.get(gelsenkirchen.portal.url)
    assert "Cookie" in response["Vary"]
