import pytest
from django.utils import timezone

from cms.roles.services import (
    district_editor_calendar_rights_ensure,
    provider_section_rights_ensure,
)

from .factories import EventIndexPageFactory


@pytest.fixture
def calendar_page(gelsenkirchen):
    """Gelsenkirchen's calendar, opened to providers and district editors like the hook does."""
    page = EventIndexPageFactory(parent=gelsenkirchen.portal)
    provider_section_rights_ensure(page)
    district_editor_calendar_rights_ensure(page)
    return page


@pytest.fixture
def frozen_now(monkeypatch):
    """Pin "now" so that horizons and default windows do not depend on the test date."""
    from .factories import berlin

    now = berlin(2026, 3, 1, 12)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now
