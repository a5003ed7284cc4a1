"""The demo is dated relative to the day load_demo runs."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from cms.events.models import EventOccurrence
from cms.news.models import ArticlePage

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def demo_now(request, django_db_setup, django_db_blocker):
    """The demo loaded on a day of March 2026 at noon (the parameter), once per day for
    this module: inside a transaction rolled back when the day's tests are done, each
    test in a savepoint of it (as in test_load_demo.py). The clock stays on that moment
    for the tests."""
    now = datetime(2026, 3, request.param, 12, tzinfo=BERLIN)
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setattr(timezone, "now", lambda: now)
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield now
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# A Monday, a Wednesday, a Sunday of March 2026.
@pytest.mark.parametrize("demo_now", [2, 4, 8], indirect=True)
def test_demo_week_of_load_day_has_events(demo_now):
    monday = datetime(2026, 3, 2, tzinfo=BERLIN)
    this_week = EventOccurrence.objects.filter(
        start__gte=monday, start__lt=monday + timedelta(days=7), event__live=True
    )
    assert this_week.exists()
    assert EventOccurrence.objects.filter(start__gt=demo_now, event__live=True).exists()


@pytest.mark.parametrize("demo_now", [4], indirect=True)
def test_demo_news_is_recent(demo_now):
    newest = ArticlePage.objects.live().order_by("-date").first()
    assert newest is not None and (demo_now.date() - newest.date).days <= 14
