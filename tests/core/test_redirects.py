"""Going back to a `next` or `return_url` a form carries: only addresses of this site."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.core.redirects import back_to


@pytest.fixture
def request_():
    return RequestFactory().get("/")


@pytest.mark.parametrize("url", ["/veranstaltungen/?ansicht=monat", "http://testserver/x/"])
def test_an_address_of_this_site_is_followed(request_, url):
    assert back_to(request_, url, default="/")["Location"] == url


@pytest.mark.parametrize(
    "url",
    [
        "",
        "0",
        "2026-W99",
        "wagtailadmin_home",
        "//example.org/",
        "https://example.org/",
        "/x/\r\nSet-Cookie: a=1",
        "/x/\x00",
        "javascript:alert(1)",
    ],
)
def test_anything_else_goes_to_the_default(request_, url):
    assert back_to(request_, url, default="/start/")["Location"] == "/start/"


@pytest.mark.parametrize("next_url", ["0", "wagtailadmin_home", "/x/\r\nX-Injected: 1"])
def test_the_display_switch_with_a_tampered_next_goes_home(client, next_url):
    response = client.post(
        reverse("themes:display_preferences"), {"text_size": "gross", "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_a_page_password_with_a_tampered_return_url_lets_in_and_goes_to_the_default(
    client, gelsenkirchen, settings
):
    page = gelsenkirchen.district_pages["schalke"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim-123"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    response = client.post(url, {"password": "geheim-123", "return_url": "0"})
    assert response.status_code == 302
    assert response["Location"] == settings.LOGIN_REDIRECT_URL
    assert client.get(page.url).status_code == 200
