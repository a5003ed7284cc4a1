"""The demo's accessibility statement can be edited and previewed in the admin."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cms.demo.themes import STATEMENT
from themes.preferences import DisplayPreferences

from .factories import AccessibilityStatementPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_statement(gelsenkirchen):
    return AccessibilityStatementPageFactory(
        parent=gelsenkirchen.portal, enforcement_text=STATEMENT["enforcement_text"]
    )


def test_demo_statement_opens_in_the_page_editor(client, editor, demo_statement):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[demo_statement.pk]))
    assert response.status_code == 200


def test_statement_preview_renders_with_the_feedback_form(editor, demo_statement):
    request = RequestFactory().get("/", SERVER_NAME="localhost")
    request.user = editor
    request.display_preferences = DisplayPreferences()
    response = demo_statement.serve_preview(request, "")
    response.render()
    assert response.status_code == 200
    assert 'id="feedback-heading"' in response.content.decode()
