"""The demo is dated relative to the day load_demo runs."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.events.models import EventOccurrence
from cms.news.models import ArticlePage

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("day", [2, 4, 8])  # a Monday, a Wednesday, a Sunday of March 2026
def test_demo_week_of_load_day_has_events(monkeypatch, day):
    now = datetime(2026, 3, day, 12, tzinfo=BERLIN)
    monkeypatch.setattr(timezone, "now", lambda: now)
    call_command("load_demo", verbosity=0)
    monday = datetime(2026, 3, 2, tzinfo=BERLIN)
    this_week = EventOccurrence.objects.filter(
        start__gte=monday, start__lt=monday + timedelta(days=7), event__live=True
    )
    assert this_week.exists()
    assert EventOccurrence.objects.filter(start__gt=now, event__live=True).exists()


def test_demo_news_is_recent(monkeypatch):
    now = datetime(2026, 3, 4, 12, tzinfo=BERLIN)
    monkeypatch.setattr(timezone, "now", lambda: now)
    call_command("load_demo", verbosity=0)
    newest = ArticlePage.objects.live().order_by("-date").first()
    assert newest is not None and (now.date() - newest.date).days <= 14
