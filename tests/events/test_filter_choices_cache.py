"""The calendar's filter choices are kept under the content version: one build per
change, and a change is offered on the next request."""

import pytest

from cms.core import content_version
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def test_new_district_is_offered_after_a_new_content_version(client, calendar_page, gelsenkirchen):
    client.get(calendar_page.url)
    DistrictFactory(name="Neustadt", slug="neustadt", municipality=gelsenkirchen.municipality)
    content_version.bump()
    assert 'value="neustadt"' in client.get(calendar_page.url).content.decode()


def test_filter_choices_stay_within_the_calendars_municipality(client, calendar_page, delbrueck):
    html = client.get(calendar_page.url).content.decode()
    assert 'value="schalke"' in html and 'value="ostenland"' not in html
