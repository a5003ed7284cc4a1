"""Abuse limits (exchange.limits) and honeypots on the public exchange forms.

The test settings allow 3 per account and 5 per client address (cms/settings/test.py).
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.core.honeypot import HONEYPOT_FIELD
from exchange.enums import ListingKind, ListingType
from exchange.models import Listing, ListingResponse, Member
from moderation.models import Report

from .factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db

REGISTER_URL = reverse("exchange:register")


def _registration(gelsenkirchen, email: str, **extra):
    return {
        "email": email,
        "password": "ein-gutes-passwort-42",
        "display_name": "Paula N.",
        "kind": "person",
        "district": gelsenkirchen.municipality.districts.first().pk,
        "accept_terms": "on",
        "accept_privacy": "on",
        **extra,
    }


def _listing(category, district, **extra):
    return {
        "kind": ListingKind.OFFER,
        "listing_type": ListingType.NEIGHBOURLY_HELP,
        "category": category.pk,
        "title": "Hilfe im Garten",
        "description": "Ich helfe samstags beim Rasenmähen und Unkrautjäten im Garten.",
        "district": district.pk,
        "locality": "",
        "social_space": "",
        "valid_until": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "pocket_money_amount": "",
        **extra,
    }


# Registration ------------------------------------------------------------------------------


def test_registration_from_one_client_gets_429_past_the_limit(client, gelsenkirchen):
    for number in range(5):
        client.post(REGISTER_URL, _registration(gelsenkirchen, f"neu{number}@example.org"))
    response = client.post(REGISTER_URL, _registration(gelsenkirchen, "noch@example.org"))
    assert response.status_code == 429
    assert "Minuten" in response.content.decode()
    assert response["Retry-After"]
    assert not get_user_model().objects.filter(username="noch@example.org").exists()


def test_registration_of_one_address_gets_429_past_the_limit(client, gelsenkirchen):
    for _ in range(3):
        client.post(REGISTER_URL, _registration(gelsenkirchen, "paula@example.org"))
    mail.outbox.clear()
    response = client.post(REGISTER_URL, _registration(gelsenkirchen, "Paula@Example.org "))
    assert response.status_code == 429
    assert mail.outbox == []


def test_filled_honeypot_on_registration_answers_like_success_and_stores_nothing(
    client, gelsenkirchen
):
    response = client.post(
        REGISTER_URL,
        _registration(gelsenkirchen, "bot@example.org", **{HONEYPOT_FIELD: "http://spam"}),
    )
    assert response.status_code == 200
    assert response.templates[0].name == "exchange/registration_sent.html"
    assert not get_user_model().objects.filter(username="bot@example.org").exists()
    assert mail.outbox == []


def test_registration_form_hides_the_honeypot_from_people(client, gelsenkirchen):
    page = client.get(REGISTER_URL).content.decode()
    assert f'name="{HONEYPOT_FIELD}"' in page
    assert 'aria-hidden="true"' in page
    assert 'tabindex="-1"' in page


# Listings ----------------------------------------------------------------------------------


def test_new_listings_of_one_account_get_429_past_the_limit(client, ge_member, ge_category):
    client.force_login(ge_member.user)
    data = _listing(ge_category, ge_member.district)
    for _ in range(3):
        client.post(reverse("exchange:listing_create"), data)
    assert Listing.objects.count() == 3
    response = client.post(reverse("exchange:listing_create"), data)
    assert response.status_code == 429
    assert "Einträge" in response.content.decode()
    assert Listing.objects.count() == 3


def test_filled_honeypot_on_a_listing_answers_like_success_and_saves_nothing(
    client, ge_member, ge_category
):
    client.force_login(ge_member.user)
    data = _listing(ge_category, ge_member.district, **{HONEYPOT_FIELD: "x"})
    response = client.post(reverse("exchange:listing_create"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("exchange:my_listings")
    assert not Listing.objects.exists()


# Answers -----------------------------------------------------------------------------------


def test_filled_honeypot_on_an_answer_sends_no_mail(client, gelsenkirchen, ge_listing):
    sender = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(sender.user)
    response = client.post(
        reverse("exchange:listing_detail", args=[ge_listing.pk]),
        {"message": "Ich kann Ihnen gern helfen, wann passt es?", HONEYPOT_FIELD: "x"},
    )
    assert response.status_code == 302
    assert mail.outbox == []
    assert not ListingResponse.objects.exists()


# Reports -----------------------------------------------------------------------------------


def test_reports_of_one_account_get_429_past_the_limit(client, gelsenkirchen):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(reporter.user)
    listings = [ListingFactory(municipality=gelsenkirchen.municipality) for _ in range(4)]
    for listing in listings[:3]:
        client.post(reverse("exchange:report_listing", args=[listing.pk]), {"reason": "spam"})
    assert Report.objects.count() == 3
    response = client.post(
        reverse("exchange:report_listing", args=[listings[3].pk]), {"reason": "spam"}
    )
    assert response.status_code == 429
    assert "Meldungen" in response.content.decode()
    assert Report.objects.count() == 3


def test_filled_honeypot_on_a_report_answers_like_success_and_stores_nothing(
    client, gelsenkirchen, ge_listing
):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(reporter.user)
    response = client.post(
        reverse("exchange:report_listing", args=[ge_listing.pk]),
        {"reason": "spam", HONEYPOT_FIELD: "x"},
    )
    assert response.status_code == 302
    assert not Report.objects.exists()


def test_members_are_untouched_by_a_refused_registration(client, gelsenkirchen):
    before = Member.objects.count()
    for number in range(6):
        client.post(REGISTER_URL, _registration(gelsenkirchen, f"viele{number}@example.org"))
    assert Member.objects.count() == before + 5
