"""Validation of the tree's frame pages, through the admin's create form."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.home.models import DistrictHomePage
from cms.places.models import District
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _add_district_home(client, portal, district):
    url = reverse("wagtailadmin_pages:add", args=["home", "districthomepage", portal.pk])
    data = nested_form_data(
        {
            "title": f"Neu {district.name}",
            "slug": f"neu-{district.slug}",
            "district": district.pk,
            "intro": "",
            "listing_summary": "",
            "body": streamfield([]),
        }
    )
    return client.post(url, data)


@pytest.fixture
def admin_client_(client, db):
    client.force_login(UserFactory(username="plattform-admin", is_superuser=True))
    return client


def test_district_home_for_a_new_district_is_created(admin_client_, gelsenkirchen):
    district = District.objects.create(name="Neustadt", municipality=gelsenkirchen.municipality)
    response = _add_district_home(admin_client_, gelsenkirchen.portal, district)
    assert response.status_code == 302
    assert DistrictHomePage.objects.filter(district=district).exists()


def test_district_of_another_municipality_is_refused(admin_client_, gelsenkirchen, delbrueck):
    district = District.objects.create(name="Westenholz", municipality=delbrueck.municipality)
    response = _add_district_home(admin_client_, gelsenkirchen.portal, district)
    assert response.status_code == 200
    assert "gehört nicht zur Kommune dieses Portals" in response.content.decode()
    assert not DistrictHomePage.objects.filter(district=district).exists()


def test_second_home_for_the_same_district_is_refused(admin_client_, gelsenkirchen):
    schalke = District.objects.get(slug="schalke")
    response = _add_district_home(admin_client_, gelsenkirchen.portal, schalke)
    assert response.status_code == 200
    assert "gibt es bereits eine Startseite" in response.content.decode()
    assert DistrictHomePage.objects.filter(district=schalke).count() == 1
