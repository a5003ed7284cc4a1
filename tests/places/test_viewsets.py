"""Master data is maintained by platform admins only."""

import pytest
from django.urls import reverse

from cms.places.models import District
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="plattform-admin", is_superuser=True, is_staff=True)


def test_platform_admin_lists_districts(client, superuser, gelsenkirchen):
    client.force_login(superuser)
    response = client.get(reverse("wagtailsnippets_places_district:list"))
    assert response.status_code == 200
    assert "Schalke" in response.content.decode()


def test_platform_admin_adds_a_district_with_a_german_slug(client, superuser, gelsenkirchen):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailsnippets_places_district:add"),
        {"name": "Rosenhügel", "slug": "", "municipality": gelsenkirchen.municipality.pk},
    )
    assert response.status_code == 302
    assert District.objects.get(slug="rosenhuegel").municipality == gelsenkirchen.municipality


@pytest.mark.parametrize("role", ["editor", "schalke_editor", "provider_a"])
def test_limited_roles_cannot_change_master_data(client, request, gelsenkirchen, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    schalke = District.objects.get(slug="schalke")
    edit_url = reverse("wagtailsnippets_places_district:edit", args=[schalke.pk])

    assert client.get(reverse("wagtailsnippets_places_district:list")).status_code in (302, 403)
    response = client.post(
        edit_url, {"name": "Umbenannt", "slug": "schalke", "municipality": schalke.municipality_id}
    )
    assert response.status_code in (302, 403)
    schalke.refresh_from_db()
    assert schalke.name == "Schalke"
