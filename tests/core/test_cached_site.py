"""The request's Wagtail Site from the version cache (cms.core.middleware.CachedSiteMiddleware)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.committed import as_committed

pytestmark = pytest.mark.django_db


def _site_queries(client, url, **headers) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **headers).status_code == 200
    return [query["sql"] for query in queries if '"wagtailcore_site"' in query["sql"]]


def test_a_page_reads_its_site_from_the_cache(client, gelsenkirchen, settings):
    settings.QUARTIER_RESPONSE_CACHE = False
    as_committed()
    url = gelsenkirchen.district_pages["schalke"].url
    client.get(url)
    assert _site_queries(client, url) == []


def test_a_new_host_name_of_a_site_is_served_on_the_next_request(client, gelsenkirchen, settings):
    settings.ALLOWED_HOSTS = ["*"]
    as_committed()
    client.get("/", HTTP_HOST="quartier.example")
    Site.objects.create(
        hostname="quartier.example", port=80, root_page=gelsenkirchen.district_pages["schalke"]
    )
    as_committed()
    response = client.get("/", HTTP_HOST="quartier.example")
    assert response.status_code == 200
    assert response.context["page"].pk == gelsenkirchen.district_pages["schalke"].pk


def test_a_refused_host_is_a_400_not_a_500(client, settings):
    settings.ALLOWED_HOSTS = ["quartier.example"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
