"""The help box next to the calendar's subscribe link, with the feed's QR code."""

import html as html_lib
import re

import pytest

from tests.printing.documents import expected_matrix, qr_svg_labelled, svg_matrix

pytestmark = pytest.mark.django_db

QR_LABEL = "QR-Code mit der Adresse dieser Termine"


def _html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _copy_address(html: str) -> str:
    match = re.search(r'<input id="subscribe-address" type="text" readonly value="([^"]+)"', html)
    assert match, "no readonly address to copy"
    return html_lib.unescape(match.group(1))


def test_calendar_explains_subscribing_on_iphone_and_android(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url)
    assert "So kommen die Termine in Ihr Handy" in html
    assert "Auf dem iPhone" in html and "Android" in html
    assert "Per URL" in html


def test_address_to_copy_is_the_https_feed_with_the_filters(client, calendar_page, frozen_now):
    address = _copy_address(_html(client, calendar_page.url, district="schalke"))
    assert address == "http://testserver/ical/events.ics?district=schalke"
    assert not address.startswith("webcal:")


def test_qr_code_holds_the_feed_address(client, calendar_page, frozen_now):
    html = _html(client, calendar_page.url, district="schalke")
    svg = qr_svg_labelled(html, QR_LABEL)
    assert svg_matrix(svg) == expected_matrix(_copy_address(html))
