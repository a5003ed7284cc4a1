"""Fixtures of the printed views: a calendar in Gelsenkirchen and a pinned "now"."""

import pytest

from tests.clock import pin_now
from tests.events.factories import EventIndexPageFactory, berlin


@pytest.fixture
def frozen_now(monkeypatch):
    """Sunday 1 March 2026, noon in Berlin (ISO week 2026-W09)."""
    return pin_now(monkeypatch, berlin(2026, 3, 1, 12))


@pytest.fixture
def calendar(gelsenkirchen, frozen_now):
    return EventIndexPageFactory(parent=gelsenkirchen.portal)


@pytest.fixture
def schalke(gelsenkirchen):
    return gelsenkirchen.district_homes["schalke"].district


@pytest.fixture
def huellen(gelsenkirchen):
    return gelsenkirchen.district_homes["huellen"].district
