import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from .factories import (
    AccessibilityStatementPageFactory,
    EasyLanguageIndexPageFactory,
    SignLanguagePageFactory,
)


@pytest.fixture
def django_image(db):
    return get_image_model().objects.create(
        title="Logo", file=get_test_image_file(filename="logo.png")
    )


@pytest.fixture
def statement(gelsenkirchen):
    """Gelsenkirchen's accessibility statement."""
    return AccessibilityStatementPageFactory(parent=gelsenkirchen.portal)


@pytest.fixture
def delbrueck_statement(delbrueck):
    return AccessibilityStatementPageFactory(
        parent=delbrueck.portal, contact__email="barrierefrei@delbrueck.invalid"
    )


@pytest.fixture
def easy_language_start(gelsenkirchen):
    return EasyLanguageIndexPageFactory(parent=gelsenkirchen.portal)


@pytest.fixture
def sign_language_page(gelsenkirchen):
    return SignLanguagePageFactory(parent=gelsenkirchen.portal)
