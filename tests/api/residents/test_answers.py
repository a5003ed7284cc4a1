"""POST /api/v1/listings/<id>/answers/: answering a listing through the platform."""

import pytest
from django.core import mail

from exchange.enums import MemberStatus
from exchange.models import ListingResponse, Message

from .conftest import client_with, resident, sign_in

pytestmark = pytest.mark.django_db

MESSAGE = {"message": "Ich kann Ihnen am Dienstag helfen.", "share_email": False}


def _answers(listing) -> str:
    return f"/api/v1/listings/{listing.pk}/answers/"


def test_an_answer_reaches_the_owner_and_reveals_no_address(renate_api, karls_listing):
    response = renate_api.post(_answers(karls_listing), MESSAGE, format="json")
    assert response.status_code == 201
    assert response.json()["listing"] == karls_listing.pk
    assert "karl@example.org" not in response.content.decode()
    assert mail.outbox[0].to == ["karl@example.org"]
    assert not mail.outbox[0].reply_to


def test_sharing_the_email_address_is_the_senders_choice(renate_api, karls_listing):
    # The address goes into the conversation as a message of its own, never into a mail.
    renate_api.post(_answers(karls_listing), {**MESSAGE, "share_email": True}, format="json")
    shared = Message.objects.get(shares_contact=True)
    assert "renate@example.org" in shared.body
    assert all("renate@example.org" not in message.body for message in mail.outbox)


def test_without_sharing_the_conversation_holds_no_address(renate_api, karls_listing):
    renate_api.post(_answers(karls_listing), MESSAGE, format="json")
    assert not Message.objects.filter(shares_contact=True).exists()
    assert all("renate@example.org" not in message.body for message in Message.objects.all())


def test_a_listing_of_another_town_is_a_404(renate_api, delbrueck_listing):
    response = renate_api.post(_answers(delbrueck_listing), MESSAGE, format="json")
    assert response.status_code == 404
    assert not ListingResponse.objects.exists()


def test_a_listing_that_is_not_public_is_a_404(renate_api, karls_listing):
    karls_listing.status = "pending"
    karls_listing.save()
    assert renate_api.post(_answers(karls_listing), MESSAGE, format="json").status_code == 404


def test_the_own_listing_cannot_be_answered(karl_api, karls_listing):
    response = karl_api.post(_answers(karls_listing), MESSAGE, format="json")
    assert response.status_code == 403
    assert not mail.outbox


def test_a_pending_member_waits_for_approval_before_answering(gelsenkirchen, karls_listing):
    pending = resident(gelsenkirchen.municipality, "neu@example.org", status=MemberStatus.PENDING)
    response = client_with(sign_in(pending)).post(_answers(karls_listing), MESSAGE, format="json")
    assert response.status_code == 403
    assert "noch von Ihrer Kommune geprüft" in response.json()["detail"]
    assert not ListingResponse.objects.exists()


def test_answering_needs_a_token(client, karls_listing):
    response = client.post(_answers(karls_listing), MESSAGE, content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize(
    "body", [{"message": "kurz"}, {"message": "<a href=x>Hallo Nachbarin</a>"}, {}]
)
def test_a_message_the_site_refuses_is_a_400(renate_api, karls_listing, body):
    response = renate_api.post(_answers(karls_listing), body, format="json")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "message"
    assert not mail.outbox


def test_an_answer_sent_twice_with_one_idempotency_key_is_sent_once(renate_api, karls_listing):
    headers = {"Idempotency-Key": "antwort-7f3a"}
    first = renate_api.post(_answers(karls_listing), MESSAGE, format="json", headers=headers)
    second = renate_api.post(_answers(karls_listing), MESSAGE, format="json", headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == first.json()
    assert Message.objects.filter(conversation__listing=karls_listing).count() == 1
    assert len(mail.outbox) == 1
