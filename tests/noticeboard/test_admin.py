"""Admin screens of the info box and the sponsors: the municipality admin's own only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.noticeboard.models import InfoBox, InfoBoxLink, Sponsor
from tests.media import image_in, media_collection, role_user

from .factories import InfoBoxFactory, SponsorFactory

pytestmark = pytest.mark.django_db


def _sponsor_data(municipality, **overrides):
    data = {
        "municipality": municipality.pk,
        "name": "Stadtwerke",
        "url": "https://stadtwerke.example.org/",
        "logo": "",
        "logo_alt_text": "",
        "sort_order": 1,
    }
    data.update(overrides)
    return data


def _info_box_data(municipality, **overrides):
    data = {
        "municipality": municipality.pk,
        "title": "Sprechstunde",
        "text": "Dienstags im Quartiersbüro.",
        "valid_from": "",
        "valid_until": "",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "4",
        "links-0-label": "Zum Kalender",
        "links-0-url": "/veranstaltungen/",
        "links-0-ORDER": "1",
        "links-0-id": "",
        "links-0-DELETE": "",
    }
    data.update(overrides)
    return data


def test_municipality_admin_lists_only_own_info_boxes(client, ge_admin, gelsenkirchen, delbrueck):
    own = InfoBoxFactory(municipality=gelsenkirchen.municipality, title="Aushang Schalke")
    foreign = InfoBoxFactory(municipality=delbrueck.municipality, title="Aushang Ostenland")
    client.force_login(ge_admin)
    content = client.get(reverse("info_boxes:index")).content.decode()
    assert own.title in content
    assert foreign.title not in content


def test_municipality_admin_lists_only_own_sponsors(client, ge_admin, gelsenkirchen, delbrueck):
    own = SponsorFactory(municipality=gelsenkirchen.municipality, name="Stadtwerke Buer")
    foreign = SponsorFactory(municipality=delbrueck.municipality, name="Sparkasse Boke")
    client.force_login(ge_admin)
    content = client.get(reverse("sponsors:index")).content.decode()
    assert own.name in content
    assert foreign.name not in content


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_foreign_info_box_is_404_on_every_view(client, ge_admin, delbrueck, view):
    foreign = InfoBoxFactory(municipality=delbrueck.municipality)
    client.force_login(ge_admin)
    url = reverse(f"info_boxes:{view}", args=[foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _info_box_data(delbrueck.municipality)).status_code == 404
    assert InfoBox.objects.filter(pk=foreign.pk, title=foreign.title).exists()


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_foreign_sponsor_is_404_on_every_view(client, ge_admin, delbrueck, view):
    foreign = SponsorFactory(municipality=delbrueck.municipality)
    client.force_login(ge_admin)
    url = reverse(f"sponsors:{view}", args=[foreign.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _sponsor_data(delbrueck.municipality)).status_code == 404
    assert Sponsor.objects.filter(pk=foreign.pk, name=foreign.name).exists()


def test_municipality_admin_adds_info_box_with_a_link(client, ge_admin, gelsenkirchen):
    client.force_login(ge_admin)
    response = client.post(reverse("info_boxes:add"), _info_box_data(gelsenkirchen.municipality))
    assert response.status_code == 302
    info_box = InfoBox.objects.get(title="Sprechstunde")
    assert info_box.municipality == gelsenkirchen.municipality
    assert list(info_box.links.values_list("label", "url")) == [
        ("Zum Kalender", "/veranstaltungen/")
    ]


def test_municipality_admin_cannot_add_an_info_box_for_another_municipality(
    client, ge_admin, delbrueck
):
    client.force_login(ge_admin)
    response = client.post(reverse("info_boxes:add"), _info_box_data(delbrueck.municipality))
    assert response.status_code == 200
    assert not InfoBox.objects.exists()


def test_municipality_admin_adds_sponsor_with_logo_of_own_collection(
    client, ge_admin, gelsenkirchen
):
    logo = image_in(media_collection(gelsenkirchen), title="Logo Stadtwerke")
    client.force_login(ge_admin)
    response = client.post(
        reverse("sponsors:add"),
        _sponsor_data(gelsenkirchen.municipality, logo=logo.pk, logo_alt_text="Logo Stadtwerke"),
    )
    assert response.status_code == 302
    sponsor = Sponsor.objects.get()
    assert (sponsor.municipality, sponsor.logo) == (gelsenkirchen.municipality, logo)


def test_sponsor_logo_of_another_municipality_is_refused(
    client, ge_admin, gelsenkirchen, delbrueck
):
    foreign_logo = image_in(media_collection(delbrueck), title="Logo Sparkasse Delbrück")
    client.force_login(ge_admin)
    response = client.post(
        reverse("sponsors:add"),
        _sponsor_data(
            gelsenkirchen.municipality, logo=foreign_logo.pk, logo_alt_text="Logo Sparkasse"
        ),
    )
    assert response.status_code == 200
    assert "gehört nicht zu den Bildern und Dokumenten dieser Kommune" in response.content.decode()
    assert not Sponsor.objects.exists()


def test_sponsor_logo_without_description_is_refused(client, ge_admin, gelsenkirchen):
    logo = image_in(media_collection(gelsenkirchen), title="Logo Stadtwerke")
    client.force_login(ge_admin)
    response = client.post(
        reverse("sponsors:add"), _sponsor_data(gelsenkirchen.municipality, logo=logo.pk)
    )
    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Logo" in response.content.decode()
    assert not Sponsor.objects.exists()


def test_municipality_admin_may_choose_logos_of_own_collection_only(
    client, ge_admin, gelsenkirchen, delbrueck
):
    own = image_in(media_collection(gelsenkirchen), title="Logo Gelsenkirchen")
    foreign = image_in(media_collection(delbrueck), title="Logo Delbrück")
    client.force_login(ge_admin)
    content = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert own.title in content
    assert foreign.title not in content


@pytest.mark.parametrize("role", ["editorial_team", "provider", "district_editor", "proxy_helper"])
def test_other_roles_cannot_open_the_info_box_screens(client, gelsenkirchen, role):
    client.force_login(role_user(gelsenkirchen, role))
    assert client.get(reverse("info_boxes:index")).status_code in (302, 403)
    assert client.get(reverse("sponsors:index")).status_code in (302, 403)
    client.post(reverse("sponsors:add"), _sponsor_data(gelsenkirchen.municipality))
    assert not Sponsor.objects.exists()


def test_info_box_menu_is_shown_to_municipality_admins_only(client, ge_admin, gelsenkirchen):
    client.force_login(ge_admin)
    assert reverse("info_boxes:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(role_user(gelsenkirchen, "editorial_team"))
    assert (
        reverse("info_boxes:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_info_box_link_refuses_a_script_address(gelsenkirchen):
    info_box = InfoBoxFactory(municipality=gelsenkirchen.municipality)
    link = InfoBoxLink(info_box=info_box, label="Klick", url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        link.full_clean()


def test_info_box_ending_before_it_starts_is_refused(gelsenkirchen):
    info_box = InfoBox(
        municipality=gelsenkirchen.municipality,
        title="Falsch",
        text="Text",
        valid_from="2026-05-10",
        valid_until="2026-05-01",
    )
    with pytest.raises(ValidationError) as error:
        info_box.full_clean()
    assert "valid_until" in error.value.message_dict
