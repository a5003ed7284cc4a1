"""Writing a parsed feed into the calendar: idempotent by UID, all or nothing per run.

The writes of one run happen in one transaction: a bad feed changes nothing. A feed's
UIDs are stored (and exported in /ical/events.ics) in the feed's own namespace, see
`feed_event_uid`, so that no feed can reuse the UID of a Quartier event or of another
feed's event. `feed_run` records every outcome on the feed, whatever went wrong.
"""

import hashlib
import logging
from dataclasses import asdict, dataclass

from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from cms.core import content_version, tenancy
from cms.core.text import german_slugify

from ..deferred_indexing import indexes_deferred
from ..enums import ImportResult
from ..models import EventIndexPage, EventOccurrenceChange, EventPage, ExternalCalendarFeed
from .errors import FeedError
from .fetching import fetch_feed
from .limits import occurrence_caps_check
from .new_pages import new_events_write
from .parsing import ParsedEvent, parse_feed

logger = logging.getLogger(__name__)
FEED_UID_DOMAIN = "import.quartier"


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


def _calendar_page_for(feed: ExternalCalendarFeed) -> EventIndexPage:
    portal = tenancy.portal_pages().filter(municipality_id=feed.district.municipality_id).first()
    calendar = EventIndexPage.objects.child_of(portal).first() if portal else None
    if calendar is None:
        raise FeedError(
            _("%s hat keinen Veranstaltungskalender, in den importiert werden kann.")
            % feed.district.municipality.name
        )
    return calendar


def _apply(
    page: EventPage,
    item: ParsedEvent,
    feed: ExternalCalendarFeed,
    *,
    categories: list | None = None,
    fingerprint: str | None = None,
) -> None:
    """Copy a parsed event onto its page; `categories` and `fingerprint` when known already."""
    from ..enums import AttendanceMode, EventStatus

    page.title = item.title
    page.draft_title = item.title
    page.description = linebreaks(escape(item.description)) if item.description else ""
    page.start, page.end, page.all_day = item.start, item.end, item.all_day
    page.recurrence_rule = item.rule
    page.status = EventStatus.CANCELLED if item.cancelled else EventStatus.SCHEDULED
    page.attendance_mode = AttendanceMode.ON_SITE
    page.venue_name = item.location or _("Ort siehe Beschreibung")
    page.organiser_id = feed.organiser_id
    page.source_fingerprint = fingerprint or item.fingerprint()
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
    page.categories = categories if categories is not None else list(feed.default_categories.all())


def _slug_for(item: ParsedEvent, feed: ExternalCalendarFeed) -> str:
    digest = hashlib.sha256(item.uid.encode()).hexdigest()[:10]
    base = german_slugify(item.title)[:60].strip("-") or "termin"
    return f"{base}-{feed.pk}-{digest}"


def feed_event_uid(feed: ExternalCalendarFeed, uid: str) -> str:
    """The UID under which a feed's event is stored and exported.

    A hash of the feed's UID inside the feed's own domain: it cannot equal a Quartier
    event's UID (`<uuid4>@quartier`) nor another feed's, and it fits the column whatever
    length the feed's UID had. The same feed UID always gives the same value, so
    re-imports update in place and subscribers keep their copy.
    """
    digest = hashlib.sha256(uid.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{digest}@feed-{feed.pk}.{FEED_UID_DOMAIN}"


def _namespace_older_imports(feed: ExternalCalendarFeed) -> None:
    """Give pages of imports from before UIDs were namespaced their namespaced UID.

    They carried the feed's UID itself. They are renamed here, in the import's
    transaction, and marked changed (no fingerprint), so the run saves them again and
    their exported VEVENT gets the new UID.
    """
    older = EventPage.objects.filter(source_feed=feed).exclude(
        uid__endswith=f"@feed-{feed.pk}.{FEED_UID_DOMAIN}"
    )
    for page_id, uid in older.values_list("pk", "uid"):
        EventPage.objects.filter(pk=page_id).update(
            uid=feed_event_uid(feed, uid), source_fingerprint=""
        )


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
    """Write a parsed feed: create new UIDs, update changed ones, remove those gone.

    Which events changed is decided from one query for the whole feed (UID, page and
    stored fingerprint), so unchanged events never load their pages. New pages are
    written in bulk with the rows Wagtail would write for each (see new_pages); changed
    pages get their revisions, publication or workflow one by one as an editor's would;
    the indexes that follow each save (search, references, occurrences, stored iCal
    text) are written once for all of them at the end (see deferred_indexing).
    """
    calendar = _calendar_page_for(feed)
    _namespace_older_imports(feed)
    stored = {
        uid: (page_id, fingerprint)
        for uid, page_id, fingerprint in EventPage.objects.filter(source_feed=feed).values_list(
            "uid", "pk", "source_fingerprint"
        )
    }
    new, changed = [], []
    unchanged = 0
    for item in events:
        uid = feed_event_uid(feed, item.uid)
        fingerprint = item.fingerprint()
        known = stored.pop(uid, None)
        if known is None:
            new.append((uid, item, fingerprint))
        elif known[1] == fingerprint:
            unchanged += 1
        else:
            changed.append((known[0], item, fingerprint))
    if new or changed:
        categories = list(feed.default_categories.all())
        pages = EventPage.objects.in_bulk([page_id for page_id, _item, _fp in changed])
        with indexes_deferred():
            new_pages = []
            for uid, item, fingerprint in new:
                page = EventPage(uid=uid, source_feed=feed, slug=_slug_for(item, feed), live=False)
                _apply(page, item, feed, categories=categories, fingerprint=fingerprint)
                new_pages.append(page)
            new_events_write(calendar=calendar, pages=new_pages, publish=feed.trusted)
            for page_id, item, fingerprint in changed:
                page = pages[page_id]
                _apply(page, item, feed, categories=categories, fingerprint=fingerprint)
                _save(page, feed)
    # Outside the deferred block: deletions clean up their references at once.
    for page in EventPage.objects.filter(pk__in=[page_id for page_id, _fp in stored.values()]):
        page.delete()
    if new or changed or stored:
        # Bulk writes of the import send no signals of their own (cms.core.content_signals).
        content_version.bump()
    return ImportSummary(
        created=len(new), updated=len(changed), unchanged=unchanged, removed=len(stored)
    )


def feed_import_bytes(*, feed: ExternalCalendarFeed, data: bytes) -> ImportSummary:
    """Parse, check the caps, then write; FeedError is the only error, and it changes nothing."""
    from django.core.exceptions import ValidationError

    events = parse_feed(data)
    occurrence_caps_check(events)
    try:
        return feed_import(feed=feed, events=events)
    except ValidationError as error:
        raise FeedError(_("Ein Termin ist ungültig: %s") % "; ".join(error.messages)) from error
    except (ValueError, OverflowError, RecursionError, DataError, IntegrityError) as error:
        # What the checks above missed and the database or Wagtail refused; the
        # transaction of feed_import has already undone the run.
        raise FeedError(
            _("Ein Termin konnte nicht gespeichert werden; der Kalender wurde nicht eingelesen.")
        ) from error


def _record_failure(feed: ExternalCalendarFeed, message: str) -> None:
    ExternalCalendarFeed.objects.filter(pk=feed.pk).update(
        last_run_at=timezone.now(), last_result=ImportResult.FAILED, last_message=message
    )


def feed_run(feed: ExternalCalendarFeed) -> ImportSummary | None:
    """Fetch and import one registered feed, recording the outcome on the feed.

    Never raises for a feed's sake: a FeedError is recorded with its message, anything
    else (a bug, a database refusing a value) with a general one and logged, so that
    `feeds_import_all` goes on with the next feed.
    """
    try:
        summary = feed_import_bytes(feed=feed, data=fetch_feed(feed.url))
    except FeedError as error:
        _record_failure(feed, str(error))
        return None
    except Exception:
        logger.exception("Import of calendar feed %s failed unexpectedly", feed.pk)
        _record_failure(
            feed,
            _(
                "Beim Einlesen ist ein unerwarteter Fehler aufgetreten; es wurde nichts "
                "übernommen. Bitte wenden Sie sich an die technische Betreuung."
            ),
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
