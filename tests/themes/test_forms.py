"""The site's forms share one error summary linked to the fields, and the fields carry
aria-invalid and aria-describedby."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_too_long_search_shows_a_linked_error(client, gelsenkirchen):
    response = client.get("/suche/", {"q": "x" * 201})
    content = response.content.decode()
    assert 'href="#id_q"' in content
    assert "Bitte suchen Sie mit höchstens 200 Zeichen." in content
    assert 'aria-invalid="true" aria-describedby="id_q_error"' in content


def test_exchange_login_errors_are_summarised_and_linked(client, gelsenkirchen):
    response = client.post(reverse("exchange:login"), {"username": "", "password": ""})
    content = response.content.decode()
    assert 'id="error-summary"' in content
    assert 'href="#id_username"' in content
    assert 'aria-invalid="true"' in content
