"""Writing the new events of an import in bulk: the rows Wagtail writes page by page.

An editor's new page takes treebeard's `add_child` (lock the parent, find its last
child, insert, raise `numchild`), `save_revision` (a clean, the revision, an update of
the page, two log entries) and `publish` (the page rebuilt from the revision, a second
clean, a full save with its relations, a log entry, the signals): about 78 queries
per page. `new_events_write` writes the same rows for all new events of a run with a
constant number of statements per table:

1. the calendar is locked once and the pages get the next paths below its last child;
2. each page is cleaned once, as `save_revision` cleans it (its slug checked among its
   siblings, which is the one query left per page; the foreign keys the pages share
   are checked once);
3. the base `wagtailcore_page` rows are inserted in batches returning their ids, then
   the `events_eventpage` rows, then the pages' child rows (changed dates) and their
   many-to-many links (districts, categories);
4. the revisions are created from `serializable_data()` of each page as it stands at
   that point, which is what `save_revision` stores (not live, no revision yet);
5. the pages get their revision (and, for trusted feeds, their publication) in one
   `bulk_update`, and the log entries (create, edit, publish) in one `bulk_create`;
6. what saving and publishing trigger is recorded in the import's deferred indexes
   (search, references, occurrences, iCal text) and indexed once at its end; the
   content version is bumped once by `feed_import`.

Untrusted feeds go through their workflow as before: Wagtail's own `Workflow.start`
for each page, so task states, notifications and log entries stay Wagtail's.

Django's `bulk_create` refuses models with multi-table inheritance, so both tables of
an EventPage are written with `QuerySet._insert`, the method `Model.save` and
`bulk_create` themselves use for one table; it is private but has kept its signature
since Django 3.0, and tests/events/test_import_bulk.py compares every row written here
with the rows Wagtail writes for the same events one by one, so a change shows there.
"""

from collections.abc import Iterator
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision

from ..deferred_indexing import current as deferred_indexes
from ..models import EventIndexPage, EventPage

BATCH_SIZE = 500


def _batches(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _place_below(calendar: EventIndexPage, pages: list[EventPage]) -> None:
    """Give the pages the next paths after the calendar's last child, as `add_child` would."""
    locked = Page.objects.select_for_update().get(pk=calendar.pk)
    last_child = locked.get_last_child() if locked.numchild else None
    depth = locked.depth + 1
    path = (
        Page(path=last_child.path)._inc_path()
        if last_child is not None
        else Page._get_path(locked.path, depth, 1)
    )
    for page in pages:
        page.depth, page.path = depth, path
        page.url_path = f"{locked.url_path}{page.slug}/"
        page.locale_id = locked.locale_id
        page._cached_parent_obj = calendar  # what the slug check reads
        path = Page(path=path)._inc_path()
    Page.objects.filter(pk=calendar.pk).update(numchild=F("numchild") + len(pages))
    calendar.numchild = locked.numchild + len(pages)


def _clean(pages: list[EventPage]) -> None:
    """The clean of `save_revision`; the unique columns are left to the database.

    A foreign key is validated with a query for its row; the pages of one import share
    theirs (the calendar's locale, the feed, its organiser), so each distinct value is
    validated once, on the first page that has it.
    """
    slugs = [page.slug for page in pages]
    if len(set(slugs)) != len(slugs):
        duplicate = next(slug for slug in slugs if slugs.count(slug) > 1)
        raise ValidationError(
            {"slug": _("Zwei Termine des Kalenders hätten dieselbe Adresse (%s).") % duplicate}
        )
    foreign_keys = [field for field in EventPage._meta.concrete_fields if field.many_to_one]
    validated = set()
    for page in pages:
        page.draft_title = page.title
        known = [
            field.name
            for field in foreign_keys
            if (field.name, getattr(page, field.attname)) in validated
        ]
        # path and translation_key are unique in the database; a clash fails the insert.
        page.full_clean(exclude=known, validate_unique=False, validate_constraints=False)
        validated.update((field.name, getattr(page, field.attname)) for field in foreign_keys)


def _empty_relations(pages: list[EventPage]) -> None:
    """Relations the import left unset are empty for a new page: say so without a query."""
    for page in pages:
        held = getattr(page, "_cluster_related_objects", {})
        for relation in get_all_child_relations(EventPage):
            if relation.get_accessor_name() not in held:
                setattr(page, relation.get_accessor_name(), [])
        for field in get_all_child_m2m_relations(EventPage):
            if field.name not in held:
                setattr(page, field.name, [])


def _insert_pages(pages: list[EventPage]) -> None:
    using = router.db_for_write(Page)
    base_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
    event_fields = EventPage._meta.local_concrete_fields
    for batch in _batches(pages):
        returned = Page._base_manager._insert(
            batch, fields=base_fields, returning_fields=[Page._meta.pk], using=using
        )
        for page, (page_id,) in zip(batch, returned, strict=True):
            page.id = page.page_ptr_id = page_id
            page._state.adding, page._state.db = False, using
        EventPage._base_manager._insert(batch, fields=event_fields, using=using)


def _insert_relations(pages: list[EventPage]) -> None:
    """The child rows and many-to-many links a full save commits (modelcluster)."""
    for relation in get_all_child_relations(EventPage):
        children = []
        for page in pages:
            for child in getattr(page, relation.get_accessor_name()).all():
                setattr(child, relation.field.attname, page.pk)
                children.append(child)
        if children:
            relation.related_model.objects.bulk_create(children, batch_size=BATCH_SIZE)
    for field in get_all_child_m2m_relations(EventPage):
        through = field.remote_field.through
        source = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        links = [
            through(**{source: page.pk, target: related.pk})
            for page in pages
            for related in getattr(page, field.name).all()
        ]
        if links:
            through.objects.bulk_create(links, batch_size=BATCH_SIZE)


def _create_revisions(pages: list[EventPage], now) -> list[Revision]:
    event_type = ContentType.objects.get_for_model(EventPage)
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=event_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            user=None,
            approved_go_live_at=None,
            content=page.serializable_data(),
            object_str=str(page),
            created_at=now,
        )
        for page in pages
    ]
    return Revision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)


def _point_at_revisions(pages: list[EventPage], revisions: list[Revision], *, publish, now):
    fields = ["latest_revision", "latest_revision_created_at", "has_unpublished_changes"]
    if publish:
        fields += ["live", "live_revision", "first_published_at", "last_published_at"]
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision, page.latest_revision_created_at = revision, revision.created_at
        page.has_unpublished_changes = not publish
        if publish:
            page.live, page.live_revision = True, revision
            page.first_published_at = page.last_published_at = now
    Page._base_manager.bulk_update(pages, fields, batch_size=BATCH_SIZE)


def _log(pages: list[EventPage], revisions: list[Revision], *, publish, now) -> None:
    """The entries of `add_child` (create), `save_revision` (edit) and `publish`."""
    context = get_active_log_context()
    event_type = ContentType.objects.get_for_model(EventPage, for_concrete_model=False)
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        actions = [("wagtail.create", None), ("wagtail.edit", revision)]
        if publish:
            actions.append(("wagtail.publish", revision))
        entries += [
            PageLogEntry(
                content_type=event_type,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=now,
                data={},
                user=(page.owner if action == "wagtail.create" else None) or context.user,
                uuid=context.uuid,
                page_id=page.pk,
                revision=logged_revision,
                content_changed=True,
            )
            for action, logged_revision in actions
        ]
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


def new_events_write(*, calendar: EventIndexPage, pages: list[EventPage], publish: bool) -> None:
    """Add new, unsaved event pages below the calendar with one revision each.

    `publish` publishes them as `revision.publish()` does; otherwise each enters the
    calendar's workflow. Call inside the import's transaction and `indexes_deferred()`.
    """
    if not pages:
        return
    collector = deferred_indexes()
    if collector is None:
        raise RuntimeError("new_events_write runs inside indexes_deferred()")
    now = timezone.now()
    _place_below(calendar, pages)
    _clean(pages)
    _empty_relations(pages)
    _insert_pages(pages)
    _insert_relations(pages)
    revisions = _create_revisions(pages, now)
    _point_at_revisions(pages, revisions, publish=publish, now=now)
    _log(pages, revisions, publish=publish, now=now)
    for page in pages:
        collector.record_save(page)
        if publish:
            collector.record_event(page.pk)
    if not publish:
        workflow = calendar.get_workflow()
        if workflow is not None:
            for page in pages:
                workflow.start(page, None)
