"""iCal (RFC 5545) export of events.

One VEVENT per event with its RRULE and EXDATEs, and one more VEVENT with a
RECURRENCE-ID per moved date.

A cancelled date of a series is an EXDATE and nothing else. RFC 5545 also allows an
override with that RECURRENCE-ID and STATUS:CANCELLED, but Google Calendar and Apple
Calendar treat such an override like an EXDATE (the date disappears, its text is never
shown), and an override of a date the master excludes is contradictory; so the master
stays the one place for the series, and its DESCRIPTION names the cancelled dates with
their reasons ("Fällt aus am …"), which is what a subscriber can read.

UIDs are stable (the event's `uid`), SEQUENCE rises when the schedule changes (see
services.schedule_fingerprint) and DTSTAMP is the time of the last published change.

Each event's VEVENTs are rendered once, when it is published (`event_vevents`, stored in
`EventFeedEntry`); a feed is the stored texts of the selected events between the
calendar's header and footer, so its cost and number of queries hardly depend on the
number of events.
"""

import html
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone, vRecur

from .enums import EventStatus
from .models import EventPage
from .recurrence import LOCAL_TZ, rule_for_export

PRODUCT_ID = "-//Quartier//Veranstaltungskalender//DE"
REFRESH_INTERVAL = timedelta(hours=6)
MEDIA_TYPE = "text/calendar; charset=utf-8"


@cache
def _berlin_vtimezone() -> bytes:
    return Timezone.from_tzid(
        "Europe/Berlin", first_date=date(2000, 1, 1), last_date=date(2045, 1, 1)
    ).to_ical()


def _plain_text(rich_text: str) -> str:
    text = rich_text.replace("</p>", "</p>\n").replace("<br/>", "\n").replace("<br>", "\n")
    return html.unescape(strip_tags(text)).strip()


def _location(event: EventPage) -> str:
    place = ", ".join(
        part
        for part in (event.venue_name, event.street, f"{event.postcode} {event.city}".strip())
        if part
    )
    return place if event.is_on_site else event.online_url or place


def _cancelled_dates(event: EventPage) -> str:
    lines = []
    for change in sorted(event.changes.all(), key=lambda change: change.original_start):
        if not change.cancelled:
            continue
        local = change.original_start.astimezone(LOCAL_TZ)
        when = f"{local:%d.%m.%Y}" if event.all_day else f"{local:%d.%m.%Y, %H:%M} Uhr"
        reason = change.cancellation_reason.strip()
        lines.append(f"Fällt aus am {when}" + (f": {reason}" if reason else ""))
    return "\n".join(lines)


def _description(event: EventPage) -> str:
    lines = [_plain_text(event.description)]
    if event.recurrence_rule:
        lines.append(_cancelled_dates(event))
    if event.is_online and event.online_url:
        lines.append(f"Online: {event.online_url}")
    if event.is_online and event.dial_in:
        lines.append(f"Telefonische Einwahl: {event.dial_in}")
    if not event.is_free and event.price:
        lines.append(f"Preis: {event.price}")
    if event.registration_required:
        lines.append(f"Anmeldung erforderlich: {event.registration_info}".strip())
    if event.organiser_id:
        lines.append(f"Veranstalter: {event.organiser.title}")
    return "\n\n".join(line for line in lines if line)


def _moment(value, *, all_day: bool):
    local = value.astimezone(LOCAL_TZ)
    return local.date() if all_day else local


def _stamp(event: EventPage):
    return event.last_published_at or event.latest_revision_created_at or timezone.now()


def _base_component(event: EventPage, *, url: str) -> Event:
    component = Event()
    component.add("uid", event.uid)
    component.add("sequence", event.sequence)
    component.add("dtstamp", _stamp(event))
    component.add("last-modified", _stamp(event))
    component.add("summary", event.title)
    component.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    if event.status == EventStatus.POSTPONED:
        component["status"] = "TENTATIVE"
    description = _description(event)
    if description:
        component.add("description", description)
    location = _location(event)
    if location:
        component.add("location", location)
    if url:
        component.add("url", url)
    return component


def event_components(event: EventPage, *, url: str = "") -> list[Event]:
    """The VEVENTs of one event: the master and one per moved date."""
    master = _base_component(event, url=url)
    master.add("dtstart", _moment(event.start, all_day=event.all_day))
    master.add("dtend", _moment(event.end, all_day=event.all_day))
    categories = [category.name for category in event.categories.all()]
    if categories:
        master.add("categories", categories)
    components = [master]
    if not event.recurrence_rule:
        return components
    master.add(
        "rrule", vRecur.from_ical(rule_for_export(event.recurrence_rule, all_day=event.all_day))
    )
    changes = list(event.changes.all())
    cancelled = [
        _moment(change.original_start, all_day=event.all_day)
        for change in changes
        if change.cancelled
    ]
    if cancelled:
        master.add("exdate", cancelled)
    for change in changes:
        if change.cancelled or change.new_start is None:
            continue
        moved = _base_component(event, url=url)
        moved.add("recurrence-id", _moment(change.original_start, all_day=event.all_day))
        moved.add("dtstart", _moment(change.new_start, all_day=event.all_day))
        new_end = change.new_end or change.new_start + (event.end - event.start)
        moved.add("dtend", _moment(new_end, all_day=event.all_day))
        components.append(moved)
    return components


def event_vevents(event: EventPage, *, url: str = "") -> str:
    """The event's VEVENTs as RFC 5545 text (folded, CRLF), ready to be concatenated.

    Expects the event with its `changes`, `categories` and `organiser` at hand.
    """
    return "".join(component.to_ical().decode() for component in event_components(event, url=url))


CALENDAR_END = b"END:VCALENDAR\r\n"


def calendar_feed(vevents: Iterable[str], *, name: str) -> bytes:
    """The whole VCALENDAR around the given stored VEVENT texts, as bytes."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    calendar.add_component(Timezone.from_ical(_berlin_vtimezone()))
    # icalendar renders the calendar with its VTIMEZONE and the closing line; the
    # stored VEVENTs go in before that line.
    head = calendar.to_ical().removesuffix(CALENDAR_END)
    return b"".join((head, "".join(vevents).encode(), CALENDAR_END))
