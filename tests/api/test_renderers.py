"""The API's orjson renderer writes exactly the bytes of DRF's JSONRenderer."""

import datetime
import decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import gettext_lazy as _
from rest_framework.renderers import JSONRenderer

from cms.api.renderers import FastJSONRenderer

UTC = datetime.UTC
BERLIN = ZoneInfo("Europe/Berlin")


def _both(value) -> tuple[bytes, bytes]:
    return FastJSONRenderer().render(value), JSONRenderer().render(value)


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2027, 3, 1, 8, 0, tzinfo=UTC),
        datetime.datetime(2027, 3, 1, 8, 0, 0, 120000, tzinfo=UTC),
        datetime.datetime(2027, 3, 1, 9, 0, tzinfo=BERLIN),
        datetime.datetime(2027, 1, 1, 9, 0, tzinfo=ZoneInfo("Europe/London")),
        datetime.datetime(2027, 3, 1, 9, 0),
        datetime.date(2027, 3, 1),
    ],
    ids=["utc", "microseconds", "berlin", "zero-offset-zone", "naive", "date"],
)
def test_dates_and_times_are_written_as_drf_writes_them(value):
    fast, drf = _both({"start": value})
    assert fast == drf


def test_lazy_translations_and_decimals_go_through_drfs_encoder():
    fast, drf = _both({"title": _("Veranstaltungen"), "price": decimal.Decimal("2.50")})
    assert fast == drf


def test_line_and_paragraph_separators_are_escaped_as_drf_does():
    fast, drf = _both({"text": "Zeile\u2028Absatz\u2029Ende äöü"})
    assert fast == drf
    assert b"\\u2028" in fast


def test_what_orjson_refuses_is_rendered_by_drf():
    fast, drf = _both({"big": 2**70, 1: "key that is no string"})
    assert fast == drf


def test_nothing_renders_as_an_empty_body():
    assert FastJSONRenderer().render(None) == b""


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/municipalities/", "/api/v1/occurrences/"])
def test_the_api_answers_with_the_fast_renderer(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert isinstance(response.accepted_renderer, FastJSONRenderer)
