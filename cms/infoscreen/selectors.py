"""What an info screen shows, read through the public selectors of calendar and news."""

from datetime import datetime, timedelta

from django.db.models import QuerySet

from cms.events.selectors import (
    CalendarEntry,
    CalendarFilters,
    calendar_entries,
    occurrences_for_listing,
    public_occurrences,
)
from cms.news.selectors import latest_articles


def upcoming_occurrences(
    *, portal, district, now: datetime, days: int, limit: int
) -> list[CalendarEntry]:
    """The district's next visible occurrences from now on (still running ones too).

    As calendar entries: the screen shows a title and a venue, so it reads the columns
    the calendar reads rather than whole event pages with their StreamField.
    """
    occurrences = public_occurrences(
        window_start=now,
        window_end=now + timedelta(days=days),
        filters=CalendarFilters(district_ids=(district.pk,)),
        within=portal,
    )
    return calendar_entries(occurrences_for_listing(occurrences)[:limit])


def district_news(*, district_home, limit: int) -> QuerySet:
    """The newest visible articles of the district's page tree."""
    return latest_articles(within=district_home, limit=limit)
