"""Data rights: members export and delete their data; proxy helpers do it for a client."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange import services
from exchange.enums import ConsentDocument
from exchange.models import Consent, Conversation, Listing, Member, Message, ProxyClient

from .factories import ListingFactory, MemberFactory, ProxyClientFactory

pytestmark = pytest.mark.django_db

ACCOUNT_URL = reverse("exchange:account")
EXPORT_URL = reverse("exchange:account_export")
DELETE_URL = reverse("exchange:account_delete")


@pytest.fixture
def answered_listing(gelsenkirchen, ge_listing):
    """ge_listing with an answer from a neighbour, and ge_member's own answer elsewhere."""
    neighbour = MemberFactory(municipality=gelsenkirchen.municipality, display_name="Kurt N.")
    services.listing_respond(
        listing=ge_listing,
        sender=neighbour,
        message="Ich brauche Hilfe beim Einkaufen am Donnerstag.",
        share_email=False,
    )
    other_listing = ListingFactory(municipality=gelsenkirchen.municipality, member=neighbour)
    services.listing_respond(
        listing=other_listing,
        sender=ge_listing.member,
        message="Ich kann Ihnen am Samstag helfen.",
        share_email=True,
    )
    return ge_listing


def test_account_page_offers_export_and_deletion(client, ge_member):
    client.force_login(ge_member.user)
    content = client.get(ACCOUNT_URL).content.decode()
    assert EXPORT_URL in content
    assert DELETE_URL in content


def test_exchange_navigation_links_the_account_page(client, ge_member):
    client.force_login(ge_member.user)
    assert ACCOUNT_URL in client.get(reverse("exchange:listing_list")).content.decode()


def test_account_page_needs_sign_in(client):
    response = client.get(ACCOUNT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("exchange:login"))


def test_export_holds_profile_consents_listings_and_answers(client, answered_listing):
    member = answered_listing.member
    services.registration_consents_record(member=member, given_at=timezone.now())
    client.force_login(member.user)
    response = client.get(EXPORT_URL)
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.user.email
    [membership] = data["memberships"]
    assert membership["display_name"] == member.display_name
    assert {consent["document"] for consent in membership["consents"]} == {
        ConsentDocument.TERMS,
        ConsentDocument.PRIVACY,
    }
    assert all(consent["text_version"] for consent in membership["consents"])
    [listing] = membership["listings"]
    assert listing["title"] == answered_listing.title
    received, sent = data["conversations"]
    assert received["listing_title"] == answered_listing.title
    assert received["messages"][0]["text"].startswith("Ich brauche Hilfe")
    assert not received["messages"][0]["from_me"]
    assert sent["messages"][0]["text"] == "Ich kann Ihnen am Samstag helfen."
    assert sent["messages"][0]["from_me"]


def test_export_holds_every_membership(client, gelsenkirchen, delbrueck, ge_member):
    MemberFactory(municipality=delbrueck.municipality, user=ge_member.user)
    client.force_login(ge_member.user)
    data = json.loads(client.get(EXPORT_URL).content)
    assert {m["municipality"] for m in data["memberships"]} == {"Gelsenkirchen", "Delbrück"}


def test_export_holds_no_one_elses_email(client, answered_listing):
    client.force_login(answered_listing.member.user)
    content = client.get(EXPORT_URL).content.decode()
    neighbour = Conversation.objects.get(listing=answered_listing).answerer
    assert neighbour.user.email not in content


def test_delete_page_asks_first_and_deletes_nothing(client, ge_member):
    client.force_login(ge_member.user)
    response = client.get(DELETE_URL)
    assert response.status_code == 200
    assert Member.objects.filter(pk=ge_member.pk).exists()


def test_delete_without_confirmation_deletes_nothing(client, ge_member):
    client.force_login(ge_member.user)
    response = client.post(DELETE_URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"]
    assert Member.objects.filter(pk=ge_member.pk).exists()


def test_delete_removes_account_memberships_listings_and_answers(client, answered_listing):
    member = answered_listing.member
    user_pk = member.user.pk
    client.force_login(member.user)
    response = client.post(DELETE_URL, {"confirm": "on"})
    assert response.status_code == 200
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not Consent.objects.filter(member_id=member.pk).exists()
    assert not Listing.objects.filter(pk=answered_listing.pk).exists()
    assert not Conversation.objects.exists()
    assert not Message.objects.exists()


def test_delete_keeps_other_members_listings(client, answered_listing):
    neighbour_listing = Listing.objects.exclude(pk=answered_listing.pk).get()
    client.force_login(answered_listing.member.user)
    client.post(DELETE_URL, {"confirm": "on"})
    assert Listing.objects.filter(pk=neighbour_listing.pk).exists()


def test_delete_clears_the_audit_log_labels(client, gelsenkirchen, ge_admin):
    member = MemberFactory(municipality=gelsenkirchen.municipality, display_name="Eindeutig Erika")
    services.member_block(member=member, by=ge_admin, reason="Beschwerde über Erika")
    services.member_unblock(member=member, by=ge_admin)
    client.force_login(member.user)
    client.post(DELETE_URL, {"confirm": "on"})
    entries = ModelLogEntry.objects.filter(action__startswith="exchange.member.")
    assert entries.count() == 2
    assert all(entry.label == services.ERASED_LABEL and entry.data == {} for entry in entries)


def test_delete_ends_every_session_of_the_account(client, ge_member):
    other_device = Client()
    other_device.force_login(ge_member.user)
    client.force_login(ge_member.user)
    client.post(DELETE_URL, {"confirm": "on"})
    assert not Session.objects.exists()
    assert other_device.get(reverse("exchange:my_listings")).status_code == 302


def test_delete_of_staff_account_that_was_a_member_keeps_the_staff_account(
    client, gelsenkirchen, editor
):
    member = MemberFactory(municipality=gelsenkirchen.municipality, user=editor)
    client.force_login(editor)
    client.post(DELETE_URL, {"confirm": "on"})
    assert not Member.objects.filter(pk=member.pk).exists()
    assert get_user_model().objects.filter(pk=editor.pk).exists()


def test_account_page_refuses_accounts_without_membership(client, editor):
    client.force_login(editor)
    assert client.get(ACCOUNT_URL).status_code == 403
    assert client.post(DELETE_URL, {"confirm": "on"}).status_code == 403
    assert get_user_model().objects.filter(pk=editor.pk).exists()


# Proxy clients -----------------------------------------------------------------------------


@pytest.fixture
def proxy_listing(gelsenkirchen, ge_helper, ge_category):
    proxy_client = ProxyClientFactory(municipality=gelsenkirchen.municipality, name="Helga K.")
    district = proxy_client.district
    return services.proxy_listing_create(
        proxy_client=proxy_client,
        by=ge_helper,
        data={
            "kind": "request",
            "listing_type": "neighbourly_help",
            "category": ge_category,
            "title": "Begleitung zum Arzt",
            "description": "Ich suche jemanden, der mich zum Arzt begleitet.",
            "district": district,
            "locality": "",
            "social_space": None,
            "valid_until": timezone.localdate() + timedelta(days=10),
            "pocket_money_amount": None,
        },
    )


def test_helper_exports_a_client_with_what_helpers_did(client, ge_helper, proxy_listing):
    client.force_login(ge_helper)
    url = reverse("exchange_proxy:export", args=[proxy_listing.proxy_client_id])
    data = json.loads(client.get(url).content)
    assert data["client"]["name"] == "Helga K."
    assert data["listings"][0]["title"] == "Begleitung zum Arzt"
    [action] = [a for a in data["proxy_actions"] if a["action"] == "exchange.listing.proxy_create"]
    assert action["acting_user"] == ge_helper.get_username()


def test_helper_deletes_a_client_with_everything(client, ge_helper, proxy_listing):
    client_pk = proxy_listing.proxy_client_id
    client.force_login(ge_helper)
    url = reverse("exchange_proxy:delete", args=[client_pk])
    assert client.get(url).status_code == 200
    assert ProxyClient.objects.filter(pk=client_pk).exists()
    client.post(url)
    assert not ProxyClient.objects.filter(pk=client_pk).exists()
    assert not Listing.objects.filter(pk=proxy_listing.pk).exists()
    assert not ModelLogEntry.objects.filter(label__contains="Helga").exists()
    assert not ModelLogEntry.objects.filter(label__contains="Arzt").exists()
    assert ModelLogEntry.objects.filter(
        action="exchange.proxy_client.erase", user=ge_helper
    ).exists()


def test_helper_of_another_municipality_gets_404_on_export_and_delete(
    client, delbrueck, proxy_listing
):
    from tests.factories import UserFactory

    helper = UserFactory(username="helfer-db", groups=[delbrueck.groups["proxy_helpers"]])
    client.force_login(helper)
    client_pk = proxy_listing.proxy_client_id
    assert client.get(reverse("exchange_proxy:export", args=[client_pk])).status_code == 404
    assert client.post(reverse("exchange_proxy:delete", args=[client_pk])).status_code == 404
    assert ProxyClient.objects.filter(pk=client_pk).exists()
