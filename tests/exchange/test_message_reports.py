"""Reporting a message from a conversation (moderation.reports, kind "message")."""

import pytest
from django.urls import reverse

from exchange import services
from moderation import reports
from moderation.models import Report

from .factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answerer(gelsenkirchen):
    return MemberFactory(municipality=gelsenkirchen.municipality, display_name="Kurt N.")


@pytest.fixture
def message(ge_listing, answerer):
    """The first message of a conversation: written by the answerer to the owner."""
    return services.listing_respond(
        listing=ge_listing, sender=answerer, message="Unfreundlich!", share_email=False
    )


def _report_url(message) -> str:
    return reverse("exchange:report_message", args=[message.pk])


def test_the_other_side_reports_a_message_into_the_municipality_queue(
    client, message, ge_member, gelsenkirchen
):
    client.force_login(ge_member.user)
    response = client.post(_report_url(message), {"reason": "offensive", "details": ""})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.municipality_id == gelsenkirchen.municipality.pk
    assert report.object_id == message.pk
    assert report.reporter == ge_member.user
    assert reports.target_for(message).subject(message).startswith("Nachricht zu")


def test_the_author_cannot_report_their_own_message(client, message, answerer):
    client.force_login(answerer.user)
    response = client.post(_report_url(message), {"reason": "offensive"})
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_a_third_member_gets_404_for_a_message_of_another_conversation(
    client, message, gelsenkirchen
):
    third = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(third.user)
    assert client.get(_report_url(message)).status_code == 404
    assert client.post(_report_url(message), {"reason": "offensive"}).status_code == 404
    assert not Report.objects.exists()


def test_a_message_is_reported_once_per_member(client, message, ge_member):
    client.force_login(ge_member.user)
    client.post(_report_url(message), {"reason": "offensive"})
    client.post(_report_url(message), {"reason": "spam"})
    assert Report.objects.count() == 1


def test_the_conversation_offers_the_report_link_only_on_the_other_sides_messages(
    client, message, ge_member, answerer
):
    detail = reverse("exchange:conversation_detail", args=[message.conversation_id])
    client.force_login(ge_member.user)
    assert _report_url(message) in client.get(detail).content.decode()
    client.force_login(answerer.user)
    assert _report_url(message) not in client.get(detail).content.decode()
