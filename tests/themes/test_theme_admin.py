"""The design (theme) admin: contrast errors stop saving, every screen is scoped."""

import pytest
from django.urls import reverse

from themes.models import DEFAULT_COLOURS, Theme

from .factories import ThemeFactory

pytestmark = pytest.mark.django_db


def _post_data(municipality, **changes) -> dict:
    return {
        "name": "Schalke blau-weiß",
        "municipality": municipality.pk,
        **DEFAULT_COLOURS,
        **changes,
    }


def test_theme_with_failing_contrast_cannot_be_saved_in_the_admin(client, editor, gelsenkirchen):
    client.force_login(editor)
    response = client.post(
        reverse("designs:add"), _post_data(gelsenkirchen.municipality, color_link="#8fb5d0")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Links auf Seitenhintergrund: Kontrast" in content
    assert not Theme.objects.filter(name="Schalke blau-weiß").exists()


def test_theme_with_sufficient_contrast_is_saved(client, editor, gelsenkirchen):
    client.force_login(editor)
    response = client.post(reverse("designs:add"), _post_data(gelsenkirchen.municipality))
    assert response.status_code == 302
    assert Theme.objects.get(name="Schalke blau-weiß").municipality == gelsenkirchen.municipality


def test_editor_cannot_add_a_theme_for_another_municipality(client, editor, delbrueck):
    client.force_login(editor)
    response = client.post(reverse("designs:add"), _post_data(delbrueck.municipality))
    assert response.status_code == 200
    assert not Theme.objects.filter(name="Schalke blau-weiß").exists()


def test_editor_sees_only_the_themes_of_their_municipality(
    client, editor, gelsenkirchen, delbrueck
):
    ThemeFactory(name="Gelsenkirchen hell", municipality=gelsenkirchen.municipality)
    ThemeFactory(name="Delbrück grün", municipality=delbrueck.municipality)
    client.force_login(editor)
    content = client.get(reverse("designs:index")).content.decode()
    assert "Gelsenkirchen hell" in content
    assert "Delbrück grün" not in content


def test_editor_gets_404_for_a_foreign_theme(client, editor, delbrueck):
    foreign = ThemeFactory(municipality=delbrueck.municipality)
    client.force_login(editor)
    assert client.get(reverse("designs:edit", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("designs:delete", args=[foreign.pk])).status_code == 404
    assert Theme.objects.filter(pk=foreign.pk).exists()


def test_district_editor_may_not_manage_themes(client, schalke_editor):
    client.force_login(schalke_editor)
    response = client.get(reverse("designs:index"))
    assert response.status_code == 302
