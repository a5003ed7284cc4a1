"""Reads of events. Every public surface (calendar pages, iCal, the API) starts here.

`public_occurrences` is the one visibility rule for the calendar: occurrences of live,
public events whose organiser, if they have one, is a listed provider (a valid consent,
see cms.providers.selectors.listed_providers). Everything is a range scan on the
occurrence index (`start < window_end AND end > window_start`) with the filters as
conditions in the same query; nothing is filtered in Python.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.news.selectors import visible_articles
from cms.providers.selectors import listed_providers

from .models import EventOccurrence, EventPage

CARD_RENDITION = "fill-320x180"


@dataclass(frozen=True)
class CalendarFilters:
    """The calendar's filters, already parsed (see forms.CalendarFilterForm)."""

    district_ids: tuple[int, ...] = ()
    social_space_ids: tuple[int, ...] = ()
    category_ids: tuple[int, ...] = ()
    tag: str = ""
    organiser_ids: tuple[int, ...] = ()
    attendance: str = ""  # "online", "on_site" or "" for both
    free_only: bool = False
    barrier_free_only: bool = False
    target_group: str = ""
    include_cancelled: bool = True
    event_id: int | None = None


def visible_events() -> QuerySet:
    """Events any visitor may see: live, public, organised by a listed provider or no one."""
    return (
        EventPage.objects.live()
        .public()
        .filter(Q(organiser__isnull=True) | Q(organiser__in=listed_providers().values("pk")))
    )


def _events_matching(filters: CalendarFilters, within: Page | None) -> QuerySet:
    events = visible_events()
    if within is not None:
        events = events.filter(path__startswith=within.path)
    if filters.event_id is not None:
        events = events.filter(pk=filters.event_id)
    if filters.district_ids:
        events = events.filter(districts__in=filters.district_ids)
    if filters.social_space_ids:
        events = events.filter(social_spaces__in=filters.social_space_ids)
    if filters.category_ids:
        events = events.filter(categories__in=filters.category_ids)
    if filters.tag:
        events = events.filter(tags__slug=filters.tag)
    return events.values("pk")


def public_occurrences(
    *,
    window_start: datetime,
    window_end: datetime,
    filters: CalendarFilters | None = None,
    within: Page | None = None,
) -> QuerySet:
    """Visible occurrences overlapping the window, earliest first, with their events."""
    filters = filters or CalendarFilters()
    occurrences = EventOccurrence.objects.filter(
        start__lt=window_end,
        end__gt=window_start,
        event__in=_events_matching(filters, within),
    )
    if filters.organiser_ids:
        occurrences = occurrences.filter(organiser_id__in=filters.organiser_ids)
    if filters.attendance == "online":
        occurrences = occurrences.filter(is_online=True)
    elif filters.attendance == "on_site":
        occurrences = occurrences.filter(is_on_site=True)
    if filters.free_only:
        occurrences = occurrences.filter(is_free=True)
    if filters.barrier_free_only:
        occurrences = occurrences.filter(is_barrier_free=True)
    if filters.target_group:
        occurrences = occurrences.filter(target_group=filters.target_group)
    if not filters.include_cancelled:
        occurrences = occurrences.filter(is_cancelled=False)
    return occurrences.order_by("start", "pk")


def occurrences_for_listing(occurrences: QuerySet) -> QuerySet:
    """What a calendar entry shows (event, organiser, districts) in constant queries."""
    return occurrences.select_related("event", "event__organiser").prefetch_related(
        "event__districts"
    )


def events_for_feed(occurrences: QuerySet) -> QuerySet:
    """The events behind the occurrences, with what a VEVENT needs, for iCal export."""
    return (
        EventPage.objects.filter(pk__in=occurrences.values("event_id"))
        .select_related("organiser")
        .prefetch_related("changes", "categories")
        .order_by("pk")
    )


def upcoming_occurrences_of(event: EventPage, *, after: datetime, limit: int = 10) -> QuerySet:
    """The next dates of one event, for its page."""
    return EventOccurrence.objects.filter(event=event, end__gt=after).order_by("start")[:limit]


def articles_about(event: EventPage) -> QuerySet:
    """Visible articles linked to the event, newest first."""
    return visible_articles().filter(event_links__event=event).order_by("-date").distinct()


def articles_about_upcoming_events(
    *, within: Page, window_start: datetime, window_end: datetime, limit: int = 6
) -> QuerySet:
    """Visible articles linked to events that take place in the window."""
    event_ids = public_occurrences(
        window_start=window_start, window_end=window_end, within=within
    ).values("event_id")
    images = get_image_model().objects.prefetch_renditions("fill-640x360")
    return (
        visible_articles()
        .filter(pk__in=visible_articles().filter(event_links__event__in=event_ids).values("pk"))
        .prefetch_related(Prefetch("lead_image", queryset=images))
        .order_by("-date")[:limit]
    )
