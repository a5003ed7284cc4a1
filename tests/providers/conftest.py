import pytest

from cms.roles.services import provider_section_rights_ensure

from .factories import ProviderIndexPageFactory, ProviderPageFactory, ServiceCategoryFactory


@pytest.fixture
def directory(gelsenkirchen):
    """Gelsenkirchen's directory, opened to its providers as the admin hook would."""
    page = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider_section_rights_ensure(page)
    return page


@pytest.fixture
def profile_of_a(directory, provider_a, editor):
    return ProviderPageFactory(
        parent=directory, title="Besuchsdienst A", owner=provider_a, published_by=editor
    )


@pytest.fixture
def profile_of_b(directory, provider_b, editor):
    return ProviderPageFactory(
        parent=directory, title="Mittagstisch B", owner=provider_b, published_by=editor
    )


@pytest.fixture
def category(db):
    return ServiceCategoryFactory(slug="besuch", name="Besuch")
