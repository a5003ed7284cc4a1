"""New events of an import are written in bulk with exactly the rows Wagtail writes one by one.

`feed_import` writes its new pages with cms/events/importing/new_pages.py. These tests
import one feed that way and the same feed under a second feed the way an editor's
page is written (treebeard's add_child, save_revision, publish or workflow: the
reference path of tests/events/test_import_bulk.py) and compare every column of every
table both write, apart from identity (ids, paths, slugs, UIDs) which is checked to
point where it should. Time is frozen, so timestamps are compared too.
"""

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState
from wagtail.signals import page_published

from cms.events.importing import feed_import, feed_import_bytes, parse_feed
from cms.events.importing.errors import FeedError
from cms.events.importing.writing import _slug_for
from cms.events.models import EventOccurrenceChange, EventPage
from cms.places.models import District
from tests.providers.factories import (
    ProviderIndexPageFactory,
    ProviderPageFactory,
    ServiceCategoryFactory,
)

from .factories import EventIndexPageFactory, EventPageFactory
from .form_data import event_edit_form_data, event_form_data
from .test_import_bulk import _feed, _feed_of, _import_one_by_one, _pairs, _state

pytestmark = pytest.mark.django_db

FIVE_EVENTS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Verein//DE\r
BEGIN:VEVENT\r
UID:chor@verein.example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Chorprobe\r
DESCRIPTION:Wir singen zusammen.\\nNeue Stimmen willkommen.\r
DTSTART;TZID=Europe/Berlin:20260303T190000\r
DTEND;TZID=Europe/Berlin:20260303T210000\r
RRULE:FREQ=WEEKLY;COUNT=6\r
EXDATE;TZID=Europe/Berlin:20260317T190000\r
LOCATION:Gemeindehaus\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:chor@verein.example\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;TZID=Europe/Berlin:20260324T190000\r
SUMMARY:Chorprobe\r
DTSTART;TZID=Europe/Berlin:20260325T190000\r
DTEND;TZID=Europe/Berlin:20260325T210000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:fest@verein.example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Sommerfest\r
DTSTART;VALUE=DATE:20260620\r
DTEND;VALUE=DATE:20260621\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:lesung@verein.example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Lesung in der Buecherei\r
DTSTART;TZID=Europe/Berlin:20260410T180000\r
DTEND;TZID=Europe/Berlin:20260410T193000\r
LOCATION:Stadtteilbibliothek\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:flohmarkt@verein.example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Flohmarkt\r
STATUS:CANCELLED\r
DTSTART;TZID=Europe/Berlin:20260502T090000\r
DTEND;TZID=Europe/Berlin:20260502T140000\r
LOCATION:Marktplatz\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:spiele@verein.example\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Spielenachmittag\r
DTSTART;TZID=Europe/Berlin:20260311T150000\r
DTEND;TZID=Europe/Berlin:20260311T170000\r
LOCATION:Familienzentrum\r
END:VEVENT\r
END:VCALENDAR\r
"""

# Columns that name the row or its place: compared by where they point, not by value.
PAGE_IDENTITY = {
    "id",
    "page_ptr_id",
    "path",
    "slug",
    "url_path",
    "uid",
    "translation_key",
    "source_feed_id",
    "latest_revision_id",
    "live_revision_id",
}


def _without(row: dict, keys) -> dict:
    return {key: value for key, value in row.items() if key not in keys}


def _content(content: dict) -> dict:
    """A revision's content without identity; its child rows without their ids."""
    content = _without(content, {"pk", *PAGE_IDENTITY, "page_ptr", "source_feed"})
    content = _without(content, {"latest_revision", "live_revision"})
    content["changes"] = [_without(change, {"pk", "event"}) for change in content["changes"]]
    return content


def _log_data(data: dict, task_state_ids: list) -> dict:
    """A log entry's data; the task state a workflow entry names, by its place."""
    if "workflow" in data:
        workflow = data["workflow"]
        data = {**data, "workflow": {**workflow, "task_state_id": None}}
        data["workflow"]["task_state"] = task_state_ids.index(workflow["task_state_id"])
    return data


def _rows(page: EventPage) -> dict:
    """Every row the import wrote for one event, identity left out."""
    revision_ids = list(
        Revision.objects.filter(object_id=str(page.pk)).values_list("pk", flat=True)
    )
    workflow_states = list(
        WorkflowState.objects.filter(object_id=str(page.pk)).values("pk", "current_task_state_id")
    )
    task_state_ids = list(
        TaskState.objects.filter(workflow_state__object_id=str(page.pk))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return {
        "page": _without(Page.objects.filter(pk=page.pk).values().get(), PAGE_IDENTITY),
        "event": _without(EventPage.objects.filter(pk=page.pk).values().get(), PAGE_IDENTITY),
        "revisions": [
            {
                **_without(row, {"id", "object_id", "content"}),
                "content": _content(row["content"]),
            }
            for row in Revision.objects.filter(object_id=str(page.pk)).order_by("pk").values()
        ],
        "log": [
            {
                **_without(row, {"id", "page_id", "revision_id", "data"}),
                "data": _log_data(row["data"], task_state_ids),
                "revision": row["revision_id"] and revision_ids.index(row["revision_id"]),
            }
            for row in PageLogEntry.objects.filter(page=page).order_by("pk").values()
        ],
        "workflow_states": [
            _without(row, {"id", "object_id", "current_task_state_id"})
            for row in WorkflowState.objects.filter(object_id=str(page.pk)).values()
        ],
        "task_states": [
            {
                **_without(row, {"id", "workflow_state_id", "revision_id"}),
                "revision": revision_ids.index(row["revision_id"]),
                "is_current": row["id"] == workflow_states[0]["current_task_state_id"],
            }
            for row in TaskState.objects.filter(workflow_state__object_id=str(page.pk)).values()
        ],
        "changes": list(
            EventOccurrenceChange.objects.filter(event=page)
            .order_by("pk")
            .values(
                "sort_order",
                "original_start",
                "cancelled",
                "cancellation_reason",
                "new_start",
                "new_end",
            )
        ),
        "districts": sorted(page.districts.values_list("pk", flat=True)),
        "categories": sorted(page.categories.values_list("pk", flat=True)),
        "social_spaces": sorted(page.social_spaces.values_list("pk", flat=True)),
        "tags": sorted(
            Tag.objects.filter(events_eventpagetag_items__content_object=page).values_list(
                "name", flat=True
            )
        ),
        # Revisions are compared above, with their child rows' ids left out.
        "indexes": _without(_state(page), {"revisions"}),
    }


def _identity_points_home(page: EventPage, calendar) -> None:
    """The identity columns of an imported page point where Wagtail's would."""
    page.refresh_from_db()
    revision = Revision.objects.get(object_id=str(page.pk))
    assert page.latest_revision_id == revision.pk
    assert page.live_revision_id == (revision.pk if page.live else None)
    assert revision.content["pk"] == page.pk and revision.content["path"] == page.path
    assert page.get_parent().pk == calendar.pk
    assert page.url_path == f"{calendar.url_path}{page.slug}/"
    assert page.uid.endswith(f"@feed-{page.source_feed_id}.import.quartier")
    for change in revision.content["changes"]:
        assert change["event"] == page.pk
        assert EventOccurrenceChange.objects.filter(pk=change["pk"], event=page).exists()


@pytest.fixture
def organiser(gelsenkirchen):
    index = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    return ProviderPageFactory(parent=index, title="Chorverein Schalke")


def _feeds(*, trusted: bool, organiser):
    feeds = [_feed(name, trusted=trusted, organiser=organiser) for name in ("bulk", "single")]
    categories = [ServiceCategoryFactory(), ServiceCategoryFactory()]
    for feed in feeds:
        feed.default_categories.set(categories)
    return feeds


def _assert_same_rows(bulk, single, calendar_page) -> list:
    pairs = list(_pairs(bulk, single))
    assert len(pairs) == 5
    for bulk_page, single_page in pairs:
        bulk_rows, single_rows = _rows(bulk_page), _rows(single_page)
        for table, rows in bulk_rows.items():
            assert rows == single_rows[table], table
        _identity_points_home(bulk_page, calendar_page)
    return pairs


def test_published_import_writes_the_rows_wagtail_writes_one_by_one(
    calendar_page, organiser, frozen_now
):
    bulk, single = _feeds(trusted=True, organiser=organiser)
    _import_one_by_one(single, FIVE_EVENTS)
    feed_import(feed=bulk, events=parse_feed(FIVE_EVENTS))
    pairs = _assert_same_rows(bulk, single, calendar_page)
    chor = next(page for page, _single in pairs if page.title == "Chorprobe")
    rows = _rows(chor)
    assert rows["page"]["live"] and not rows["page"]["has_unpublished_changes"]
    assert [entry["action"] for entry in rows["log"]] == [
        "wagtail.create",
        "wagtail.edit",
        "wagtail.publish",
    ]
    assert rows["changes"] and len(rows["categories"]) == 2 and rows["districts"]
    assert rows["indexes"]["occurrences"] and rows["indexes"]["search_entries"]


def test_import_for_review_writes_the_rows_and_workflow_wagtail_writes_one_by_one(
    calendar_page, organiser, frozen_now
):
    bulk, single = _feeds(trusted=False, organiser=organiser)
    _import_one_by_one(single, FIVE_EVENTS)
    feed_import(feed=bulk, events=parse_feed(FIVE_EVENTS))
    pairs = _assert_same_rows(bulk, single, calendar_page)
    rows = _rows(pairs[0][0])
    assert not rows["page"]["live"] and rows["page"]["has_unpublished_changes"]
    assert rows["workflow_states"] and rows["task_states"]
    assert "wagtail.workflow.start" in [entry["action"] for entry in rows["log"]]
    assert not rows["indexes"]["occurrences"]


def test_bulk_import_leaves_a_sound_page_tree(calendar_page, frozen_now):
    _import_one_by_one(_feed("single", trusted=True), FIVE_EVENTS)
    feed_import(feed=_feed("bulk", trusted=True), events=parse_feed(FIVE_EVENTS))
    assert Page.find_problems() == ([], [], [], [], [])
    calendar_page.refresh_from_db()
    assert calendar_page.numchild == calendar_page.get_children().count() == 10
    children = list(calendar_page.get_children())
    # Consecutive positions after the ones add_child gave, as add_child would go on.
    assert [child.path for child in children] == [
        Page._get_path(calendar_page.path, calendar_page.depth + 1, n) for n in range(1, 11)
    ]


def test_a_feed_whose_last_new_event_cannot_be_added_writes_nothing(calendar_page, frozen_now):
    feed = _feed("bulk", trusted=True)
    last = parse_feed(FIVE_EVENTS)[-1]
    EventPageFactory(parent=calendar_page, slug=_slug_for(last, feed))
    counts = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())
    with pytest.raises(FeedError, match="Ein Termin ist ungültig"):
        feed_import_bytes(feed=feed, data=FIVE_EVENTS)
    assert (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == counts
    assert not EventPage.objects.filter(source_feed=feed).exists()
    calendar_page.refresh_from_db()
    assert calendar_page.numchild == 1
    assert Page.find_problems() == ([], [], [], [], [])


def _queries_of_first_import(name: str, count: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        feed_import(feed=_feed(name, trusted=True), events=parse_feed(_feed_of(count)))
    return len(queries)


def test_first_import_runs_the_same_queries_whatever_the_number_of_new_events(
    calendar_page, frozen_now
):
    # The first run also fills Django's content type cache.
    five, fifteen = _queries_of_first_import("five", 5), _queries_of_first_import("fifteen", 15)
    assert fifteen <= five


@pytest.fixture
def superuser_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    return client


def _imported(calendar_page) -> EventPage:
    feed_import(feed=_feed("bulk", trusted=True), events=parse_feed(FIVE_EVENTS))
    return EventPage.objects.child_of(calendar_page).get(title="Sommerfest")


def test_an_imported_event_can_be_edited_and_published_in_the_admin(
    superuser_client, calendar_page, frozen_now
):
    event = _imported(calendar_page)
    url = reverse("wagtailadmin_pages:edit", args=(event.pk,))
    data = event_edit_form_data(event, title="Sommerfest am See", action="publish")
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Sommerfest am See" and event.live
    assert event.revisions.count() == 2
    assert Page.find_problems() == ([], [], [], [], [])


def test_an_imported_event_can_be_moved_in_the_admin(
    superuser_client, calendar_page, gelsenkirchen, frozen_now
):
    event = _imported(calendar_page)
    other_calendar = EventIndexPageFactory(parent=gelsenkirchen.portal, slug="weitere-termine")
    url = reverse("wagtailadmin_pages:move_confirm", args=(event.pk, other_calendar.pk))
    assert superuser_client.post(url).status_code == 302
    event.refresh_from_db()
    assert event.get_parent().pk == other_calendar.pk
    assert event.url_path == f"{other_calendar.url_path}{event.slug}/"
    assert Page.find_problems() == ([], [], [], [], [])


def test_an_imported_event_can_be_deleted_in_the_admin(superuser_client, calendar_page, frozen_now):
    event = _imported(calendar_page)
    url = reverse("wagtailadmin_pages:delete", args=(event.pk,))
    assert superuser_client.post(url).status_code == 302
    assert not EventPage.objects.filter(pk=event.pk).exists()
    calendar_page.refresh_from_db()
    assert calendar_page.numchild == 4 == calendar_page.get_children().count()
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_new_event_can_be_added_below_the_calendar_after_an_import(
    superuser_client, calendar_page, gelsenkirchen, frozen_now
):
    _imported(calendar_page)
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", calendar_page.pk))
    schalke = District.objects.get(slug="schalke")
    data = event_form_data(title="Nachbarschaftscafé", districts=[schalke.pk])
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    added = EventPage.objects.get(title="Nachbarschaftscafé")
    assert added.get_parent().pk == calendar_page.pk
    calendar_page.refresh_from_db()
    assert calendar_page.numchild == 6
    assert added.path == Page._get_path(calendar_page.path, calendar_page.depth + 1, 6)
    assert Page.find_problems() == ([], [], [], [], [])


def test_each_new_event_sends_the_signals_of_its_save_and_publication(calendar_page, frozen_now):
    saved, published_events = [], []

    def on_save(sender, instance, created, **kwargs):
        saved.append((instance.pk, created))

    def on_publish(sender, instance, revision, **kwargs):
        published_events.append((instance.pk, revision.pk, instance.live))

    post_save.connect(on_save, sender=EventPage, weak=False)
    page_published.connect(on_publish, sender=EventPage, weak=False)
    try:
        feed = _feed("bulk", trusted=True)
        feed_import(feed=feed, events=parse_feed(FIVE_EVENTS))
    finally:
        post_save.disconnect(on_save, sender=EventPage)
        page_published.disconnect(on_publish, sender=EventPage)
    events = EventPage.objects.filter(source_feed=feed)
    assert sorted(saved) == sorted((event.pk, True) for event in events)
    assert sorted(published_events) == sorted(
        (event.pk, event.latest_revision_id, True) for event in events
    )
