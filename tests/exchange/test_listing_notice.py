"""The printable notice of a listing with tear-off tabs, and its short address."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from cms.places.models import SocialSpace
from exchange.enums import ListingStatus, MemberStatus
from tests.printing.documents import (
    expected_matrix,
    pdf_page_count,
    qr_svg_labelled,
    svg_matrix,
)

from .factories import ListingFactory, MemberFactory, ProxyClientFactory

pytestmark = pytest.mark.django_db


def _notice_url(listing, *, pdf=False) -> str:
    name = "exchange:listing_notice_pdf" if pdf else "exchange:listing_notice"
    return reverse(name, args=[listing.pk])


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_notice_shows_title_kind_type_category_description_and_district(client, ge_listing):
    html = _html(client, _notice_url(ge_listing))
    for text in (
        ge_listing.title,
        "Angebot",
        "Nachbarschaftshilfe",
        ge_listing.category.name,
        "dienstags zum Markt",
        ge_listing.district.name,
    ):
        assert text in html


def test_notice_has_tear_off_tabs_with_number_short_address_and_qr_code(client, ge_listing):
    html = _html(client, _notice_url(ge_listing))
    assert html.count('<li class="tab">') == 8
    assert html.count(f"Nr. {ge_listing.pk}</span>") == 8
    assert html.count(f"testserver/eintrag/{ge_listing.pk}</span>") == 8
    label = escape(f"QR-Code zum Eintrag „{ge_listing.title}“ im Internet")
    svg = qr_svg_labelled(html, label)
    url = f"http://testserver/nachbarschaftshilfe/eintrag/{ge_listing.pk}/"
    assert svg_matrix(svg) == expected_matrix(url)


def test_notice_gives_no_contact_data_of_a_proxy_client(client, gelsenkirchen, ge_helper):
    client_without_internet = ProxyClientFactory(
        municipality=gelsenkirchen.municipality,
        name="Karla Kowalski",
        display_name="Frau K.",
        how_to_reach="Telefon 0209 999 999, Am Markt 5",
    )
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        member=None,
        proxy_client=client_without_internet,
        locality="Am Markt",
        proxy_created_by=ge_helper,
    )
    html = _html(client, _notice_url(listing))
    for private in ("Karla", "Kowalski", "0209 999 999", "Am Markt", ge_helper.email):
        assert private not in html
    assert "Über die Nachbarschaftshilfe" in html


def test_notice_gives_no_contact_data_of_a_member(client, ge_listing):
    html = _html(client, _notice_url(ge_listing))
    assert ge_listing.member.user.email not in html
    assert ge_listing.member.user.username not in html


@pytest.mark.parametrize(
    "hide",
    [
        {"status": ListingStatus.PENDING},
        {"status": ListingStatus.REMOVED},
        {"status": ListingStatus.CLOSED},
        {"valid_until": timezone.localdate() - timedelta(days=1)},
    ],
    ids=["pending", "removed", "closed", "expired"],
)
def test_notice_of_a_listing_that_is_not_public_is_not_found(client, ge_listing, hide):
    for field, value in hide.items():
        setattr(ge_listing, field, value)
    ge_listing.save()
    assert client.get(_notice_url(ge_listing)).status_code == 404
    assert client.get(_notice_url(ge_listing, pdf=True)).status_code == 404


def test_notice_of_a_blocked_members_listing_is_not_found(client, ge_listing):
    ge_listing.member.status = MemberStatus.BLOCKED
    ge_listing.member.save()
    assert client.get(_notice_url(ge_listing)).status_code == 404


def test_notice_of_a_listing_outside_the_minors_categories_is_not_found_for_a_minor(
    client, gelsenkirchen, ge_listing
):
    assert not ge_listing.category.for_minors
    minor = MemberFactory(municipality=gelsenkirchen.municipality, is_minor=True)
    client.force_login(minor.user)
    assert client.get(_notice_url(ge_listing)).status_code == 404
    assert client.get(_notice_url(ge_listing, pdf=True)).status_code == 404


def test_notice_of_another_municipalitys_listing_is_not_found(client, delbrueck_listing):
    assert client.get(_notice_url(delbrueck_listing)).status_code == 404
    assert client.get(_notice_url(delbrueck_listing, pdf=True)).status_code == 404


def test_notice_pdf_is_one_a4_page_even_for_the_longest_texts(client, ge_listing):
    ge_listing.title = "Begleitung zum Einkaufen, zum Arzt und zu Behörden " * 2  # 104 characters
    ge_listing.description = "Ich helfe gern beim Einkaufen und Tragen. " * 48  # ~2000 characters
    ge_listing.pocket_money_amount = 10
    ge_listing.social_space = SocialSpace.objects.create(
        district=ge_listing.district, name="Katholische Kirchengemeinde St. Joseph und Anna"
    )
    ge_listing.save()
    response = client.get(_notice_url(ge_listing, pdf=True))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pdf_page_count(response.content) == 1


def test_listing_page_links_to_its_notice(client, ge_listing):
    html = _html(client, reverse("exchange:listing_detail", args=[ge_listing.pk]))
    assert f'href="{_notice_url(ge_listing)}"' in html


def test_short_address_leads_to_the_listing(client, ge_listing):
    for path in (f"/eintrag/{ge_listing.pk}", f"/eintrag/{ge_listing.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == reverse("exchange:listing_detail", args=[ge_listing.pk])


def test_short_address_of_a_listing_that_is_not_public_is_not_found(client, ge_listing):
    ge_listing.status = ListingStatus.PENDING
    ge_listing.save()
    assert client.get(f"/eintrag/{ge_listing.pk}").status_code == 404
