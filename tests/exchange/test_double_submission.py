"""Double submission (cms.core.idempotency): a form sent twice takes effect once.

Each test reads the token from the form as the browser shows it, then sends the form
twice with it, as a double click or a reload after a slow answer does.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from cms.core.idempotency import FIELD
from exchange.models import Listing, Message
from moderation.models import Report

from .factories import ListingFactory, MemberFactory
from .test_abuse_limits import REGISTER_URL, _listing, _registration

pytestmark = pytest.mark.django_db


def _token(client, url) -> str:
    page = client.get(url).content.decode()
    match = re.search(rf'name="{FIELD}" value="([^"]+)"', page)
    assert match, "the form carries no submission token"
    return match.group(1)


def _messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


# New listing ---------------------------------------------------------------------------


def test_double_clicked_new_listing_form_creates_one_listing(client, ge_member, ge_category):
    client.force_login(ge_member.user)
    url = reverse("exchange:listing_create")
    data = {**_listing(ge_category, ge_member.district), FIELD: _token(client, url)}

    first = client.post(url, data)
    second = client.post(url, data)

    assert Listing.objects.filter(member=ge_member).count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]


def test_repeated_new_listing_says_it_was_saved_once(client, ge_member, ge_category):
    client.force_login(ge_member.user)
    url = reverse("exchange:listing_create")
    data = {**_listing(ge_category, ge_member.district), FIELD: _token(client, url)}
    client.post(url, data)
    response = client.post(url, data)
    assert "nur einmal gespeichert" in _messages(response)


def test_a_new_form_creates_a_second_listing(client, ge_member, ge_category):
    client.force_login(ge_member.user)
    url = reverse("exchange:listing_create")
    client.post(url, {**_listing(ge_category, ge_member.district), FIELD: _token(client, url)})
    client.post(url, {**_listing(ge_category, ge_member.district), FIELD: _token(client, url)})
    assert Listing.objects.filter(member=ge_member).count() == 2


def test_a_refused_form_can_be_corrected_and_sent_with_the_same_token(
    client, ge_member, ge_category
):
    client.force_login(ge_member.user)
    url = reverse("exchange:listing_create")
    token = _token(client, url)
    refused = client.post(
        url, {**_listing(ge_category, ge_member.district, title=""), FIELD: token}
    )
    assert refused.status_code == 200
    assert f'value="{token}"' in refused.content.decode()

    client.post(url, {**_listing(ge_category, ge_member.district), FIELD: token})

    assert Listing.objects.filter(member=ge_member).count() == 1


def test_another_account_cannot_use_someone_elses_token(
    client, gelsenkirchen, ge_member, ge_category
):
    other = MemberFactory(municipality=gelsenkirchen.municipality)
    url = reverse("exchange:listing_create")
    client.force_login(ge_member.user)
    data = {**_listing(ge_category, ge_member.district), FIELD: _token(client, url)}
    client.post(url, data)

    client.force_login(other.user)
    client.post(url, data)

    assert Listing.objects.filter(member=other).count() == 1


# Answers and messages ------------------------------------------------------------------


def test_double_clicked_answer_opens_one_conversation_and_sends_one_mail(
    client, gelsenkirchen, ge_listing
):
    sender = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(sender.user)
    url = reverse("exchange:listing_detail", args=[ge_listing.pk])
    data = {"message": "Ich kann Ihnen gern helfen.", FIELD: _token(client, url)}
    mail.outbox.clear()

    first = client.post(url, data)
    second = client.post(url, data)

    assert Message.objects.filter(conversation__listing=ge_listing).count() == 1
    assert len(mail.outbox) == 1
    assert second["Location"] == first["Location"]


def test_double_clicked_message_in_a_conversation_is_sent_once(client, gelsenkirchen, ge_listing):
    from exchange import services

    sender = MemberFactory(municipality=gelsenkirchen.municipality)
    message = services.listing_respond(
        listing=ge_listing, sender=sender, message="Guten Tag!", share_email=False
    )
    client.force_login(sender.user)
    url = reverse("exchange:conversation_detail", args=[message.conversation_id])
    data = {"body": "Passt Ihnen Dienstag?", FIELD: _token(client, url)}
    mail.outbox.clear()

    client.post(url, data)
    client.post(url, data)

    assert Message.objects.filter(body="Passt Ihnen Dienstag?").count() == 1
    assert len(mail.outbox) <= 1


# Reports and registration --------------------------------------------------------------


def test_double_clicked_report_thanks_twice_and_files_one_report(client, gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality)
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(reporter.user)
    url = reverse("exchange:report_listing", args=[listing.pk])
    data = {"reason": "spam", FIELD: _token(client, url)}

    client.post(url, data)
    second = client.post(url, data, follow=True)

    assert Report.objects.count() == 1
    assert "schon gemeldet" not in second.content.decode()


def test_double_clicked_registration_creates_one_account_and_sends_one_mail(client, gelsenkirchen):
    data = {
        **_registration(gelsenkirchen, "paula@example.org"),
        FIELD: _token(client, REGISTER_URL),
    }

    first = client.post(REGISTER_URL, data)
    second = client.post(REGISTER_URL, data)

    assert get_user_model().objects.filter(username="paula@example.org").count() == 1
    assert len(mail.outbox) == 1
    for response in (first, second):
        assert "exchange/registration_sent.html" in [t.name for t in response.templates]


def test_double_clicked_certificate_button_issues_one_certificate(client, ge_member):
    from exchange.models import Certificate

    client.force_login(ge_member.user)
    url = reverse("exchange:certificate")
    token = _token_of_button(client, url, ge_member)

    first = client.post(url, {FIELD: token})
    second = client.post(url, {FIELD: token})

    assert Certificate.objects.filter(member=ge_member).count() == 1
    assert second["Location"] == first["Location"]


def _token_of_button(client, url, member) -> str:
    """The certificate button shows only with confirmed help; its token is the same field."""
    from tests.exchange.test_certificates import _help_given

    _help_given(member, MemberFactory(municipality=member.municipality))
    return _token(client, url)
