import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale


@pytest.fixture(autouse=True)
def german_afterwards():
    """Requests in other languages leave their language active in the thread (Django's
    LocaleMiddleware does not reset it), which would change what reverse() gives the
    tests that follow."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def arabic(db):
    return Locale.objects.get_or_create(language_code="ar")[0]


def publish_translation(page, locale):
    """A published copy of the page in the locale, its ancestors copied and published
    too (Wagtail routes a language through its copy of the portal)."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(depth__gte=2).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated
