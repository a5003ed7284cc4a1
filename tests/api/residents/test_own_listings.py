"""/api/v1/me/listings/: a member's own listings, written through the site's form and
services, so every rule of the site applies; another member's listing is a 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exchange.enums import ListingStatus, ListingType
from exchange.models import ExchangeSettings, Listing
from exchange.selectors import public_listings
from tests.exchange.factories import CategoryFactory, ListingFactory

from .conftest import client_with, resident, sign_in

pytestmark = pytest.mark.django_db

LIST = "/api/v1/me/listings/"


def _detail(listing) -> str:
    return f"{LIST}{listing.pk}/"


@pytest.fixture
def body(renate, ge_category):
    return {
        "kind": "offer",
        "listing_type": ListingType.NEIGHBOURLY_HELP,
        "category": ge_category.pk,
        "title": "Hilfe beim Einkaufen",
        "description": "Ich gehe dienstags zum Markt und nehme Ihren Einkaufszettel mit.",
        "district": renate.district_id,
        "locality": "Buer-Mitte",
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }


def _names(response) -> set[str]:
    return {param["name"] for param in response.json()["invalid_params"]}


def test_a_new_listing_is_published_at_once_without_review(renate_api, renate, body):
    response = renate_api.post(LIST, body, format="json")
    assert response.status_code == 201
    listing = Listing.objects.get(pk=response.json()["id"])
    assert listing.member == renate
    assert listing.status == ListingStatus.PUBLISHED
    assert public_listings().filter(pk=listing.pk).exists()


def test_a_listing_posted_twice_with_one_idempotency_key_is_created_once(renate_api, renate, body):
    headers = {"Idempotency-Key": "eintrag-5c1e"}
    first = renate_api.post(LIST, body, format="json", headers=headers)
    second = renate_api.post(LIST, body, format="json", headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["id"] == first.json()["id"]
    assert Listing.objects.filter(member=renate).count() == 1


def test_two_posts_with_different_idempotency_keys_create_two_listings(renate_api, renate, body):
    for key in ("eintrag-1", "eintrag-2"):
        renate_api.post(LIST, body, format="json", headers={"Idempotency-Key": key})
    assert Listing.objects.filter(member=renate).count() == 2


def test_a_new_listing_waits_where_the_town_reviews_every_listing(renate_api, body, gelsenkirchen):
    ExchangeSettings.objects.create(
        municipality=gelsenkirchen.municipality, listing_review_required=True
    )
    response = renate_api.post(LIST, body, format="json")
    assert response.json()["status"] == ListingStatus.PENDING
    assert not public_listings().filter(pk=response.json()["id"]).exists()


def test_a_minor_may_not_use_a_category_not_meant_for_minors(gelsenkirchen, body):
    minor = resident(gelsenkirchen.municipality, "jonas@example.org", is_minor=True)
    response = client_with(sign_in(minor)).post(LIST, body, format="json")
    assert response.status_code == 400
    assert _names(response) == {"category"}
    assert not Listing.objects.exists()


def test_a_category_of_another_town_is_refused(renate_api, body, delbrueck):
    body["category"] = CategoryFactory(municipality=delbrueck.municipality).pk
    response = renate_api.post(LIST, body, format="json")
    assert response.status_code == 400
    assert "in Ihrer Kommune nicht" in response.json()["invalid_params"][0]["reason"]


def test_a_district_of_another_town_is_refused(renate_api, body, delbrueck):
    body["district"] = delbrueck.municipality.districts.first().pk
    assert _names(renate_api.post(LIST, body, format="json")) == {"district"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Hi"),
        ("title", "<script>alert(1)</script>"),
        ("description", "zu kurz"),
        ("valid_until", "2001-01-01"),
        ("valid_until", "morgen"),
        ("category", 10**30),
        ("category", "abc"),
        ("kind", "gift"),
        ("title", "Hilfe\x00beim Einkaufen"),
    ],
)
def test_what_the_site_form_refuses_is_a_400_naming_the_field(renate_api, body, field, value):
    body[field] = value
    response = renate_api.post(LIST, body, format="json")
    assert response.status_code == 400
    assert _names(response) == {field}
    assert not Listing.objects.exists()


def test_a_pocket_money_job_needs_an_amount(renate_api, body):
    body["listing_type"] = ListingType.POCKET_MONEY_JOB
    assert _names(renate_api.post(LIST, body, format="json")) == {"pocket_money_amount"}


@pytest.mark.parametrize("value", [["a"], {"a": 1}])
def test_a_list_or_object_as_a_value_is_a_400(renate_api, body, value):
    body["title"] = value
    assert _names(renate_api.post(LIST, body, format="json")) == {"title"}


def test_an_unknown_field_is_a_400_naming_it(renate_api, body):
    body["status"] = "published"
    assert _names(renate_api.post(LIST, body, format="json")) == {"status"}


def test_a_body_that_is_not_an_object_is_a_400(renate_api):
    assert renate_api.post(LIST, [1, 2], format="json").status_code == 400


def test_the_list_shows_own_listings_in_every_state_and_nobody_elses(
    renate_api, renate, karls_listing, ge_category, gelsenkirchen
):
    own = [
        ListingFactory(
            municipality=gelsenkirchen.municipality,
            member=renate,
            category=ge_category,
            status=status,
        )
        for status in (ListingStatus.PUBLISHED, ListingStatus.PENDING, ListingStatus.REMOVED)
    ]
    body = renate_api.get(LIST).json()
    assert [item["id"] for item in body["results"]] == [listing.pk for listing in own]
    assert {item["status"] for item in body["results"]} == {"published", "pending", "removed"}


def test_the_list_pages_by_cursor(renate_api, renate, ge_category, gelsenkirchen):
    listings = ListingFactory.create_batch(
        3, municipality=gelsenkirchen.municipality, member=renate, category=ge_category
    )
    first = renate_api.get(LIST, {"page_size": 2}).json()
    second = renate_api.get(first["next"]).json()
    ids = [item["id"] for item in first["results"] + second["results"]]
    assert ids == [listing.pk for listing in listings]
    assert second["next"] is None


@pytest.mark.parametrize("params", [{"page_size": 0}, {"page_size": 10**20}, {"cursor": "xx"}])
def test_bad_list_parameters_are_a_400(renate_api, params):
    assert renate_api.get(LIST, params).status_code == 400


def test_the_list_takes_the_same_queries_for_one_or_many_listings(
    renate_api, renate, ge_category, gelsenkirchen, django_assert_max_num_queries
):
    ListingFactory(municipality=gelsenkirchen.municipality, member=renate, category=ge_category)
    with django_assert_max_num_queries(3) as one:
        renate_api.get(LIST)
    ListingFactory.create_batch(
        20, municipality=gelsenkirchen.municipality, member=renate, category=ge_category
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        renate_api.get(LIST)


def test_another_members_listing_is_a_404_everywhere(renate_api, karls_listing):
    before = Listing.objects.values().get(pk=karls_listing.pk)
    assert renate_api.get(_detail(karls_listing)).status_code == 404
    response = renate_api.patch(_detail(karls_listing), {"title": "Gekapert!"}, format="json")
    assert response.status_code == 404
    assert renate_api.post(f"{_detail(karls_listing)}close/").status_code == 404
    assert Listing.objects.values().get(pk=karls_listing.pk) == before


def test_a_huge_listing_id_is_a_404(renate_api):
    assert renate_api.get(f"{LIST}{10**30}/").status_code == 404


def test_patch_changes_only_the_fields_sent(renate_api, renate, ge_category, gelsenkirchen):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality, member=renate, category=ge_category
    )
    response = renate_api.patch(_detail(listing), {"title": "Neuer Titel hier"}, format="json")
    assert response.status_code == 200
    listing.refresh_from_db()
    assert listing.title == "Neuer Titel hier"
    assert listing.description.startswith("Ich gehe dienstags")


def test_a_changed_listing_goes_back_to_review_where_the_town_reviews(
    renate_api, renate, ge_category, gelsenkirchen
):
    ExchangeSettings.objects.create(
        municipality=gelsenkirchen.municipality, listing_review_required=True
    )
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality, member=renate, category=ge_category
    )
    renate_api.patch(_detail(listing), {"title": "Neuer Titel hier"}, format="json")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PENDING


@pytest.mark.parametrize("status", [ListingStatus.CLOSED, ListingStatus.REMOVED])
def test_a_closed_or_removed_listing_cannot_be_changed_or_closed(
    renate_api, renate, ge_category, gelsenkirchen, status
):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality, member=renate, category=ge_category, status=status
    )
    response = renate_api.patch(_detail(listing), {"title": "Neuer Titel"}, format="json")
    assert response.status_code == 409
    assert renate_api.post(f"{_detail(listing)}close/").status_code == 409
    listing.refresh_from_db()
    assert listing.status == status


def test_closing_takes_the_listing_off_the_public_list(
    renate_api, renate, ge_category, gelsenkirchen
):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality, member=renate, category=ge_category
    )
    response = renate_api.post(f"{_detail(listing)}close/")
    assert response.status_code == 200
    assert response.json()["status"] == ListingStatus.CLOSED
    assert not public_listings().filter(pk=listing.pk).exists()
