import pytest

from cms.roles.services import (
    district_editor_calendar_rights_ensure,
    provider_section_rights_ensure,
)
from tests.events.factories import EventIndexPageFactory
from tests.providers.factories import ProviderIndexPageFactory

LIST_ENDPOINTS = [
    "/api/v1/municipalities/",
    "/api/v1/districts/",
    "/api/v1/social-spaces/",
    "/api/v1/articles/",
    "/api/v1/pages/",
    "/api/v1/events/",
    "/api/v1/occurrences/",
    "/api/v1/providers/",
    "/api/v1/service-categories/",
    "/api/v1/listings/",
    "/api/v1/listing-categories/",
]


@pytest.fixture
def calendar_page(gelsenkirchen):
    page = EventIndexPageFactory(parent=gelsenkirchen.portal)
    provider_section_rights_ensure(page)
    district_editor_calendar_rights_ensure(page)
    return page


@pytest.fixture
def directory(gelsenkirchen):
    page = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    provider_section_rights_ensure(page)
    return page
