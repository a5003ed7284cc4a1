"""The admin screens of terms and privacy notice: scoped, versions never edited."""

import pytest
from django.urls import reverse

from exchange.enums import ConsentDocument
from exchange.models import LegalText

pytestmark = pytest.mark.django_db

INDEX = reverse("exchange_legal_texts:index")
ADD = reverse("exchange_legal_texts:add")


def _text(municipality, version="2026-01", body="Unsere Regeln."):
    return LegalText.objects.create(
        municipality=municipality, document=ConsentDocument.TERMS, version=version, body=body
    )


def _data(municipality, version="2026-12"):
    return {
        "municipality": municipality.pk,
        "document": ConsentDocument.TERMS,
        "version": version,
        "body": "Neue Regeln in einfacher Sprache.",
    }


def test_admin_publishes_a_new_version_for_own_municipality(client, ge_admin, gelsenkirchen):
    client.force_login(ge_admin)
    response = client.post(ADD, _data(gelsenkirchen.municipality))
    assert response.status_code == 302
    text = LegalText.objects.get()
    assert (text.municipality, text.version) == (gelsenkirchen.municipality, "2026-12")


def test_admin_cannot_publish_for_another_municipality(client, ge_admin, delbrueck):
    client.force_login(ge_admin)
    response = client.post(ADD, _data(delbrueck.municipality))
    assert response.status_code == 200
    assert not LegalText.objects.exists()


def test_a_version_is_published_only_once(client, ge_admin, gelsenkirchen):
    _text(gelsenkirchen.municipality, version="2026-12")
    client.force_login(ge_admin)
    response = client.post(ADD, _data(gelsenkirchen.municipality, version="2026-12"))
    assert response.status_code == 200
    assert LegalText.objects.count() == 1


def test_index_lists_only_own_municipalitys_texts(client, ge_admin, gelsenkirchen, delbrueck):
    _text(gelsenkirchen.municipality, version="GE-1")
    _text(delbrueck.municipality, version="DE-1")
    client.force_login(ge_admin)
    content = client.get(INDEX).content.decode()
    assert "GE-1" in content
    assert "DE-1" not in content


def test_new_version_starts_from_an_own_text(client, ge_admin, gelsenkirchen):
    text = _text(gelsenkirchen.municipality, body="Vorlage für die neue Fassung.")
    client.force_login(ge_admin)
    response = client.get(ADD, {"von": text.pk})
    assert "Vorlage für die neue Fassung." in response.content.decode()


def test_new_version_from_a_foreign_text_is_not_found(client, ge_admin, delbrueck):
    text = _text(delbrueck.municipality)
    client.force_login(ge_admin)
    assert client.get(ADD, {"von": text.pk}).status_code == 404


def test_new_version_from_a_malformed_id_shows_an_empty_form(client, ge_admin):
    client.force_login(ge_admin)
    assert client.get(ADD, {"von": "abc"}).status_code == 200


def test_proxy_helper_may_not_publish_a_text(client, ge_helper, gelsenkirchen):
    # Wagtail's admin answers a refused view by sending the user to the dashboard.
    client.force_login(ge_helper)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.post(ADD, _data(gelsenkirchen.municipality)).status_code in (302, 403)
    assert not LegalText.objects.exists()
