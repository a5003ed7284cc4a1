"""The info box and the sponsors on the portal home and on the exchange's pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from tests.exchange.factories import ListingFactory
from tests.media import image_in, media_collection

from .factories import InfoBoxFactory, InfoBoxLinkFactory, SponsorFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exchange:listing_list")
DELBRUECK_HOST = "delbrueck.localhost"


def _content(client, url, **extra) -> str:
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def ge_info_box(gelsenkirchen):
    info_box = InfoBoxFactory(municipality=gelsenkirchen.municipality, title="Sprechstunde Buer")
    InfoBoxLinkFactory(info_box=info_box, label="Termine im Kalender", url="/veranstaltungen/")
    return info_box


@pytest.fixture
def ge_sponsor(gelsenkirchen):
    logo = image_in(media_collection(gelsenkirchen), title="Logo Stadtwerke")
    return SponsorFactory(
        municipality=gelsenkirchen.municipality,
        name="Stadtwerke Buer",
        logo=logo,
        logo_alt_text="Logo der Stadtwerke Buer",
    )


def test_portal_home_shows_info_box_with_its_links(client, gelsenkirchen, ge_info_box):
    content = _content(client, gelsenkirchen.portal.url)
    assert "Sprechstunde Buer" in content
    assert '<a href="/veranstaltungen/">Termine im Kalender</a>' in content
    assert f'aria-labelledby="info-box-{ge_info_box.pk}"' in content


def test_portal_home_shows_sponsor_logo_as_rendition_with_alt_text(
    client, gelsenkirchen, ge_sponsor
):
    content = _content(client, gelsenkirchen.portal.url)
    rendition = ge_sponsor.logo.get_rendition("max-240x120")
    assert rendition.url in content
    assert 'alt="Logo der Stadtwerke Buer"' in content
    assert 'href="https://foerderverein.example.org/"' in content
    assert ge_sponsor.logo.file.url not in content  # never the original upload


def test_exchange_list_shows_info_box_and_sponsors(client, ge_info_box, ge_sponsor):
    content = _content(client, LIST_URL)
    assert "Sprechstunde Buer" in content
    assert "Stadtwerke Buer" in content


def test_exchange_listing_page_shows_sponsors(client, gelsenkirchen, ge_sponsor):
    listing = ListingFactory(municipality=gelsenkirchen.municipality)
    content = _content(client, reverse("exchange:listing_detail", args=[listing.pk]))
    assert "Stadtwerke Buer" in content


def test_another_municipality_shows_neither_info_box_nor_sponsors(
    client, delbrueck, ge_info_box, ge_sponsor
):
    Site.objects.create(hostname=DELBRUECK_HOST, port=80, root_page=delbrueck.portal)
    for url in ("/", LIST_URL):
        content = _content(client, url, HTTP_HOST=DELBRUECK_HOST)
        assert "Sprechstunde Buer" not in content
        assert "Stadtwerke Buer" not in content


def test_info_box_of_another_municipality_is_not_shown_here(client, gelsenkirchen, delbrueck):
    InfoBoxFactory(municipality=delbrueck.municipality, title="Aushang Ostenland")
    SponsorFactory(municipality=delbrueck.municipality, name="Sparkasse Ostenland")
    for url in (gelsenkirchen.portal.url, LIST_URL):
        content = _content(client, url)
        assert "Aushang Ostenland" not in content
        assert "Sparkasse Ostenland" not in content


def test_info_box_is_shown_only_within_its_dates(client, gelsenkirchen):
    today = timezone.localdate()
    InfoBoxFactory(
        municipality=gelsenkirchen.municipality, title="Noch nicht", valid_from=today + timedelta(1)
    )
    InfoBoxFactory(
        municipality=gelsenkirchen.municipality,
        title="Vorbei",
        valid_until=today - timedelta(days=1),
    )
    InfoBoxFactory(
        municipality=gelsenkirchen.municipality,
        title="Heute gültig",
        valid_from=today,
        valid_until=today,
    )
    content = _content(client, gelsenkirchen.portal.url)
    assert "Heute gültig" in content
    assert "Noch nicht" not in content
    assert "Vorbei" not in content


def test_sponsors_are_shown_in_their_order(client, gelsenkirchen):
    SponsorFactory(municipality=gelsenkirchen.municipality, name="Zweiter Förderer", sort_order=2)
    SponsorFactory(municipality=gelsenkirchen.municipality, name="Erster Förderer", sort_order=1)
    content = _content(client, gelsenkirchen.portal.url)
    assert content.index("Erster Förderer") < content.index("Zweiter Förderer")


def test_info_box_text_is_escaped(client, gelsenkirchen):
    InfoBoxFactory(municipality=gelsenkirchen.municipality, text="<script>alert(1)</script>")
    content = _content(client, gelsenkirchen.portal.url)
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


# The portal home's own queries (its next events included, cms/events/upcoming.py) plus
# 5 for the info boxes (boxes, links) and the sponsors (sponsors, logos, the logos'
# renditions), however many there are.
PORTAL_HOME_QUERIES = 19


def test_portal_home_query_count_does_not_grow_with_info_boxes_and_sponsors(
    client, gelsenkirchen, ge_info_box, ge_sponsor, django_assert_num_queries
):
    client.get(gelsenkirchen.portal.url)  # renders (and stores) the logo's rendition once
    with django_assert_num_queries(PORTAL_HOME_QUERIES):
        client.get(gelsenkirchen.portal.url)
    collection = media_collection(gelsenkirchen)
    for number in range(5):
        info_box = InfoBoxFactory(municipality=gelsenkirchen.municipality)
        InfoBoxLinkFactory(info_box=info_box)
        InfoBoxLinkFactory(info_box=info_box)
        SponsorFactory(
            municipality=gelsenkirchen.municipality,
            logo=image_in(collection, title=f"Logo {number}"),
            logo_alt_text=f"Logo {number}",
        )
    client.get(gelsenkirchen.portal.url)  # the new logos' renditions are made once
    with django_assert_num_queries(PORTAL_HOME_QUERIES):
        content = _content(client, gelsenkirchen.portal.url)
    assert content.count('class="info-box"') == 6
    assert content.count('class="sponsor"') == 6
