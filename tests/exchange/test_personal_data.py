"""Personal contact data is kept out of listings (exchange.personal_data)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.enums import ListingKind, ListingStatus, ListingType
from exchange.models import Listing
from exchange.personal_data import findings_in_text

from .factories import ListingFactory

FOUND = [
    ("Rufen Sie mich an: 0209 555 1234", "phone"),
    ("Telefon +49 209 5551234", "phone"),
    ("Tel.: 0209/5551234", "phone"),
    ("mobil 0171-1234567", "phone"),
    ("Ruf an unter (0209) 55 51 23 4", "phone"),
    ("0049 209 5551234 tagsüber", "phone"),
    ("+49 (0)209 555-1234", "phone"),
    ("Schreiben Sie an renate.s@example.org", "email"),
    ("renate (at) example (punkt) org", "email"),
    ("Ich wohne in der Bahnhofstraße 12", "address"),
    ("Treffpunkt Hauptstr. 5a", "address"),
    ("Essener Straße 112, bitte klingeln", "address"),
    ("Am Kirchweg 3 b", "address"),
]

NOT_FOUND = [
    "Kurs 19:00-20:30",
    "Kurs 19:00–20:30 im Gemeindehaus",
    "für 2-3 Personen",
    "Zimmer 12",
    "Tel. bitte über die Plattform",
    "am 01.02.2026 ab 10 Uhr",
    "für 0,50 € pro Stunde",
    "Postleitzahl 01067 Dresden",
    "Ich helfe in der Bahnhofstraße beim Einkaufen",
    "3 Stunden pro Woche, 15 Euro",
    "E-Mail bitte über die Plattform",
]


@pytest.mark.parametrize(("text", "kind"), FOUND)
def test_contact_data_is_found(text, kind):
    assert [finding.kind for finding in findings_in_text(text)] == [kind]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_ordinary_text_is_not_taken_for_contact_data(text):
    assert findings_in_text(text) == []


def _listing_form_data(gelsenkirchen, category, **overrides):
    data = {
        "kind": ListingKind.OFFER,
        "listing_type": ListingType.NEIGHBOURLY_HELP,
        "category": category.pk,
        "title": "Hilfe beim Einkaufen",
        "description": "Ich gehe dienstags einkaufen und nehme gern etwas mit.",
        "district": gelsenkirchen.municipality.districts.first().pk,
        "locality": "",
        "social_space": "",
        "valid_until": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "pocket_money_amount": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_listing_form_refuses_the_phone_number_and_explains_why(
    client, gelsenkirchen, ge_member, ge_category
):
    client.force_login(ge_member.user)
    response = client.post(
        reverse("exchange:listing_create"),
        _listing_form_data(
            gelsenkirchen,
            ge_category,
            description="Ich helfe beim Einkaufen. Rufen Sie mich an: 0209 555 1234",
        ),
    )
    assert response.status_code == 200
    assert "Telefonnummer" in response.content.decode()
    assert "über die Plattform" in response.content.decode()
    assert not Listing.objects.exists()


@pytest.mark.django_db
def test_slipped_through_phone_number_is_flagged_in_the_review_screen(
    client, gelsenkirchen, ge_admin
):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        status=ListingStatus.PENDING,
        description="Rufen Sie mich an: 0209 555 1234",
    )
    client.force_login(ge_admin)
    page = client.get(reverse("exchange_listings:detail", args=[listing.pk])).content.decode()
    assert "0209 555 1234" in page
    assert "Kontaktdaten" in page


@pytest.mark.django_db
def test_moderator_removes_the_number_by_editing_the_text(client, gelsenkirchen, ge_admin):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        status=ListingStatus.PENDING,
        description="Rufen Sie mich an: 0209 555 1234",
    )
    client.force_login(ge_admin)
    client.post(
        reverse("exchange_listings:edit_text", args=[listing.pk]),
        {"title": listing.title, "description": "Bitte schreiben Sie mir über die Plattform."},
    )
    listing.refresh_from_db()
    assert listing.description == "Bitte schreiben Sie mir über die Plattform."
    assert findings_in_text(listing.description) == []


@pytest.mark.django_db
def test_review_queue_flags_a_listing_with_a_phone_number(client, gelsenkirchen, ge_admin):
    ListingFactory(
        municipality=gelsenkirchen.municipality,
        status=ListingStatus.PENDING,
        description="Rufen Sie mich an: 0209 555 1234",
    )
    client.force_login(ge_admin)
    page = client.get(reverse("exchange_listings:index")).content.decode()
    assert "Kontaktdaten im Text?" in page
