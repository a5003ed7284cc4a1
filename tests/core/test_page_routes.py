"""Wagtail's routing of a page, kept under the content version (cms.core.page_routes).

The second request of an address reads none of the routing's rows (locale, the tree's
pages, the page's view restrictions); every change of content routes anew, the day
changes what the apps' `route()` rules decide by date, a view restriction is still
checked against every request, and an address without a page is never kept.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from tests.clock import pin_now
from tests.committed import as_committed
from tests.events.factories import berlin
from tests.providers.factories import (
    ProviderConsentFactory,
    ProviderIndexPageFactory,
    ProviderPageFactory,
)

pytestmark = pytest.mark.django_db

# The other municipality's own host name (its portal is a Site of its own there).
FOREIGN_HOST = "delbrueck.localhost"
ROUTING_TABLES = ('"wagtailcore_locale"', '"wagtailcore_pageviewrestriction"')


@pytest.fixture(autouse=True)
def _pages_not_whole_responses(settings):
    settings.QUARTIER_RESPONSE_CACHE = False


@pytest.fixture
def page(gelsenkirchen):
    return gelsenkirchen.district_pages["schalke"]


def _routing_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return [
        query["sql"]
        for query in captured.captured_queries
        if any(table in query["sql"] for table in ROUTING_TABLES)
        or '"wagtailcore_page"."slug" = ' in query["sql"]
    ]


def test_second_request_of_a_page_reads_no_routing_rows(client, page):
    as_committed()
    assert _routing_queries(client, page.url)
    assert _routing_queries(client, page.url) == []


def test_kept_route_serves_the_same_page(client, page):
    as_committed()
    first = client.get(page.url)
    second = client.get(page.url)
    assert second.status_code == first.status_code == 200
    assert page.title in second.content.decode()


def test_unpublished_page_is_a_404_at_once(client, page):
    as_committed()
    assert client.get(page.url).status_code == 200
    page.unpublish()
    as_committed()
    assert client.get(page.url).status_code == 404


def test_address_without_a_page_is_routed_every_time(client, page):
    as_committed()
    url = f"{page.url}gibt-es-nicht/"
    assert client.get(url).status_code == 404
    assert _routing_queries(client, url)
    assert client.get(url).status_code == 404


def test_password_restriction_is_asked_for_on_a_kept_route(client, page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    as_committed()
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode()


def test_restriction_added_after_the_route_was_kept_applies(client, page):
    as_committed()
    assert 'name="password"' not in client.get(page.url).content.decode()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    as_committed()
    assert 'name="password"' in client.get(page.url).content.decode()


def test_profile_whose_consent_ended_yesterday_is_a_404_without_any_change(
    client, gelsenkirchen, monkeypatch
):
    pin_now(monkeypatch, berlin(2026, 3, 10, 12))
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider = ProviderPageFactory(parent=directory, consent=False)
    ProviderConsentFactory(provider=provider, expires_on=date(2026, 3, 10))
    as_committed()
    assert client.get(provider.url).status_code == 200
    pin_now(monkeypatch, berlin(2026, 3, 10, 12) + timedelta(days=1))
    assert client.get(provider.url).status_code == 404


def test_a_route_kept_on_one_municipalitys_site_never_serves_anothers(
    client, gelsenkirchen, delbrueck, settings
):
    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.create(hostname=FOREIGN_HOST, port=80, root_page=delbrueck.portal)
    as_committed()
    ostenland = delbrueck.district_homes["ostenland"]
    address = f"/{ostenland.slug}/"
    for _ in range(2):  # kept on the foreign site, then asked on both
        foreign = client.get(address, HTTP_HOST=FOREIGN_HOST)
        own = client.get(address)
        own_home = client.get("/")
        foreign_home = client.get("/", HTTP_HOST=FOREIGN_HOST)

        assert foreign.status_code == 200
        assert foreign.context["page"].pk == ostenland.pk
        assert own.status_code == 404
        assert own_home.context["page"].pk == gelsenkirchen.portal.pk
        assert foreign_home.context["page"].pk == delbrueck.portal.pk
