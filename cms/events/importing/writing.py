"""Import of external iCal feeds, idempotent by UID, all or nothing per run.

Feeds are hostile input. The guards, in the order they apply:
- only http(s) URLs; the host's addresses are resolved once and refused when they are
  loopback, private, link-local or otherwise internal (unless
  QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES is on), and the connection goes to exactly the
  address that was checked, so a second DNS answer cannot point it elsewhere;
- a time limit for the whole download and a size limit (QUARTIER_ICAL_FETCH_TIMEOUT,
  QUARTIER_ICAL_MAX_BYTES); redirects are followed a few times, each one checked again;
- only bytes reach icalendar (a str without a newline would be read as a file path);
- limits on the number of events and changed dates, and recurrence rules validated
  like an editor's (no sub-daily frequencies) before anything is expanded;
- everything is parsed and checked before the database is touched, and the writes of
  one run happen in one transaction: a bad feed changes nothing.
"""

import hashlib
import http.client
import ipaddress
import json
import socket
import ssl
import time as clock
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from icalendar import Calendar

from cms.core import tenancy
from cms.core.text import german_slugify

from .enums import ImportResult
from .models import EventIndexPage, EventOccurrenceChange, EventPage, ExternalCalendarFeed
from .recurrence import LOCAL_TZ, RecurrenceError, all_day_bounds, validate_rule

MAX_EVENTS_PER_FEED = 5000
MAX_CHANGES_PER_EVENT = 500
MAX_REDIRECTS = 3
USER_AGENT = "Quartier-Kalenderimport/1.0"


class FeedError(Exception):
    """A feed that cannot be imported; the message tells an editor why."""


@dataclass(frozen=True)
class ParsedChange:
    original_start: datetime
    cancelled: bool
    new_start: datetime | None = None
    new_end: datetime | None = None


@dataclass
class ParsedEvent:
    """One event of a feed, checked and converted, ready to be written."""

    uid: str
    title: str
    description: str
    start: datetime
    end: datetime
    all_day: bool
    rule: str
    cancelled: bool
    location: str
    changes: list[ParsedChange] = field(default_factory=list)

    def fingerprint(self) -> str:
        return hashlib.sha256(
            json.dumps(asdict(self), default=str, sort_keys=True).encode()
        ).hexdigest()


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    removed: int

    def __str__(self) -> str:
        return _(
            "%(created)d neu, %(updated)d geändert, %(unchanged)d unverändert, %(removed)d entfernt"
        ) % asdict(self)


# Fetching -----------------------------------------------------------------------------


def _is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever DNS says the second time."""

    def __init__(self, *args, address: str, **kwargs):
        super().__init__(*args, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, address: str, **kwargs):
        super().__init__(*args, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _checked_address(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FeedError(_("Der Server „%s“ ist nicht bekannt.") % host) from error
    addresses = [info[4][0] for info in infos]
    if not settings.QUARTIER_ICAL_ALLOW_PRIVATE_ADDRESSES and not all(
        _is_public_address(address) for address in addresses
    ):
        raise FeedError(
            _(
                "Die Adresse „%s“ zeigt auf ein internes Netz; "
                "solche Kalender werden nicht abgerufen."
            )
            % host
        )
    return addresses[0]


def fetch_feed(url: str) -> bytes:
    """Download a feed within the size and time limits, refusing internal addresses."""
    max_bytes = settings.QUARTIER_ICAL_MAX_BYTES
    timeout = settings.QUARTIER_ICAL_FETCH_TIMEOUT
    deadline = clock.monotonic() + timeout
    for _redirect in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FeedError(_("Nur http- und https-Adressen können abgerufen werden: %s") % url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FeedError(_("Die Adresse ist ungültig: %s") % url) from error
        address = _checked_address(parts.hostname, port)
        connection_class = (
            _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        )
        connection = connection_class(parts.hostname, port, timeout=timeout, address=address)
        target = parts.path or "/"
        if parts.query:
            target += f"?{parts.query}"
        try:
            connection.request(
                "GET", target, headers={"User-Agent": USER_AGENT, "Accept": "text/calendar"}
            )
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise FeedError(
                    _("Der Server antwortete mit Status %(status)d für %(url)s")
                    % {"status": response.status, "url": url}
                )
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(_("Der Kalender ist größer als %d Bytes.") % max_bytes)
            data = bytearray()
            while chunk := response.read(64 * 1024):
                data += chunk
                if len(data) > max_bytes:
                    raise FeedError(_("Der Kalender ist größer als %d Bytes.") % max_bytes)
                if clock.monotonic() > deadline:
                    raise FeedError(_("Der Abruf dauerte länger als %d Sekunden.") % timeout)
            return bytes(data)
        except TimeoutError as error:
            raise FeedError(_("Der Abruf dauerte länger als %d Sekunden.") % timeout) from error
        except (OSError, http.client.HTTPException) as error:
            raise FeedError(_("Der Kalender konnte nicht abgerufen werden: %s") % error) from error
        finally:
            connection.close()
    raise FeedError(_("Zu viele Weiterleitungen beim Abruf von %s") % url)


def read_source(source: str) -> bytes:
    """The bytes of a feed named by URL or (for the management command) by file path."""
    if urlsplit(source).scheme in ("http", "https"):
        return fetch_feed(source)
    path = Path(source)
    if not path.is_file():
        raise FeedError(_("Die Datei „%s“ gibt es nicht.") % source)
    if path.stat().st_size > settings.QUARTIER_ICAL_MAX_BYTES:
        raise FeedError(
            _("Der Kalender ist größer als %d Bytes.") % settings.QUARTIER_ICAL_MAX_BYTES
        )
    return path.read_bytes()


# Parsing ------------------------------------------------------------------------------


def _aware(value, *, uid: str) -> datetime:
    """A DTSTART-like value as an aware datetime; floating times are Berlin time."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=LOCAL_TZ) if value.tzinfo is None else value
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time(), tzinfo=LOCAL_TZ)
    raise FeedError(_("Termin %s hat ein ungültiges Datum.") % uid)


def _property_dates(component, name: str) -> list:
    value = component.get(name)
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [entry.dt for item in values for entry in item.dts]


def _rule_text(component, uid: str) -> str:
    rule = component.get("rrule")
    if rule is None:
        return ""
    if isinstance(rule, list):
        raise FeedError(_("Termin %s hat mehr als eine Wiederholungsregel.") % uid)
    try:
        return validate_rule(rule.to_ical().decode())
    except RecurrenceError as error:
        raise FeedError(_("Termin %(uid)s: %(error)s") % {"uid": uid, "error": error}) from error


def _times(component, uid: str) -> tuple[datetime, datetime, bool]:
    if component.get("dtstart") is None:
        raise FeedError(_("Termin %s hat keinen Beginn (DTSTART).") % uid)
    start_value = component.get("dtstart").dt
    end_property = component.get("dtend")
    duration = component.get("duration")
    all_day = not isinstance(start_value, datetime)
    if all_day:
        if end_property is not None:
            last_day = end_property.dt - timedelta(days=1)
        elif duration is not None:
            last_day = start_value + duration.dt - timedelta(days=1)
        else:
            last_day = start_value
        if isinstance(last_day, datetime):
            last_day = last_day.date()
        start, end = all_day_bounds(start_value, max(last_day, start_value))
        return start, end, True
    start = _aware(start_value, uid=uid)
    if end_property is not None:
        end = _aware(end_property.dt, uid=uid)
    elif duration is not None:
        end = start + duration.dt
    else:
        end = start + timedelta(hours=1)
    if end < start:
        raise FeedError(_("Termin %s endet vor seinem Beginn.") % uid)
    return start, end, False


def _text(component, name: str, limit: int) -> str:
    value = component.get(name)
    return str(value).strip()[:limit] if value is not None else ""


def parse_feed(data: bytes) -> list[ParsedEvent]:
    """Parse and check a whole feed; raise FeedError on the first problem."""
    if not isinstance(data, bytes):
        raise TypeError("parse_feed takes bytes: icalendar reads a str without newline as a path")
    if len(data) > settings.QUARTIER_ICAL_MAX_BYTES:
        raise FeedError(
            _("Der Kalender ist größer als %d Bytes.") % settings.QUARTIER_ICAL_MAX_BYTES
        )
    if not data.lstrip().upper().startswith(b"BEGIN:VCALENDAR"):
        raise FeedError(_("Die Daten sind kein iCal-Kalender (BEGIN:VCALENDAR fehlt)."))
    try:
        calendar = Calendar.from_ical(data)
    except Exception as error:  # icalendar raises ValueError, KeyError, TypeError, ...
        raise FeedError(_("Der Kalender ist nicht lesbar: %s") % error) from error
    components = list(calendar.walk("VEVENT"))
    if len(components) > MAX_EVENTS_PER_FEED:
        raise FeedError(_("Der Kalender hat mehr als %d Termine.") % MAX_EVENTS_PER_FEED)

    masters: dict[str, ParsedEvent] = {}
    overrides = []
    try:
        for component in components:
            uid = _text(component, "uid", 255)
            if not uid:
                raise FeedError(_("Ein Termin hat keine UID."))
            if component.get("recurrence-id") is not None:
                overrides.append((uid, component))
                continue
            if uid in masters:
                raise FeedError(_("Die UID %s kommt mehrfach vor.") % uid)
            start, end, all_day = _times(component, uid)
            rule = _rule_text(component, uid)
            exdates = _property_dates(component, "exdate") if rule else []
            if len(exdates) > MAX_CHANGES_PER_EVENT:
                raise FeedError(_("Termin %s hat zu viele Ausnahmen.") % uid)
            masters[uid] = ParsedEvent(
                uid=uid,
                title=_text(component, "summary", 255) or _("Ohne Titel"),
                description=_text(component, "description", 5000),
                start=start,
                end=end,
                all_day=all_day,
                rule=rule,
                cancelled=_text(component, "status", 20).upper() == "CANCELLED",
                location=_text(component, "location", 160),
                changes=[
                    ParsedChange(original_start=_aware(value, uid=uid), cancelled=True)
                    for value in exdates
                ],
            )
        for uid, component in overrides:
            master = masters.get(uid)
            if master is None or not master.rule:
                continue  # a changed date of a series the feed does not contain
            if len(master.changes) >= MAX_CHANGES_PER_EVENT:
                raise FeedError(_("Termin %s hat zu viele Ausnahmen.") % uid)
            original = _aware(component.get("recurrence-id").dt, uid=uid)
            if _text(component, "status", 20).upper() == "CANCELLED":
                master.changes.append(ParsedChange(original_start=original, cancelled=True))
                continue
            new_start, new_end, _all_day = _times(component, uid)
            master.changes.append(
                ParsedChange(
                    original_start=original, cancelled=False, new_start=new_start, new_end=new_end
                )
            )
    except (AttributeError, TypeError, ValueError) as error:
        raise FeedError(_("Der Kalender enthält ungültige Angaben: %s") % error) from error
    return list(masters.values())


# Writing ------------------------------------------------------------------------------


def _calendar_page_for(feed: ExternalCalendarFeed) -> EventIndexPage:
    portal = tenancy.portal_pages().filter(municipality_id=feed.district.municipality_id).first()
    calendar = EventIndexPage.objects.child_of(portal).first() if portal else None
    if calendar is None:
        raise FeedError(
            _("%s hat keinen Veranstaltungskalender, in den importiert werden kann.")
            % feed.district.municipality.name
        )
    return calendar


def _apply(page: EventPage, item: ParsedEvent, feed: ExternalCalendarFeed) -> None:
    from .enums import AttendanceMode, EventStatus

    page.title = item.title
    page.draft_title = item.title
    page.description = linebreaks(escape(item.description)) if item.description else ""
    page.start, page.end, page.all_day = item.start, item.end, item.all_day
    page.recurrence_rule = item.rule
    page.status = EventStatus.CANCELLED if item.cancelled else EventStatus.SCHEDULED
    page.attendance_mode = AttendanceMode.ON_SITE
    page.venue_name = item.location or _("Ort siehe Beschreibung")
    page.organiser_id = feed.organiser_id
    page.source_fingerprint = item.fingerprint()
    page.changes = [
        EventOccurrenceChange(
            original_start=change.original_start,
            cancelled=change.cancelled,
            new_start=change.new_start,
            new_end=change.new_end,
        )
        for change in item.changes
    ]
    page.districts = [feed.district]
    page.categories = list(feed.default_categories.all())


def _slug_for(item: ParsedEvent, feed: ExternalCalendarFeed) -> str:
    digest = hashlib.sha256(item.uid.encode()).hexdigest()[:10]
    base = german_slugify(item.title)[:60].strip("-") or "termin"
    return f"{base}-{feed.pk}-{digest}"


def _save(page: EventPage, feed: ExternalCalendarFeed) -> None:
    revision = page.save_revision(log_action=True)
    if feed.trusted:
        revision.publish()
        return
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, None)


@transaction.atomic
def feed_import(*, feed: ExternalCalendarFeed, events: list[ParsedEvent]) -> ImportSummary:
    """Write a parsed feed: create new UIDs, update changed ones, remove those gone."""
    calendar = _calendar_page_for(feed)
    existing = {page.uid: page for page in EventPage.objects.filter(source_feed=feed)}
    created = updated = unchanged = 0
    for item in events:
        page = existing.pop(item.uid, None)
        if page is not None and page.source_fingerprint == item.fingerprint():
            unchanged += 1
            continue
        if page is None:
            page = EventPage(uid=item.uid, source_feed=feed, slug=_slug_for(item, feed), live=False)
            _apply(page, item, feed)
            calendar.add_child(instance=page)
            created += 1
        else:
            _apply(page, item, feed)
            updated += 1
        _save(page, feed)
    for page in existing.values():
        page.delete()
    return ImportSummary(
        created=created, updated=updated, unchanged=unchanged, removed=len(existing)
    )


def feed_import_bytes(*, feed: ExternalCalendarFeed, data: bytes) -> ImportSummary:
    """Parse, then write; a FeedError or a page that fails validation changes nothing."""
    from django.core.exceptions import ValidationError

    events = parse_feed(data)
    try:
        return feed_import(feed=feed, events=events)
    except ValidationError as error:
        raise FeedError(_("Ein Termin ist ungültig: %s") % "; ".join(error.messages)) from error


def feed_run(feed: ExternalCalendarFeed) -> ImportSummary | None:
    """Fetch and import one registered feed, recording the outcome on the feed."""
    try:
        summary = feed_import_bytes(feed=feed, data=fetch_feed(feed.url))
    except FeedError as error:
        ExternalCalendarFeed.objects.filter(pk=feed.pk).update(
            last_run_at=timezone.now(), last_result=ImportResult.FAILED, last_message=str(error)
        )
        return None
    ExternalCalendarFeed.objects.filter(pk=feed.pk).update(
        last_run_at=timezone.now(), last_result=ImportResult.SUCCESS, last_message=str(summary)
    )
    return summary


def feeds_import_all() -> dict[str, str]:
    """Run every active feed; one feed's failure does not stop the others."""
    outcome = {}
    for feed in ExternalCalendarFeed.objects.filter(is_active=True).select_related("district"):
        summary = feed_run(feed)
        outcome[feed.name] = str(summary) if summary else "failed"
    return outcome
