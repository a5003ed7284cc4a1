"""GET/PATCH /api/v1/me/: the signed-in member's own profile, checked like the site."""

import pytest

from exchange.enums import MemberStatus

from .conftest import client_with, resident, sign_in

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def test_me_shows_the_own_profile_with_the_own_email(renate_api, renate):
    body = renate_api.get(ME).json()
    assert body["id"] == renate.pk
    assert body["display_name"] == "Renate S."
    assert body["email"] == "renate@example.org"
    assert body["district"]["id"] == renate.district_id
    assert body["status"] == MemberStatus.APPROVED
    assert body["can_post"] is True


def test_me_is_private_to_shared_caches(renate_api):
    response = renate_api.get(ME)
    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]


def test_me_answers_a_conditional_request_with_304(renate_api):
    etag = renate_api.get(ME)["ETag"]
    assert renate_api.get(ME, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_two_tokens_see_two_profiles(renate_api, karl_api, renate, karl):
    assert renate_api.get(ME).json()["id"] == renate.pk
    assert karl_api.get(ME).json()["id"] == karl.pk


def test_patch_changes_the_display_name_only(renate_api, renate):
    response = renate_api.patch(ME, {"display_name": "Renate Schulz"}, format="json")
    assert response.status_code == 200
    renate.refresh_from_db()
    assert renate.display_name == "Renate Schulz"
    assert response.json()["district"]["id"] == renate.district_id


def test_patch_moves_the_member_to_another_district_of_the_town(renate_api, renate, gelsenkirchen):
    other = gelsenkirchen.municipality.districts.exclude(pk=renate.district_id).first()
    response = renate_api.patch(ME, {"district": other.pk}, format="json")
    assert response.status_code == 200
    renate.refresh_from_db()
    assert renate.district == other


def test_patch_refuses_a_district_of_another_town(renate_api, renate, delbrueck):
    foreign = delbrueck.municipality.districts.first()
    response = renate_api.patch(ME, {"district": foreign.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "district"
    renate.refresh_from_db()
    assert renate.district_id != foreign.pk


@pytest.mark.parametrize("name", ["<b>Renate</b>", "", "x" * 81])
def test_patch_refuses_what_the_site_refuses(renate_api, renate, name):
    response = renate_api.patch(ME, {"display_name": name}, format="json")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "display_name"
    renate.refresh_from_db()
    assert renate.display_name == "Renate S."


def test_patch_refuses_an_unknown_field_by_name(renate_api, renate):
    response = renate_api.patch(ME, {"status": "approved", "is_minor": False}, format="json")
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalid_params"]} == {"is_minor", "status"}


def test_patch_with_a_huge_district_number_is_a_400(renate_api):
    response = renate_api.patch(ME, {"district": 10**30}, format="json")
    assert response.status_code == 400


def test_pending_member_reads_but_cannot_change_the_profile(gelsenkirchen):
    pending = resident(gelsenkirchen.municipality, "neu@example.org", status=MemberStatus.PENDING)
    api = client_with(sign_in(pending))
    assert api.get(ME).json()["can_post"] is False
    response = api.patch(ME, {"display_name": "Neu N."}, format="json")
    assert response.status_code == 403
    assert "noch von Ihrer Kommune geprüft" in response.json()["detail"]
