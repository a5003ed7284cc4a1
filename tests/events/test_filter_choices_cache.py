"""The calendar's filter choices are kept under the content version: one build per
change, and a change is offered on the next request."""

import pytest

from tests.committed import as_committed
from tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _measure_the_page_not_the_response_cache(settings):
    settings.QUARTIER_RESPONSE_CACHE = False


def test_new_district_is_offered_after_a_new_content_version(client, calendar_page, gelsenkirchen):
    as_committed()
    client.get(calendar_page.url)
    DistrictFactory(name="Neustadt", slug="neustadt", municipality=gelsenkirchen.municipality)
    as_committed()
    assert 'value="neustadt"' in client.get(calendar_page.url).content.decode()


def test_filter_choices_stay_within_the_calendars_municipality(client, calendar_page, delbrueck):
    html = client.get(calendar_page.url).content.decode()
    assert 'value="schalke"' in html and 'value="ostenland"' not in html
