"""Bulk import: the same pages, revisions, workflow and indexes as events written one by one.

`feed_import` writes new events with one tree insert each and the indexes once per run
(cms/events/deferred_indexing.py). These tests import a feed that way and the same
events the way an editor's page is written (treebeard's add_child, a revision,
publication or workflow, each save indexed as it happens) and compare what is stored.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import PageLogEntry, ReferenceIndex
from wagtail.search.models import IndexEntry

from cms.events.importing import feed_import, parse_feed
from cms.events.importing.writing import (
    _apply,
    _calendar_page_for,
    _save,
    _slug_for,
    feed_event_uid,
)
from cms.events.models import EventFeedEntry, EventOccurrence, EventPage, ExternalCalendarFeed
from cms.places.models import District
from tests.providers.factories import ProviderIndexPageFactory, ProviderPageFactory

from .test_import import FEED

pytestmark = pytest.mark.django_db

# What differs between two copies of the same event by construction: identity,
# place in the tree and the moments of writing.
IDENTITY = {
    "pk",
    "id",
    "page_ptr",
    "path",
    "slug",
    # Namespaced per feed (cms.events.importing.writing.feed_event_uid).
    "uid",
    "url_path",
    "source_feed",
    "latest_revision",
    "live_revision",
    "latest_revision_created_at",
    "first_published_at",
    "last_published_at",
    "translation_key",
}


def _feed(name: str, *, trusted: bool, organiser=None) -> ExternalCalendarFeed:
    return ExternalCalendarFeed.objects.create(
        name=name,
        url=f"https://{name}.example/feed.ics",
        district=District.objects.get(slug="schalke"),
        trusted=trusted,
        organiser=organiser,
        is_active=False,
    )


def _import_one_by_one(feed: ExternalCalendarFeed, data: bytes) -> None:
    """The write path before bulk imports: each page added and indexed on its own."""
    calendar = _calendar_page_for(feed)
    for item in parse_feed(data):
        page = EventPage(
            uid=feed_event_uid(feed, item.uid),
            source_feed=feed,
            slug=_slug_for(item, feed),
            live=False,
        )
        _apply(page, item, feed)
        calendar.add_child(instance=page)
        _save(page, feed)


def _state(page: EventPage) -> dict:
    """Everything an import leaves behind for one event, without its identity."""
    page.refresh_from_db()
    revisions = list(page.revisions.order_by("pk"))
    content_type = ContentType.objects.get_for_model(EventPage)
    entry = EventFeedEntry.objects.filter(event=page).first()
    workflow_state = page.workflow_states.first()
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "live_is_latest": page.live_revision_id == page.latest_revision_id,
        "revisions": [
            (
                {key: value for key, value in revision.content.items() if key not in IDENTITY},
                revision.approved_go_live_at,
                revision.object_str,
            )
            for revision in revisions
        ],
        "log": list(
            PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)
        ),
        "workflow": (
            (
                workflow_state.workflow_id,
                workflow_state.status,
                workflow_state.current_task_state.task_id,
                workflow_state.current_task_state.status,
            )
            if workflow_state
            else None
        ),
        "occurrences": list(
            EventOccurrence.objects.filter(event=page)
            .order_by("start")
            .values_list(
                "start",
                "end",
                "all_day",
                "original_start",
                "is_cancelled",
                "is_on_site",
                "organiser_id",
                "venue_name",
            )
        ),
        "feed_entry": entry.vevents.replace("\r\n ", "")
        .replace(page.slug, "<slug>")
        .replace(page.uid, "<uid>")
        if entry
        else None,
        "sequence": (page.sequence, page.schedule_fingerprint),
        "search_entries": IndexEntry.objects.filter(
            content_type=content_type, object_id=str(page.pk)
        ).count(),
        # The feed itself is the one reference that differs by construction.
        "references": sorted(
            ReferenceIndex.get_references_for_object(page)
            .exclude(model_path="source_feed")
            .values_list("to_content_type_id", "to_object_id", "model_path")
        ),
        "feed_referenced": ReferenceIndex.get_references_for_object(page)
        .filter(model_path="source_feed", to_object_id=str(page.source_feed_id))
        .exists(),
    }


def _pairs(bulk_feed, single_feed):
    for page in EventPage.objects.filter(source_feed=bulk_feed).order_by("uid"):
        # The same feed UID under each feed's namespace: the same digest before the "@".
        digest = page.uid.split("@", 1)[0]
        yield page, EventPage.objects.get(source_feed=single_feed, uid__startswith=f"{digest}@")


@pytest.fixture
def organiser(gelsenkirchen):
    index = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    return ProviderPageFactory(parent=index, title="Chorverein Schalke")


def test_bulk_imported_published_events_match_events_written_one_by_one(
    calendar_page, organiser, frozen_now
):
    bulk, single = (_feed(name, trusted=True, organiser=organiser) for name in ("bulk", "single"))
    feed_import(feed=bulk, events=parse_feed(FEED))
    _import_one_by_one(single, FEED)
    pairs = list(_pairs(bulk, single))
    assert len(pairs) == 2
    for bulk_page, single_page in pairs:
        bulk_state, single_state = _state(bulk_page), _state(single_page)
        assert bulk_state == single_state
        assert bulk_state["live"] and bulk_state["occurrences"] and bulk_state["search_entries"]
        assert bulk_state["references"]


def test_bulk_imported_events_for_review_match_events_written_one_by_one(
    calendar_page, organiser, frozen_now
):
    bulk, single = (_feed(name, trusted=False, organiser=organiser) for name in ("bulk", "single"))
    feed_import(feed=bulk, events=parse_feed(FEED))
    _import_one_by_one(single, FEED)
    for bulk_page, single_page in _pairs(bulk, single):
        bulk_state = _state(bulk_page)
        assert bulk_state == _state(single_page)
        assert not bulk_state["live"] and bulk_state["workflow"] is not None
        assert not bulk_state["occurrences"]


def test_bulk_imported_events_are_numbered_after_existing_children_of_the_calendar(
    calendar_page, frozen_now
):
    _import_one_by_one(_feed("single", trusted=True), FEED)
    feed_import(feed=_feed("bulk", trusted=True), events=parse_feed(FEED))
    calendar_page.refresh_from_db()
    children = calendar_page.get_children()
    assert calendar_page.numchild == children.count() == 4
    assert len({child.path for child in children}) == 4
    assert all(child.url_path.startswith(calendar_page.url_path) for child in children)


def test_changed_events_are_updated_with_their_indexes(calendar_page, frozen_now):
    feed = _feed("bulk", trusted=True)
    feed_import(feed=feed, events=parse_feed(FEED))
    changed = FEED.replace(b"SUMMARY:Chorprobe", b"SUMMARY:Chorprobe (verlegt)").replace(
        b"RRULE:FREQ=WEEKLY;COUNT=4", b"RRULE:FREQ=WEEKLY;COUNT=6"
    )
    summary = feed_import(feed=feed, events=parse_feed(changed))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    chor = EventPage.objects.get(
        source_feed=feed, uid=feed_event_uid(feed, "chor-1@verein.example")
    )
    assert chor.title == "Chorprobe (verlegt)" and chor.revisions.count() == 2
    assert EventOccurrence.objects.filter(event=chor).count() == 6
    assert chor.sequence == 1
    assert "SUMMARY:Chorprobe (verlegt)" in chor.feed_entry.vevents
    assert [page.pk for page in EventPage.objects.search("verlegt")] == [chor.pk]


def _feed_of(count: int) -> bytes:
    events = b"".join(
        b"BEGIN:VEVENT\r\nUID:e-%d@verein.example\r\nDTSTAMP:20260101T000000Z\r\n"
        b"SUMMARY:Treffen %d\r\nDTSTART;TZID=Europe/Berlin:20260310T100000\r\n"
        b"END:VEVENT\r\n" % (n, n)
        for n in range(count)
    )
    head = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//T//DE\r\n"
    return head + events + b"END:VCALENDAR\r\n"


def test_unchanged_reimport_reads_no_pages_whatever_the_feed_size(
    calendar_page, frozen_now, django_assert_max_num_queries
):
    feed = _feed("bulk", trusted=True)
    events = parse_feed(_feed_of(12))
    feed_import(feed=feed, events=events)
    feed = ExternalCalendarFeed.objects.get(pk=feed.pk)
    # Six for the unchanged feed, one for the pages of older imports to rename.
    with django_assert_max_num_queries(7):
        summary = feed_import(feed=feed, events=events)
    assert summary.unchanged == 12
