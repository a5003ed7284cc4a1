"""The accessibility feedback form sent twice (double click) stores and mails once."""

import re

import pytest
from django.core import mail

from cms.core.idempotency import FIELD
from themes.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


def test_double_clicked_feedback_is_stored_once_and_mailed_once(client, statement):
    page = client.get(statement.url).content.decode()
    token = re.search(rf'name="{FIELD}" value="([^"]+)"', page).group(1)
    data = {"message": "Der Kontrast der Knöpfe ist zu schwach.", FIELD: token}

    first = client.post(statement.url, data)
    second = client.post(statement.url, data)

    assert AccessibilityFeedback.objects.count() == 1
    assert len(mail.outbox) == 1
    assert first.status_code == second.status_code == 302
