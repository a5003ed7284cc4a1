"""The exchange's admin menu by role, with the user's roles read once per request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _home(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    role_queries = [query for query in queries if '"roles_rolegroup"' in query["sql"]]
    return response.content.decode(), role_queries


def test_a_proxy_helper_sees_the_helpers_screens_and_not_the_admins(client, ge_helper):
    client.force_login(ge_helper)
    content, _queries = _home(client)
    assert reverse("exchange_proxy:index") in content
    assert reverse("exchange_members:index") not in content


def test_a_municipality_admin_sees_the_admins_screens_and_not_the_helpers(client, ge_admin):
    client.force_login(ge_admin)
    content, _queries = _home(client)
    assert reverse("exchange_members:index") in content
    assert reverse("exchange_proxy:index") not in content


def test_the_menu_reads_the_roles_once_and_not_per_item(client, ge_admin):
    # Seven exchange items asked one query each before (18 role queries in all); now
    # one for the exchange's items, the rest for the reports and the start page.
    client.force_login(ge_admin)
    _content, queries = _home(client)
    assert len(queries) <= 5
