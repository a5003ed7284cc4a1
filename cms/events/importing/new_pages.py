"""Writing the new events of an import in bulk: the rows Wagtail writes page by page.

An editor's new page takes treebeard's `add_child` (lock the parent, find its last
child, insert, raise `numchild`), `save_revision` (a clean, the revision, an update of
the page, two log entries) and `publish` (the page rebuilt from the revision, a second
clean, a full save with its relations, a log entry, the signals): about 78 queries
per page. `new_events_write` writes the same rows for all new events of a run with a
constant number of statements per table (batches of 500 rows):

1. the calendar is locked once and the pages get the next paths below its last child;
2. each page is cleaned once, as `save_revision` cleans it, with the queries of that
   clean made once for all pages (the slugs among their siblings, the foreign keys
   the pages share);
3. the base `wagtailcore_page` rows are inserted in batches returning their ids, then
   the `events_eventpage` rows, then the pages' child rows (changed dates) and their
   many-to-many links (districts, categories);
   The rows are inserted in the state `save_revision` and `publish` leave (live or
   with unpublished changes, published and revision times);
4. the revisions are created from `serializable_data()` of each page as `add_child`
   stored it (not live, no revision yet), which is what `save_revision` stores;
5. the pages are linked to their revision (latest, and live for trusted feeds) by
   one UPDATE joining the revisions, and the log entries (create, edit, publish) are
   written in one `bulk_create`;
6. each page's `post_save` (and for trusted feeds `page_published` and `published`) is
   sent as its save and publication would send them, so every receiver runs; inside
   the import's deferred indexes the project's receivers only record the page (search,
   references, occurrences, iCal text are indexed once at the end), and the content
   version is bumped once per transaction.

Untrusted feeds go through their workflow as before: Wagtail's own `Workflow.start`
for each page, so task states, notifications and log entries stay Wagtail's.

Django's `bulk_create` refuses models with multi-table inheritance, so both tables of
an EventPage are written with `QuerySet._insert`, the method `Model.save` and
`bulk_create` themselves use for one table; it is private but has kept its signature
since Django 3.0, and tests/events/test_import_new_pages.py compares every row written
here with the rows Wagtail writes for the same events one by one, so a change shows there
(tests/events/test_import_bulk.py compares whole imports the same way).
"""

from collections.abc import Iterator
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, published

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


def _slugs_check(calendar: EventIndexPage, pages: list[EventPage]) -> None:
    """Wagtail's check that a page's slug is free among its siblings, for all at once."""
    slugs = [page.slug for page in pages]
    taken = set(calendar.get_children().filter(slug__in=slugs).values_list("slug", flat=True))
    seen = set()
    for slug in slugs:
        if slug in taken or slug in seen:
            raise ValidationError(
                {
                    "slug": _(
                        "The slug '%(page_slug)s' is already in use within the parent page "
                        "at '%(parent_url_path)s'."
                    )
                    % {"page_slug": slug, "parent_url_path": calendar.url}
                }
            )
        seen.add(slug)


def _slug_checked_with_its_siblings() -> None:
    """Stands in for `Page._check_slug_is_unique` in `_clean`: `_slugs_check` did it."""


def _clean(calendar: EventIndexPage, pages: list[EventPage]) -> None:
    """The clean of `save_revision`, with its queries made once for all pages.

    The slugs are checked among the siblings in one query. A foreign key is validated
    with a query for its row; the pages of one import share theirs (the calendar's
    locale, the feed, its organiser), so each distinct value is validated once, on the
    first page that has it. Unique columns (path, translation key) are left to the
    database: a clash fails the insert and so the whole import.
    """
    _slugs_check(calendar, pages)
    foreign_keys = [field for field in EventPage._meta.concrete_fields if field.many_to_one]
    validated = set()
    for page in pages:
        page.draft_title = page.title
        known = [
            field.name
            for field in foreign_keys
            if (field.name, getattr(page, field.attname)) in validated
        ]
        page._check_slug_is_unique = _slug_checked_with_its_siblings
        try:
            page.full_clean(exclude=known, validate_unique=False, validate_constraints=False)
        finally:
            del page._check_slug_is_unique
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
    connection = connections[using]
    # One row at a time where the database cannot return the ids of a multi-row insert;
    # within its limit of parameters per statement otherwise (SQLite's is low).
    size = 1
    if connection.features.can_return_rows_from_bulk_insert:
        size = min(
            BATCH_SIZE,
            connection.ops.bulk_batch_size(base_fields, pages),
            connection.ops.bulk_batch_size(event_fields, pages),
        )
    for batch in _batches(pages, max(size, 1)):
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


# What `save_revision` serializes: the page as `add_child` stored it, before its first
# revision and publication.
BEFORE_FIRST_REVISION = {
    "live": False,
    "has_unpublished_changes": False,
    "first_published_at": None,
    "last_published_at": None,
    "latest_revision_created_at": None,
}


def _set_final_state(pages: list[EventPage], *, publish: bool, now) -> None:
    """The state `save_revision` and `publish` leave, but for the revision links."""
    for page in pages:
        page.latest_revision_created_at = now
        page.has_unpublished_changes = not publish
        page.live = publish
        if publish:
            page.first_published_at = page.last_published_at = now


def _content_before_first_revision(page: EventPage) -> dict:
    final = {name: getattr(page, name) for name in BEFORE_FIRST_REVISION}
    for name, value in BEFORE_FIRST_REVISION.items():
        setattr(page, name, value)
    try:
        return page.serializable_data()
    finally:
        for name, value in final.items():
            setattr(page, name, value)


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
            content=_content_before_first_revision(page),
            object_str=str(page),
            created_at=now,
        )
        for page in pages
    ]
    return Revision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)


def _point_at_revisions(pages: list[EventPage], revisions: list[Revision], *, publish):
    """Link each page to its one revision: one UPDATE joining the revisions by object id."""
    revision = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
    ).values("pk")[:1]
    links = {"latest_revision_id": Subquery(revision)}
    if publish:
        links["live_revision_id"] = Subquery(revision)
    for batch in _batches([page.pk for page in pages]):
        Page._base_manager.filter(pk__in=batch).update(**links)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        if publish:
            page.live_revision = revision


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


def _signal(pages: list[EventPage], revisions: list[Revision], *, publish: bool) -> None:
    """Send what a save and a publication send, so that every receiver still runs.

    Inside `indexes_deferred()` the project's receivers only record the page (search,
    references, occurrences and iCal text are indexed at the end of the block) and the
    content version is bumped once at the commit, so this costs no query per page.
    """
    using = router.db_for_write(Page)
    for page, revision in zip(pages, revisions, strict=True):
        post_save.send(
            sender=EventPage,
            instance=page,
            created=True,
            update_fields=None,
            raw=False,
            using=using,
        )
        if publish:
            page_published.send(sender=EventPage, instance=page, revision=revision)
            published.send(sender=EventPage, instance=page, revision=revision)


def new_events_write(*, calendar: EventIndexPage, pages: list[EventPage], publish: bool) -> None:
    """Add new, unsaved event pages below the calendar with one revision each.

    `publish` publishes them as `revision.publish()` does; otherwise each enters the
    calendar's workflow. Call inside the import's transaction and `indexes_deferred()`.
    """
    if not pages:
        return
    if deferred_indexes() is None:
        raise RuntimeError("new_events_write runs inside indexes_deferred()")
    now = timezone.now()
    _place_below(calendar, pages)
    _clean(calendar, pages)
    _empty_relations(pages)
    _set_final_state(pages, publish=publish, now=now)
    _insert_pages(pages)
    _insert_relations(pages)
    revisions = _create_revisions(pages, now)
    _point_at_revisions(pages, revisions, publish=publish)
    _log(pages, revisions, publish=publish, now=now)
    _signal(pages, revisions, publish=publish)
    if not publish:
        workflow = calendar.get_workflow()
        if workflow is not None:
            for page in pages:
                workflow.start(page, None)
