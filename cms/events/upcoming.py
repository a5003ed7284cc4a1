"""The next events of a district or municipality, shown on their home pages.

A resident starts at her district's page; the next few dates of that district (or, on
the portal, of the whole municipality) appear there with a link to the calendar filtered
the same way. The dates come through `public_occurrences`, the calendar's one
visibility rule, so the home can never show what the calendar hides. Three queries
whatever the number of events: the calendar page, the entries, their districts (and one
for the calendar's URL).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone

from cms.core import response_cache

from .models import EventIndexPage
from .selectors import (
    CalendarFilters,
    calendar_entries,
    occurrences_for_listing,
    public_occurrences,
)
from .services import horizon


def portal_calendar(portal) -> EventIndexPage | None:
    """The live, public calendar of a portal (the first one, if there are several)."""
    if portal is None:
        return None
    return (
        EventIndexPage.objects.child_of(portal)
        .live()
        .public()
        .filter(locale_id=portal.locale_id)
        .order_by("path")
        .first()
    )


def upcoming_events_context(request, *, portal, district=None, limit: int | None = None) -> dict:
    """`upcoming_events` (calendar entries) and `calendar_url` (filtered like them).

    Without a district the entries are the municipality's whole calendar; with one,
    only the events held in that district.
    """
    limit = settings.QUARTIER_HOME_EVENTS if limit is None else limit
    calendar = portal_calendar(portal)
    if calendar is None or limit <= 0:
        return {"upcoming_events": [], "calendar_url": None}
    now = timezone.now()
    filters = CalendarFilters(district_ids=(district.pk,) if district is not None else ())
    rows = occurrences_for_listing(
        public_occurrences(
            window_start=now, window_end=horizon(now)[1], filters=filters, within=calendar
        )
    )[:limit]
    calendar_url = calendar.get_url(request=request)
    if calendar_url and district is not None:
        calendar_url = f"{calendar_url}?{urlencode({'district': district.slug})}"
    entries = calendar_entries(rows, request=request)
    # A date leaves the list when it ends (and the next one comes in).
    response_cache.changes_at(request, min((entry.end for entry in entries), default=None))
    return {
        "upcoming_events": entries,
        "calendar_url": calendar_url,
    }
