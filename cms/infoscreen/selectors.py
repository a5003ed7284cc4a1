"""What an info screen shows, read through the public selectors of calendar and news."""

from datetime import datetime, timedelta

from django.db.models import QuerySet

from cms.events.selectors import CalendarFilters, public_occurrences
from cms.news.selectors import latest_articles


def upcoming_occurrences(*, portal, district, now: datetime, days: int, limit: int) -> QuerySet:
    """The district's next visible occurrences from now on (still running ones too)."""
    return public_occurrences(
        window_start=now,
        window_end=now + timedelta(days=days),
        filters=CalendarFilters(district_ids=(district.pk,)),
        within=portal,
    ).select_related("event")[:limit]


def district_news(*, district_home, limit: int) -> QuerySet:
    """The newest visible articles of the district's page tree."""
    return latest_articles(within=district_home, limit=limit)
