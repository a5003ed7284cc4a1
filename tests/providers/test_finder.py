"""The directory and offer finder: filters, German search, region, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.places.models import District, Region
from cms.providers.models import ProviderCooperation
from cms.roles.services import provider_section_rights_ensure

from .factories import ProviderIndexPageFactory, ProviderPageFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db


def _titles(client, url, **params) -> str:
    return client.get(url, params).content.decode()


def test_finder_finds_a_provider_by_an_inflected_german_word(client, directory):
    ProviderPageFactory(
        parent=directory,
        title="Einkaufshelfer",
        description="<p>Wir begleiten Sie bei Ihren Einkäufen im Supermarkt.</p>",
    )
    ProviderPageFactory(parent=directory, title="Tanzkreis", description="<p>Wir tanzen.</p>")
    html = _titles(client, directory.url, q="Einkauf")
    assert "Einkaufshelfer" in html
    assert "Tanzkreis" not in html


def test_site_search_finds_a_provider_by_an_inflected_german_word(client, directory):
    ProviderPageFactory(
        parent=directory,
        title="Gartenfreunde",
        description="<p>Hilfe bei der Pflege kleiner Gärten.</p>",
    )
    assert "Gartenfreunde" in _titles(client, "/suche/", q="Garten")


def test_finder_filters_by_district_category_kind_and_step_free_access(client, directory):
    schalke = District.objects.get(slug="schalke")
    care = ServiceCategoryFactory(slug="pflege", name="Pflege")
    match = ProviderPageFactory(
        parent=directory,
        title="Pflegedienst Schalke",
        kind="business",
        step_free_access=True,
    )
    match.categories.add(care)
    match.districts_served.add(schalke)
    match.save_revision().publish()
    for title, changes in [
        ("Pflege ohne Rampe", {"step_free_access": False, "kind": "business"}),
        ("Verein mit Rampe", {"step_free_access": True, "kind": "volunteer"}),
    ]:
        other = ProviderPageFactory(parent=directory, title=title, **changes)
        other.categories.add(care)
        other.districts_served.add(schalke)
        other.save_revision().publish()

    html = _titles(
        client,
        directory.url,
        district="schalke",
        category="pflege",
        kind="business",
        barrier_free="on",
    )
    assert "Pflegedienst Schalke" in html
    assert "Pflege ohne Rampe" not in html
    assert "Verein mit Rampe" not in html


def test_finder_spans_the_region_and_filters_by_municipality(
    client, directory, gelsenkirchen, delbrueck
):
    region = Region.objects.create(name="Testregion")
    for tree in (gelsenkirchen, delbrueck):
        tree.municipality.region = region
        tree.municipality.save()
    other_directory = ProviderIndexPageFactory(parent=delbrueck.portal)
    provider_section_rights_ensure(other_directory)
    ProviderPageFactory(parent=directory, title="Hilfe in Gelsenkirchen")
    ProviderPageFactory(parent=other_directory, title="Hilfe in Delbrück")

    everything = _titles(client, directory.url)
    assert "Hilfe in Gelsenkirchen" in everything
    assert "Hilfe in Delbrück" in everything

    only_delbrueck = _titles(client, directory.url, municipality=delbrueck.municipality.slug)
    assert "Hilfe in Delbrück" in only_delbrueck
    assert "Hilfe in Gelsenkirchen" not in only_delbrueck


def test_finder_stays_within_the_municipality_without_a_region(client, directory, delbrueck):
    other_directory = ProviderIndexPageFactory(parent=delbrueck.portal)
    ProviderPageFactory(parent=other_directory, title="Hilfe in Delbrück")
    assert "Hilfe in Delbrück" not in _titles(client, directory.url)


def test_finder_ignores_unknown_filter_values(client, directory):
    ProviderPageFactory(parent=directory, title="Besuchsdienst")
    response = client.get(directory.url, {"district": "gibt-es-nicht", "kind": "<b>"})
    assert response.status_code == 200


def test_cooperation_is_shown_on_both_profiles(client, directory):
    first = ProviderPageFactory(parent=directory, title="Caritas")
    second = ProviderPageFactory(parent=directory, title="Demenznetz")
    ProviderCooperation.objects.create(provider=second, partner=first)
    assert "Demenznetz" in client.get(first.url).content.decode()
    assert "Caritas" in client.get(second.url).content.decode()


def test_partner_without_consent_is_not_shown_as_cooperation(client, directory):
    listed = ProviderPageFactory(parent=directory, title="Caritas")
    unlisted = ProviderPageFactory(parent=directory, title="Ohne Einwilligung", consent=False)
    ProviderCooperation.objects.create(provider=listed, partner=unlisted)
    assert "Ohne Einwilligung" not in client.get(listed.url).content.decode()


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _providers(directory, count):
    schalke = District.objects.get(slug="schalke")
    category = ServiceCategoryFactory(slug="beratung", name="Beratung")
    for _ in range(count):
        provider = ProviderPageFactory(parent=directory)
        provider.categories.add(category)
        provider.districts_served.add(schalke)
        provider.save_revision().publish()


@pytest.mark.parametrize("params", ["", "?q=Nachbarschaft", "?district=schalke"])
def test_directory_query_count_does_not_grow_with_providers(client, directory, params):
    _providers(directory, 2)
    client.get(directory.url + params)
    few = _query_count(client, directory.url + params)
    _providers(directory, 8)
    client.get(directory.url + params)
    many = _query_count(client, directory.url + params)
    assert many == few
