"""The calendar's filter form is rendered once per calendar, language, chosen values and
content version (`cms.events.calendar.filter_form_html`): what a visitor gets from the
cache is what a fresh rendering gives for the same values, and never another's values."""

import re

import pytest

from tests.committed import as_committed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _measure_the_page_not_the_response_cache(settings):
    settings.QUARTIER_RESPONSE_CACHE = False


def _form(client, url, **params) -> str:
    html = client.get(url, params).content.decode()
    return re.search(r'<form class="filters".*?</form>', html, re.DOTALL).group(0)


def test_cached_filter_form_is_the_fresh_one(client, calendar_page):
    fresh = _form(client, calendar_page.url, district="schalke")
    as_committed()
    first = _form(client, calendar_page.url, district="schalke")
    assert _form(client, calendar_page.url, district="schalke") == first == fresh


def test_filter_form_of_other_values_is_not_taken_from_the_cache(client, calendar_page):
    as_committed()
    schalke = _form(client, calendar_page.url, district="schalke")
    huellen = _form(client, calendar_page.url, district="huellen")
    assert '<option value="schalke" selected>' in schalke
    assert '<option value="huellen" selected>' in huellen
    assert '<option value="schalke" selected>' not in huellen


def test_filter_form_shows_its_error_for_a_bad_value_from_the_cache(client, calendar_page):
    as_committed()
    _form(client, calendar_page.url)
    form = _form(client, calendar_page.url, start="gestern")
    assert 'class="field__error" role="alert"' in form
    assert 'class="field__error"' not in _form(client, calendar_page.url)
