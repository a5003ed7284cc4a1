"""Shared fixtures: two municipalities with their page trees, roles and admin users.

The trees are built once per test session through the real services (page tree, then
`municipality_roles_ensure`) and committed to the test database; every test runs in a
transaction that is rolled back, so what a test changes never leaks into the next one.
Tests get freshly loaded objects (`gelsenkirchen`, `delbrueck`, `editor`, ...) so that
no cached permissions or stale fields travel between tests.

Gelsenkirchen (the default Site's root):

    PortalHomePage "Gelsenkirchen"
    ├── NewsIndexPage "Nachrichten"
    ├── DistrictHomePage "Schalke"  ── NewsIndexPage, StandardPage "Über uns Schalke"
    └── DistrictHomePage "Hüllen"   ── NewsIndexPage, StandardPage "Über uns Hüllen"

Delbrück (a second portal below the Wagtail root) has the district Ostenland.

A test that needs `transaction=True` flushes the database afterwards; pytest-django
runs such tests after all others, but they must build their own data.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from cms.home.models import DistrictHomePage, PortalHomePage, StandardPage
from cms.news.models import NewsIndexPage
from cms.places.models import Municipality
from cms.roles.services import municipality_roles_ensure

from .factories import (
    DistrictFactory,
    DistrictHomePageFactory,
    MunicipalityFactory,
    NewsIndexPageFactory,
    PortalHomePageFactory,
    StandardPageFactory,
    UserFactory,
)

User = get_user_model()


@dataclass(frozen=True)
class MunicipalityTreeIds:
    """Primary keys of one municipality's tree, kept for the whole session."""

    municipality: int
    portal: int
    portal_news: int
    district_homes: dict[str, int]
    district_news: dict[str, int]
    district_pages: dict[str, int]
    groups: dict[str, int]


@dataclass(frozen=True)
class MunicipalityTree:
    """One municipality's pages and role groups, loaded afresh for one test."""

    municipality: Municipality
    portal: PortalHomePage
    portal_news: NewsIndexPage
    district_homes: dict[str, DistrictHomePage]
    district_news: dict[str, NewsIndexPage]
    district_pages: dict[str, StandardPage]
    groups: dict[str, Group]

    @classmethod
    def load(cls, ids: MunicipalityTreeIds) -> "MunicipalityTree":
        def pages(model, by_slug):
            return {slug: model.objects.get(pk=pk) for slug, pk in by_slug.items()}

        return cls(
            municipality=Municipality.objects.get(pk=ids.municipality),
            portal=PortalHomePage.objects.get(pk=ids.portal),
            portal_news=NewsIndexPage.objects.get(pk=ids.portal_news),
            district_homes=pages(DistrictHomePage, ids.district_homes),
            district_news=pages(NewsIndexPage, ids.district_news),
            district_pages=pages(StandardPage, ids.district_pages),
            groups={key: Group.objects.get(pk=pk) for key, pk in ids.groups.items()},
        )


def _municipality_tree_build(
    *, name: str, official_key: str, district_names: list[str], default_site: bool
) -> MunicipalityTreeIds:
    municipality = MunicipalityFactory(name=name, official_key=official_key)
    portal = PortalHomePageFactory(
        parent=Page.get_first_root_node(), municipality=municipality, title=name
    )
    if default_site:
        site = Site.objects.get(is_default_site=True)
        site.root_page = portal
        site.save()
    portal_news = NewsIndexPageFactory(parent=portal)

    district_homes, district_news, district_pages = {}, {}, {}
    for district_name in district_names:
        district = DistrictFactory(name=district_name, municipality=municipality)
        home = DistrictHomePageFactory(parent=portal, district=district)
        district_homes[district.slug] = home.pk
        district_news[district.slug] = NewsIndexPageFactory(parent=home).pk
        district_pages[district.slug] = StandardPageFactory(
            parent=home, title=f"Über uns {district_name}", slug="ueber-uns"
        ).pk

    groups = municipality_roles_ensure(municipality=municipality, portal=portal)
    return MunicipalityTreeIds(
        municipality=municipality.pk,
        portal=portal.pk,
        portal_news=portal_news.pk,
        district_homes=district_homes,
        district_news=district_news,
        district_pages=district_pages,
        groups={key: group.pk for key, group in groups.items()},
    )


@dataclass(frozen=True)
class PlacesIds:
    gelsenkirchen: MunicipalityTreeIds
    delbrueck: MunicipalityTreeIds
    users: dict[str, int]


@pytest.fixture(scope="session")
def places_ids(django_db_setup, django_db_blocker) -> PlacesIds:
    """Build both municipalities and their admin users once, committed for the session."""
    with django_db_blocker.unblock():
        gelsenkirchen = _municipality_tree_build(
            name="Gelsenkirchen",
            official_key="05513000",
            district_names=["Schalke", "Hüllen"],
            default_site=True,
        )
        delbrueck = _municipality_tree_build(
            name="Delbrück",
            official_key="05774012",
            district_names=["Ostenland"],
            default_site=False,
        )

        def group(tree: MunicipalityTreeIds, key: str) -> Group:
            return Group.objects.get(pk=tree.groups[key])

        users = {
            "editor": UserFactory(
                username="redaktion", groups=[group(gelsenkirchen, "editorial_team")]
            ),
            "provider_a": UserFactory(
                username="anbieterin-a", groups=[group(gelsenkirchen, "providers")]
            ),
            "provider_b": UserFactory(
                username="anbieter-b", groups=[group(gelsenkirchen, "providers")]
            ),
            "schalke_editor": UserFactory(
                username="quartier-schalke",
                groups=[group(gelsenkirchen, "district_editors:schalke")],
            ),
            "huellen_editor": UserFactory(
                username="quartier-huellen",
                groups=[group(gelsenkirchen, "district_editors:huellen")],
            ),
            "delbrueck_editor": UserFactory(
                username="redaktion-delbrueck", groups=[group(delbrueck, "editorial_team")]
            ),
            "delbrueck_provider": UserFactory(
                username="anbieter-delbrueck", groups=[group(delbrueck, "providers")]
            ),
        }
        return PlacesIds(
            gelsenkirchen=gelsenkirchen,
            delbrueck=delbrueck,
            users={key: user.pk for key, user in users.items()},
        )


@pytest.fixture
def gelsenkirchen(places_ids, db) -> MunicipalityTree:
    """Gelsenkirchen with the districts Schalke and Hüllen; the default Site's root."""
    return MunicipalityTree.load(places_ids.gelsenkirchen)


@pytest.fixture
def delbrueck(places_ids, db) -> MunicipalityTree:
    """Delbrück with the district Ostenland: the other municipality."""
    return MunicipalityTree.load(places_ids.delbrueck)


def _user(places_ids: PlacesIds, key: str):
    return User.objects.get(pk=places_ids.users[key])


@pytest.fixture
def editor(places_ids, db):
    """A member of Gelsenkirchen's editorial team (Redaktion)."""
    return _user(places_ids, "editor")


@pytest.fixture
def provider_a(places_ids, db):
    """A provider (Anbieterin) of Gelsenkirchen."""
    return _user(places_ids, "provider_a")


@pytest.fixture
def provider_b(places_ids, db):
    """Another provider of Gelsenkirchen."""
    return _user(places_ids, "provider_b")


@pytest.fixture
def schalke_editor(places_ids, db):
    """A district editor of Schalke."""
    return _user(places_ids, "schalke_editor")


@pytest.fixture
def huellen_editor(places_ids, db):
    """A district editor of Hüllen."""
    return _user(places_ids, "huellen_editor")


@pytest.fixture
def delbrueck_editor(places_ids, db):
    """A member of Delbrück's editorial team."""
    return _user(places_ids, "delbrueck_editor")


@pytest.fixture
def delbrueck_provider(places_ids, db):
    """A provider of Delbrück."""
    return _user(places_ids, "delbrueck_provider")


@pytest.fixture(autouse=True)
def _no_signin_failures_carried_over(settings):
    """Every test starts without counted sign-in failures or locks (cms.core.ratelimit):
    they live in a cache of their own in the test settings, emptied here."""
    from django.core.cache import caches

    caches[settings.QUARTIER_RATELIMIT_CACHE].clear()
    caches[settings.QUARTIER_PDF_CACHE].clear()
    caches[settings.QUARTIER_IDEMPOTENCY_CACHE].clear()
    yield
    caches[settings.QUARTIER_RATELIMIT_CACHE].clear()


@pytest.fixture(autouse=True)
def _no_cached_responses_carried_over(settings):
    """Every test starts with an empty response cache (cms.core.response_cache) and no
    cached page parts (cms.core.version_cache): the content version of the committed
    session data is the same in every test, and rows of different tests share ids."""
    from django.core.cache import caches

    caches[settings.QUARTIER_RESPONSE_CACHE_ALIAS].clear()
    caches["default"].clear()


# The tenancy tests record their tally with `record_property`, which travels with the
# test's report from an xdist worker to the controller. The hooks live here, not in
# tests/tenancy/conftest.py: the xdist controller collects nothing and so never loads a
# subfolder's conftest. The terminal summary then shows the tallies without `-s`.
TALLY_PROPERTIES = ("tenancy_matrix", "tenancy_markers", "import_fuzz", "hostile_sweep")

_tallies: list[str] = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        _tallies.extend(value for name, value in report.user_properties if name in TALLY_PROPERTIES)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for line in _tallies:
        terminalreporter.write_line(line)
