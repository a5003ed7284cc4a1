"""Reads of events. Every public surface (calendar pages, iCal, the API) starts here.

`public_occurrences` is the one visibility rule for the calendar: occurrences of live,
public events whose organiser, if they have one, is a listed provider (a valid consent,
see cms.providers.selectors.listed_providers). Everything is a range scan on the
occurrence index (`start < window_end AND end > window_start`) with the filters as
conditions in the same query; nothing is filtered in Python.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.core import built_querysets, language_prefix, version_cache
from cms.core.selectors import outside_paths, public_condition, view_restricted_paths
from cms.news.selectors import visible_articles
from cms.providers.selectors import organiser_may_show, unlisted_provider_ids

from .enums import OccurrenceStatus
from .models import (
    EventFeedEntry,
    EventOccurrence,
    EventOccurrenceDistrict,
    EventPage,
    EventPageTag,
)
from .recurrence import occurrence_status

CARD_RENDITION = "fill-320x180"
# Far beyond the occurrence index's horizon: "every date from now on".
LINKED_DATES_SPAN = timedelta(days=3660)
# A slug that `iri_to_uri` leaves as it is (most are): no quoting per event.
_PLAIN_SLUG = re.compile(r"[A-Za-z0-9_-]+")


def events_of_unlisted_providers() -> QuerySet:
    """Ids of events organised by a profile without a valid consent (hidden everywhere)."""
    return EventPage.objects.filter(organiser__in=unlisted_provider_ids()).values("pk")


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
    # Cancelled dates are listed (marked) unless a surface asks to leave them out.
    include_cancelled: bool = True
    event_id: int | None = None


def _event_live_and_public(request=None) -> Q:
    """Wagtail's `live().public()` for occurrences: conditions on the date's own row.

    Each date carries its event page's `live` and tree path (`EventOccurrence.event_live`,
    `event_path`, kept in sync by `services`), so the rule needs no join to the page row
    for each date: a month view counts thousands of them. Written as conditions on the
    row rather than as `event__in=<visible events>`: with the latter the database first
    builds the set of every visible event of the selection (a scan growing with all
    events ever published). The few view restrictions become plain prefix conditions
    (`public_condition`, read once per content version with `request`), which the
    benchmark measured; `cms.core.selectors.outside_view_restrictions` is the
    single-query form used where a page list is small.
    """
    return Q(event_live=True) & public_condition("event_path", request=request)


def _earliest_start(window_start: datetime) -> ExpressionWrapper:
    """A lower bound on `start` for dates overlapping a window that begins then.

    `start < window_end AND end > window_start` bounds the index on (start, end) only
    from above, so the database would walk every date that began before the window,
    back to the start of the index's history (a year). A date overlapping the window
    cannot begin before the window's start minus the longest duration of any date,
    which the expression index `occurrence_duration_idx` gives in one index step; the
    condition changes no result and makes the window a bounded range scan.
    """
    longest = (
        EventOccurrence.objects.annotate(duration=F("end") - F("start"))
        .order_by("-duration")
        .values("duration")[:1]
    )
    return ExpressionWrapper(
        Value(window_start, output_field=DateTimeField())
        - Subquery(longest, output_field=DurationField()),
        output_field=DateTimeField(),
    )


def _after_position(start_field: str, pk_field: str, after: tuple[datetime, int]) -> Q:
    """Dates after (start, id) in the calendar's order: a keyset condition.

    The redundant `start >= ...` lets the database begin its index range at the
    position instead of reading and discarding the pages before it.
    """
    start, pk = after
    return Q(**{f"{start_field}__gte": start}) & (
        Q(**{f"{start_field}__gt": start}) | Q(**{start_field: start, f"{pk_field}__gt": pk})
    )


def visible_events(*, request=None) -> QuerySet:
    """Events any visitor may see: live, public, organised by a listed provider or no one.

    With `request`, the view restrictions are read once per content version (see
    `cms.core.selectors.view_restricted_paths`).
    """
    paths = view_restricted_paths(request)
    # The organiser rule depends on the consents valid today (cms.core.built_querysets).
    return built_querysets.built(
        "visible_events",
        (paths, timezone.localdate()),
        lambda: EventPage.objects.live().filter(outside_paths(paths), organiser_may_show()),
    )


def public_occurrences(
    *,
    window_start: datetime,
    window_end: datetime,
    filters: CalendarFilters | None = None,
    within: Page | None = None,
    after: tuple[datetime, int] | None = None,
    request=None,
) -> QuerySet:
    """Visible occurrences overlapping the window, earliest first (by start, then id).

    Visible: the event is live and public and organised by a listed provider or by no
    one. Filters on districts, social spaces, categories and tags are EXISTS conditions, so an event
    in two selected districts still appears once per date. With `after` (the start and
    id of the last date of a page), only the dates after it.

    A single district (the common filter: a district's calendar, its print programme,
    its info screen, the API) is read from `EventOccurrenceDistrict` in its index
    order (district, start, occurrence): the database reads only that district's
    dates, in the order asked, and a page stops after its last row. With `request`,
    the view restrictions and the listed providers are read once per content version
    (`public_condition`, `listed_provider_ids`) and become plain conditions.
    """
    filters = filters or CalendarFilters()
    earliest = _earliest_start(window_start)
    occurrences = EventOccurrence.objects.filter(
        _event_live_and_public(request),
        start__lt=window_end,
        end__gt=window_start,
    )
    ordering = ("start", "pk")
    single_district = len(filters.district_ids) == 1
    # The occurrence carries its event's organiser (see services). With one district,
    # the listed providers are read once (see `organiser_may_show`), so that the
    # database reads the district's index in order and stops after a page.
    occurrences = occurrences.filter(
        organiser_may_show(listed_once=single_district, request=request)
    )
    if single_district:
        # One filter() call: every condition on the district row is on the same join
        # (each call would join the multi-valued relation anew), and the ordering
        # reuses it. One district per row, so the join repeats no date.
        in_district = Q(
            district_links__district_id=filters.district_ids[0],
            district_links__start__gt=earliest,
            district_links__start__lt=window_end,
        )
        if after is not None:
            in_district &= _after_position(
                "district_links__start", "district_links__occurrence_id", after
            )
        occurrences = occurrences.filter(in_district)
        ordering = ("district_links__start", "district_links__occurrence_id")
    else:
        occurrences = occurrences.filter(start__gt=earliest)
        if after is not None:
            occurrences = occurrences.filter(_after_position("start", "pk", after))
        if filters.district_ids:
            in_districts = EventOccurrenceDistrict.objects.filter(
                occurrence_id=OuterRef("pk"), district_id__in=filters.district_ids
            )
            occurrences = occurrences.filter(Exists(in_districts))
    if within is not None:
        occurrences = occurrences.filter(event_path__startswith=within.path)
    if filters.event_id is not None:
        occurrences = occurrences.filter(event_id=filters.event_id)
    if filters.social_space_ids:
        at_social_spaces = EventPage.social_spaces.through.objects.filter(
            eventpage_id=OuterRef("event_id"), socialspace_id__in=filters.social_space_ids
        )
        occurrences = occurrences.filter(Exists(at_social_spaces))
    if filters.category_ids:
        in_categories = EventPage.categories.through.objects.filter(
            eventpage_id=OuterRef("event_id"), servicecategory_id__in=filters.category_ids
        )
        occurrences = occurrences.filter(Exists(in_categories))
    if filters.tag:
        tagged = EventPageTag.objects.filter(
            content_object_id=OuterRef("event_id"), tag__slug=filters.tag
        )
        occurrences = occurrences.filter(Exists(tagged))
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
        occurrences = taking_place(occurrences)
    return occurrences.order_by(*ordering)


@dataclass(frozen=True)
class EventFace:
    """What a calendar entry shows of its event: a title to link and where it happens."""

    pk: int
    title: str
    url: str | None
    venue_name: str
    district_names: tuple[str, ...]


@dataclass(frozen=True)
class CalendarEntry:
    """One date in a calendar view: its times and flags (from the index) and its event."""

    start: datetime
    end: datetime
    all_day: bool
    is_cancelled: bool
    cancellation_reason: str
    original_start: datetime | None
    is_online: bool
    is_on_site: bool
    is_free: bool
    is_barrier_free: bool
    event: EventFace

    @property
    def status(self) -> str:
        """ "scheduled", "cancelled" or "moved" (see `OccurrenceStatus`)."""
        return occurrence_status(
            is_cancelled=self.is_cancelled, start=self.start, original_start=self.original_start
        )

    @property
    def is_moved(self) -> bool:
        return self.status == OccurrenceStatus.MOVED


ENTRY_COLUMNS = (
    "start",
    "end",
    "all_day",
    "is_cancelled",
    "cancellation_reason",
    "original_start",
    "is_online",
    "is_on_site",
    "is_free",
    "is_barrier_free",
    "event_id",
    "event__title",
    "event__slug",
    "event__path",
    "venue_name",
)


def occurrences_for_listing(occurrences: QuerySet) -> QuerySet:
    """Only the columns a calendar entry shows, as dicts (a query that can be paginated).

    Calendar views show hundreds of entries; building a page instance with its whole
    row (StreamField body, rich text, every field) for each costs far more than the
    query. Turn the rows into entries with `calendar_entries`.
    """
    return occurrences.values(*ENTRY_COLUMNS)


def event_urls(rows: list[dict], request, *, absolute: bool = False) -> dict[int, str | None]:
    """Each event's URL, from its calendar's URL and its slug: one query for the
    calendars' URLs, none while they are kept under the content version.

    An event is always a child of an EventIndexPage (its only allowed parent) and has
    no routing of its own, so its URL is the calendar's with the slug appended, which
    is what `Page.get_url` would compute page by page at a fraction of a millisecond each.
    With `absolute`, the URLs are what `request.build_absolute_uri` makes of them, with
    the calendar's made absolute once rather than once per event.
    """
    parent_paths = {row["event__path"][: -Page.steplen] for row in rows}
    calendar_urls = _calendar_urls(parent_paths, request, absolute=absolute)
    urls = {}
    for row in rows:
        calendar_url = calendar_urls.get(row["event__path"][: -Page.steplen])
        slug = row["event__slug"]
        if absolute and not _PLAIN_SLUG.fullmatch(slug):
            slug = iri_to_uri(slug)
        urls[row["event_id"]] = f"{calendar_url}{slug}/" if calendar_url else None
    return urls


def _calendar_urls(paths: set[str], request, *, absolute: bool) -> dict[str, str | None]:
    """The URLs of the calendars at these tree paths, in one query, kept under the
    content version for the request's address and language prefix (a page of the API's
    window or a month view asks for the same few calendars every time)."""

    def build() -> dict[str, str | None]:
        urls = {
            calendar.path: language_prefix.localized_url(calendar.get_url(request=request))
            for calendar in Page.objects.filter(path__in=paths).only("path", "url_path")
        }
        if absolute:
            urls = {
                path: request.build_absolute_uri(url) if url else url for path, url in urls.items()
            }
        return urls

    if request is None:
        return build()
    digest = hashlib.sha256("|".join(sorted(paths)).encode()).hexdigest()[:32]
    key = (
        f"calendar-urls:{request.scheme}:{request.get_host()}:"
        f"{language_prefix.serving_language() or ''}:{int(absolute)}:{digest}"
    )
    return version_cache.get_or_build(request, key, build)


def calendar_entries(rows, *, request=None, with_districts: bool = True) -> list[CalendarEntry]:
    """Entries for rows of `occurrences_for_listing`, with districts and URLs in two queries.

    Without `with_districts`, the entries' events carry no district names and the
    districts' query is not made (a month grid's cell does not show them).
    """
    rows = list(rows)
    if not rows:
        return []
    district_names: dict[int, list[str]] = {}
    if with_districts:
        links = (
            EventPage.districts.through.objects.filter(
                eventpage_id__in={row["event_id"] for row in rows}
            )
            .order_by("district__name")
            .values_list("eventpage_id", "district__name")
        )
        for event_id, name in links:
            district_names.setdefault(event_id, []).append(name)
    urls = event_urls(rows, request)
    faces = {
        row["event_id"]: EventFace(
            pk=row["event_id"],
            title=row["event__title"],
            url=urls[row["event_id"]],
            venue_name=row["venue_name"],
            district_names=tuple(district_names.get(row["event_id"], ())),
        )
        for row in rows
    }
    return [
        CalendarEntry(
            start=row["start"],
            end=row["end"],
            all_day=row["all_day"],
            is_cancelled=row["is_cancelled"],
            cancellation_reason=row["cancellation_reason"],
            original_start=row["original_start"],
            is_online=row["is_online"],
            is_on_site=row["is_on_site"],
            is_free=row["is_free"],
            is_barrier_free=row["is_barrier_free"],
            event=faces[row["event_id"]],
        )
        for row in rows
    ]


def feed_texts(occurrences: QuerySet) -> QuerySet:
    """The stored VEVENT texts of the events behind the occurrences, for iCal export.

    One query: the occurrences (with every filter and the visibility rule) stay a
    subquery, so the database picks the events and nothing is filtered in Python.
    """
    return (
        EventFeedEntry.objects.filter(event__in=occurrences.values("event_id"))
        .order_by("event_id")
        .values_list("vevents", flat=True)
    )


def taking_place(occurrences: QuerySet) -> QuerySet:
    """Only the dates that take place: for counts such as "5 Termine heute".

    Lists show cancelled dates (marked); a figure of what happens must not count them.
    """
    return occurrences.filter(is_cancelled=False)


def upcoming_occurrences_of(event: EventPage, *, after: datetime, limit: int = 10) -> QuerySet:
    """The next dates of one event, for its page, cancelled ones included (marked)."""
    return EventOccurrence.objects.filter(event=event, end__gt=after).order_by("start")[:limit]


def articles_about(event: EventPage) -> QuerySet:
    """Visible articles linked to the event, newest first."""
    return visible_articles().filter(event_links__event=event).order_by("-date").distinct()


def articles_about_upcoming_events(
    *, within: Page, window_start: datetime, window_end: datetime, limit: int = 6
) -> QuerySet:
    """Visible articles linked to events that take place in the window.

    Asked per linked event (an EXISTS on its dates in the window, along the index on
    the event) rather than as "events of all the window's dates": an article links a
    few events, while the calendar's next weeks hold thousands of dates.
    """
    dates_in_window = public_occurrences(
        window_start=window_start, window_end=window_end, within=within
    ).filter(event_id=OuterRef("event_links__event_id"))
    images = get_image_model().objects.prefetch_renditions("fill-640x360")
    return (
        visible_articles()
        .filter(pk__in=visible_articles().filter(Exists(dates_in_window)).values("pk"))
        .prefetch_related(Prefetch("lead_image", queryset=images))
        .order_by("-date")[:limit]
    )


def upcoming_articles_change_at(
    *, within: Page, window_start: datetime, window_end: datetime
) -> datetime | None:
    """When `articles_about_upcoming_events` of a window that moves with the clock can
    next change with no change of content: when the first of the linked events' dates
    in the window ends, or when the first date after the window comes within the
    window's length. None when no linked event has a date from `window_start` on.

    One query over the dates of the events that visible articles link (few).
    """
    linked = visible_articles().filter(event_links__isnull=False).values("event_links__event_id")
    dates = public_occurrences(
        window_start=window_start, window_end=window_start + LINKED_DATES_SPAN, within=within
    ).filter(event_id__in=linked)
    bounds = dates.aggregate(
        first_end=Min("end", filter=Q(start__lt=window_end)),
        next_start=Min("start", filter=Q(start__gte=window_end)),
    )
    moments = [bounds["first_end"]]
    if bounds["next_start"] is not None:
        moments.append(bounds["next_start"] - (window_end - window_start))
    return min((moment for moment in moments if moment is not None), default=None)
