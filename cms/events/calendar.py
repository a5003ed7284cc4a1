"""Page contexts of the public calendar (EventIndexPage) and of event pages.

Not views: they scope the districts and providers to the calendar's portal, lay the
occurrences out as list, month or week, and describe an event for search engines. The
page models render with them (`get_context`); views.py keeps the iCal feed.
"""

import calendar as month_calendar
import hashlib
import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.html import strip_tags
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cms.core import response_cache, tenancy, version_cache
from cms.core.qr import qr_svg
from cms.places.models import District
from cms.providers.selectors import listed_providers

from .enums import AttendanceMode, CalendarView, EventStatus
from .forms import CalendarFilterForm, FilterChoices, filter_choices
from .month import DayCell, month_cells
from .recurrence import LOCAL_TZ
from .selectors import (
    CalendarEntry,
    articles_about,
    articles_about_upcoming_events,
    calendar_entries,
    occurrences_for_listing,
    public_occurrences,
    upcoming_articles_change_at,
    upcoming_occurrences_of,
)

OCCURRENCES_PER_PAGE = 20
LIST_DAYS = 92


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=LOCAL_TZ)


def _feed_urls(request, params: dict) -> dict[str, str]:
    path = reverse("events_ical")
    query = f"?{urlencode(params)}" if params else ""
    return {
        "ical_url": request.build_absolute_uri(path + query),
        "webcal_url": f"webcal://{request.get_host()}{path}{query}",
    }


def _dates_of_days(first: date, last: date, *, filters, calendar, request=None):
    """The calendar's visible occurrences on the local days first to last."""
    return public_occurrences(
        window_start=local_midnight(first),
        window_end=local_midnight(last + timedelta(days=1)),
        filters=filters,
        within=calendar,
        request=request,
    )


def _rows_of_days(first: date, last: date, *, filters, calendar, request=None):
    """The calendar's visible occurrences on the local days first to last, as entry rows."""
    return occurrences_for_listing(
        _dates_of_days(first, last, filters=filters, calendar=calendar, request=request)
    )


class _DatesPaginator(Paginator):
    """Pages of entry rows, counted without their columns.

    Counting the entry rows counts them with their joins to each date's event page
    (for the title and slug), which remove no date; counting the dates themselves
    reads half the rows ("Seite 1 von n" of a district's 92 days: 2,400 dates).
    """

    def __init__(self, rows, per_page: int, *, dates):
        super().__init__(rows, per_page)
        self.dates = dates

    @cached_property
    def count(self) -> int:
        return self.dates.count()


def _days(occurrences, first: date, last: date) -> list[dict]:
    """Group one query's occurrences by local day (an occurrence appears on each day)."""
    by_day = {first + timedelta(days=n): [] for n in range((last - first).days + 1)}
    for occurrence in occurrences:
        day = max(occurrence.start.astimezone(LOCAL_TZ).date(), first)
        final = min((occurrence.end - timedelta(seconds=1)).astimezone(LOCAL_TZ).date(), last)
        while day <= final:
            by_day[day].append(occurrence)
            day += timedelta(days=1)
    return [{"date": day, "occurrences": items} for day, items in by_day.items()]


@dataclass(frozen=True)
class GridDay:
    """A day cell of the month grid, with its finished markup.

    A month grid has 42 cells with up to four dates each; rendering them through the
    template's filters, tags and lookups (date formats, the query string, two
    `blocktranslate` per "n weitere" link, an include per date) was most of the grid's
    rendering time, so each cell is written here once, as the template wrote it
    (tests/events/test_month_grid_markup.py pins it cell by cell). The template puts
    `html` into the row; a date's cancelled or moved state still comes from the status
    include.
    """

    date: date
    entries: list[tuple[CalendarEntry, str]]  # each date with its start time, "" all day
    more: int
    html: str


@lru_cache(maxsize=1)
def _long_date_filter():
    """The theme's `long_date` filter (the date as the active language writes it), looked
    up in the template engine: the calendar writes the "n weitere" hint as the template did,
    and the theme is an app of the same layer that the calendar does not import."""
    return engines["django"].engine.template_libraries["local_dates"].filters["long_date"]


@lru_cache(maxsize=4096)
def _long_day(day: date, language: str | None) -> str:
    """`long_date` of a day in the active language (the argument keys the cache)."""
    return _long_date_filter()(day)


def _escaped(value) -> str:
    """What the template's autoescaping writes for a value (Django's `escape` is
    `html.escape` of its text; marked-safe text is kept), without a lazy wrapper per call."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


def _day_list_query(params) -> Callable[[str], str]:
    """The query string of a day's list: `params` with `start` and `end` set to the day,
    as `QueryDict` writes it (a parameter already given keeps its place)."""
    if "start" in params or "end" in params:

        def with_day(day: str) -> str:
            day_params = params.copy()
            day_params["start"] = day_params["end"] = day
            return day_params.urlencode()

        return with_day
    given = params.urlencode()
    prefix = f"{given}&" if given else ""
    return lambda day: f"{prefix}start={day}&end={day}"


class _MoreLinks:
    """The "n weitere" links of one grid: their texts translated once per grid (and per
    number), not twice per cell."""

    def __init__(self, day_query: Callable[[str], str]):
        self.day_query = day_query
        self.language = get_language()
        self.hint = gettext("Veranstaltungen am %(day)s")
        self.labels: dict[int, str] = {}

    def label(self, more: int) -> str:
        if more not in self.labels:
            self.labels[more] = _escaped(
                ngettext("%(counter)s weitere", "%(counter)s weitere", more) % {"counter": more}
            )
        return self.labels[more]

    def html(self, cell: DayCell) -> str:
        """The link of a cell to its day's list, with the day for screen readers."""
        day = cell.date
        query = self.day_query(f"{day.day:02d}.{day.month:02d}.{day.year}")
        hint = self.hint % {"day": _long_day(day, self.language)}
        return (
            f'<p class="calendar-month__more"><a href="?{_escaped(query)}">'
            f"{self.label(cell.more)}"
            f'<span class="visually-hidden"> {_escaped(hint)}</span></a></p>'
        )


def _entry_html(entry: CalendarEntry, start_time: str) -> str:
    """One date of a cell: its start time, its event's link and its state in words."""
    status = ""
    if entry.is_cancelled or entry.is_moved:
        # Rendered by the template engine, escaped there.
        status = render_to_string(
            "events/includes/occurrence_status.html", {"occurrence": entry, "tag": "span"}
        )
    css = ' class="occurrence--cancelled"' if entry.is_cancelled else ""
    time_label = f"{start_time} " if start_time else ""
    return (
        f'<li{css}>{time_label}<a href="{_escaped(entry.event.url)}">'
        f"{_escaped(entry.event.title)}</a> {status}</li>"
    )


def _grid_days(cells: list[DayCell], *, month: date, today: date, request) -> list[GridDay]:
    """The cells with their markup: labels, the dates' start times, their days' list links."""
    # What `{% querystring view=None seite=None date=None start=… end=… %}` gives.
    # The numeric formats ("Y-m-d", "d.m.Y", "H:i") written directly, the weekdays' names
    # as Django's date format takes them ("D", "l"), once per weekday.
    day_list_params = request.GET.copy()
    for key in ("view", "seite", "date"):
        day_list_params.pop(key, None)
    more_links = _MoreLinks(_day_list_query(day_list_params))
    abbreviations = [_escaped(WEEKDAYS_ABBR[weekday]) for weekday in range(7)]
    names = [_escaped(WEEKDAYS[weekday]) for weekday in range(7)]
    days = []
    for cell in cells:
        day = cell.date
        classes = "calendar-month__other" if day.month != month.month else ""
        if day == today:
            classes += " calendar-month__today"
        entries = []
        for entry in cell.occurrences:
            start = timezone.localtime(entry.start)
            entries.append((entry, "" if entry.all_day else f"{start.hour:02d}:{start.minute:02d}"))
        parts = [
            f'<td class="{classes}"><p class="calendar-month__day"><time datetime="'
            f'{day.isoformat()}"><span class="calendar-month__weekday"><abbr aria-hidden="true">'
            f'{abbreviations[day.weekday()]}</abbr><span class="visually-hidden">'
            f"{names[day.weekday()]}</span> </span>{day.day}.</time></p>"
        ]
        if entries:
            parts += ["<ul>", *(_entry_html(*item) for item in entries), "</ul>"]
        if cell.more:
            parts.append(more_links.html(cell))
        parts.append("</td>")
        days.append(
            GridDay(
                date=day,
                entries=entries,
                more=cell.more,
                html=mark_safe("".join(parts)),  # noqa: S308 - every value escaped above
            )
        )
    return days


def shortcuts(today: date, *, start: date | None, end: date | None) -> list[dict]:
    """The quick choices above the filters: today, the rest of this week, the weekend.

    Each is a list-view range (`start`/`end`); the one matching the chosen range is
    marked current. On a Sunday "Am Wochenende" is that Sunday alone.
    """
    sunday = today + timedelta(days=6 - today.weekday())
    saturday = max(sunday - timedelta(days=1), today)
    choices = [
        (_("Heute"), today, today),
        (_("Diese Woche"), today, sunday),
        (_("Am Wochenende"), saturday, sunday),
    ]
    return [
        {
            "label": label,
            "start": first,
            "end": last,
            "current": (start or today) == first and end == last,
        }
        for label, first, last in choices
    ]


@lru_cache(maxsize=1024)
def _subscribe_qr(url: str, label: str) -> str:
    """The QR code of a feed address; drawing one costs milliseconds on every calendar
    page, and the same few addresses (a filter's feed) come back all the time."""
    return qr_svg(url, label=label)


def calendar_filter_choices(calendar) -> FilterChoices:
    """The districts and providers of the calendar's portal, and every category."""
    portal = tenancy.portal_for_page(calendar)
    districts = (
        District.objects.filter(municipality_id=portal.municipality_id)
        if portal
        else District.objects.all()
    )
    providers = listed_providers().filter(path__startswith=portal.path) if portal else None
    return filter_choices(districts=districts, providers=providers)


def filter_form_html(request, form: CalendarFilterForm, *, calendar, view: str) -> str:
    """The filter form's markup, kept under the content version.

    It depends only on the calendar's choices (its portal, the language), the values
    chosen (the form's own parameters, valid or not) and the view; rendering its ten
    widgets with their many choices (districts, categories, organisers) cost a tenth of
    a month view. It holds neither a CSRF token (a GET form) nor a CSP nonce, so its
    markup may be kept like data (see `cms.core.version_cache`).
    """
    chosen = sorted(
        (name, request.GET.getlist(name)) for name in request.GET if name in form.fields
    )
    digest = hashlib.sha256(
        json.dumps([form.is_bound, view, chosen], ensure_ascii=False).encode()
    ).hexdigest()[:32]

    def render() -> str:
        return render_to_string(
            "events/includes/calendar_filters.html",
            {"filter_form": form, "calendar_view": view},
        ).strip()

    markup = version_cache.get_or_build(
        request, f"calendar-filter-form:{calendar.pk}:{get_language()}:{digest}", render
    )
    return mark_safe(markup)  # noqa: S308 - rendered by the template engine, escaped there


def calendar_context(request, *, calendar) -> dict:
    """Filter the portal's calendar and lay it out as list, month or week."""
    # The same for every visitor until the next change: kept under the content version.
    choices = version_cache.get_or_build(
        request,
        f"calendar-filter-choices:{calendar.pk}:{get_language()}",
        lambda: calendar_filter_choices(calendar),
    )
    form = CalendarFilterForm(request.GET or None, choices=choices)
    filters = form.filters()
    data = form.cleaned_data if form.is_valid() else {}
    view = data.get("view") or CalendarView.LIST
    today = timezone.localdate()
    anchor = data.get("date") or today
    context = {
        "filter_form": form,
        "filter_form_html": filter_form_html(request, form, calendar=calendar, view=view),
        "calendar_view": view,
        "views": CalendarView,
        "filters_active": form.has_active_filters(),
        "shortcuts": shortcuts(today, start=data.get("start"), end=data.get("end")),
        **_feed_urls(request, form.feed_params()),
    }
    context["subscribe_qr"] = _subscribe_qr(
        context["ical_url"], str(_("QR-Code mit der Adresse dieser Termine"))
    )

    if view == CalendarView.MONTH:
        first = anchor.replace(day=1)
        last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
        grid_first = first - timedelta(days=first.weekday())
        grid_last = last + timedelta(days=6 - last.weekday())
        occurrences = public_occurrences(
            window_start=local_midnight(grid_first),
            window_end=local_midnight(grid_last + timedelta(days=1)),
            filters=filters,
            within=calendar,
            request=request,
        )
        days = _grid_days(
            month_cells(occurrences, grid_first, grid_last, request=request),
            month=first,
            today=today,
            request=request,
        )
        context.update(
            weeks=[days[i : i + 7] for i in range(0, len(days), 7)],
            month=first,
            previous_date=(first - timedelta(days=1)).replace(day=1),
            next_date=last + timedelta(days=1),
        )
    elif view == CalendarView.WEEK:
        first = anchor - timedelta(days=anchor.weekday())
        last = first + timedelta(days=6)
        rows = _rows_of_days(first, last, filters=filters, calendar=calendar, request=request)
        context.update(
            days=_days(calendar_entries(rows, request=request), first, last),
            week_start=first,
            week_end=last,
            previous_date=first - timedelta(days=7),
            next_date=first + timedelta(days=7),
        )
    else:
        start = data.get("start") or today
        end = data.get("end") or start + timedelta(days=LIST_DAYS)
        dates = _dates_of_days(start, end, filters=filters, calendar=calendar, request=request)
        page_of_occurrences = _DatesPaginator(
            occurrences_for_listing(dates), OCCURRENCES_PER_PAGE, dates=dates
        ).get_page(request.GET.get("seite"))
        page_of_occurrences.object_list = calendar_entries(
            page_of_occurrences.object_list, request=request
        )
        by_day: dict[date, list] = {}
        for occurrence in page_of_occurrences:
            by_day.setdefault(occurrence.start.astimezone(LOCAL_TZ).date(), []).append(occurrence)
        context["occurrences"] = page_of_occurrences
        context["occurrence_days"] = list(by_day.items())
    context["upcoming_articles"] = upcoming_articles(request, calendar)
    context["today"] = today
    return context


UPCOMING_ARTICLES_DAYS = 60


def upcoming_articles(request, calendar) -> list:
    """The articles about events of the next 60 days, below the calendar.

    The same for every visitor, and built from a second reading of the calendar's
    visibility rule: so kept under the content version until the moment the moving
    window alone would change them (a linked date ends, or the next comes within 60
    days; `upcoming_articles_change_at`).
    """

    def build():
        now = timezone.now()
        window = {
            "within": calendar,
            "window_start": now,
            "window_end": now + timedelta(days=UPCOMING_ARTICLES_DAYS),
        }
        return list(articles_about_upcoming_events(**window)), upcoming_articles_change_at(**window)

    key = f"events:upcoming-articles:{calendar.pk}"
    return version_cache.get_or_build_until(request, key, build)


ATTENDANCE_SCHEMA = {
    AttendanceMode.ON_SITE: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
STATUS_SCHEMA = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def event_json_ld(request, event, *, next_occurrence=None, organiser=None) -> str:
    """schema.org Event for search engines, safe to put inside a <script> element."""
    start = next_occurrence.start if next_occurrence else event.start
    end = next_occurrence.end if next_occurrence else event.end
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": strip_tags(event.description)[:500],
        "startDate": start.astimezone(LOCAL_TZ).isoformat(),
        "endDate": end.astimezone(LOCAL_TZ).isoformat(),
        "eventStatus": STATUS_SCHEMA[event.status],
        "eventAttendanceMode": ATTENDANCE_SCHEMA[event.attendance_mode],
        "isAccessibleForFree": event.is_free,
        "url": event.get_full_url(request=request),
    }
    locations = []
    if event.is_on_site:
        locations.append(
            {
                "@type": "Place",
                "name": event.venue_name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.street,
                    "postalCode": event.postcode,
                    "addressLocality": event.city,
                    "addressCountry": "DE",
                },
            }
        )
    if event.is_online and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if organiser is not None:
        data["organizer"] = {"@type": "Organization", "name": organiser.title}
    if not event.is_free and event.price:
        data["offers"] = {"@type": "Offer", "description": event.price}
    return mark_safe(  # noqa: S308 - escaped for a script element above
        json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    )


def listed_organiser_of(event):
    """The event's organiser if listed (a valid consent), else None.

    `EventPage.route` has read it already when the page is served to a visitor.
    """
    if event.organiser_id is None:
        return None
    if hasattr(event, "listed_organiser"):
        return event.listed_organiser
    return listed_providers().filter(pk=event.organiser_id).first()


def event_context(request, *, event) -> dict:
    now = timezone.now()
    upcoming = list(upcoming_occurrences_of(event, after=now))
    # The page lists dates until they end: the first to end changes it by itself.
    response_cache.changes_at(request, min((o.end for o in upcoming), default=None))
    organiser = listed_organiser_of(event)
    organiser_listed = organiser is not None
    return {
        "upcoming_occurrences": upcoming,
        "articles": articles_about(event),
        "organiser": organiser,
        "organiser_listed": organiser_listed,
        "json_ld": event_json_ld(
            request,
            event,
            next_occurrence=upcoming[0] if upcoming else None,
            organiser=organiser,
        ),
        **_feed_urls(request, {"event": event.pk}),
    }
