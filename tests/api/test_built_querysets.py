"""Selectors' querysets kept per process for their inputs (cms.core.built_querysets)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.core.built_querysets import built
from cms.core.selectors import visible_pages
from cms.events.selectors import visible_events
from cms.providers.models import ProviderConsent
from tests.events.factories import EventPageFactory
from tests.providers.factories import ProviderPageFactory

pytestmark = pytest.mark.django_db


def test_kept_queryset_is_built_again_when_its_inputs_change():
    calls = []

    def build():
        calls.append(1)
        return ProviderConsent.objects.all()

    built("test-kept", ("a",), build)
    built("test-kept", ("a",), build)
    built("test-kept", ("b",), build)

    assert len(calls) == 2


def test_each_caller_gets_its_own_clone_without_rows(gelsenkirchen):
    first = visible_pages()
    list(first)
    second = visible_pages()

    assert second is not first
    assert second._result_cache is None


def test_events_of_a_consent_that_expires_today_are_hidden_tomorrow(
    calendar_page, directory, monkeypatch
):
    provider = ProviderPageFactory(parent=directory)
    ProviderConsent.objects.filter(provider=provider).update(expires_on=timezone.localdate())
    event = EventPageFactory(parent=calendar_page, organiser=provider)
    assert visible_events().filter(pk=event.pk).exists()
    assert visible_pages().filter(pk=event.pk).exists()

    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    assert not visible_events().filter(pk=event.pk).exists()
    assert not visible_pages().filter(pk=event.pk).exists()
