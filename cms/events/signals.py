"""Keep the occurrence index and the stored iCal text current.

Publishing or unpublishing an event rebuilds its occurrences and VEVENT text; its
dates are marked not live at once on unpublishing, and their copy of the event's tree
path is rewritten when the event or a page above it moves (see
`EventOccurrence.event_path`). A few
changes outside the event alter what that text says: the organiser's name (published
with their profile), a category's name, and the page's URL when it or a page above it
moves or gets a new slug or its Site a new host name or port; those re-render the
affected events' text. So do deletions of an organiser or a category: the foreign key
leaves the event (SET_NULL, the category link is removed) without any signal on the
event, and its text must not go on naming a provider whose data was erased. Deleting an
event removes its occurrences and text through the foreign keys' cascade. After the
`migrate` that created the table of stored texts, published events get one.
"""

from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import CreateModel
from django.db.models.signals import post_migrate, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.providers.models import ProviderPage, ServiceCategory

from . import deferred_indexing, services
from .models import EventPage

# Saves inside `deferred_indexing.indexes_deferred()` (bulk imports) are indexed once at
# its end; outside such a block this receiver does nothing.
post_save.connect(deferred_indexing.record_deferred_save, dispatch_uid="events_deferred_save")


@receiver(page_unpublished, sender=EventPage)
def hide_occurrences_of_unpublished_event(sender, instance, **kwargs):
    # At once, before the refresh below deletes them (a task that may run later).
    services.event_occurrences_hide(event_id=instance.pk)


@receiver(page_published, sender=EventPage)
@receiver(page_unpublished, sender=EventPage)
def refresh_occurrences_of_event(sender, instance, **kwargs):
    from .tasks import refresh_event_occurrences

    deferred = deferred_indexing.current()
    if deferred is not None:
        deferred.record_event(instance.pk)
        return
    refresh_event_occurrences.enqueue(instance.pk)


def _refresh_feed_entries(events) -> None:
    from .tasks import refresh_event_feed_entries

    event_ids = list(events.filter(live=True).values_list("pk", flat=True))
    if event_ids:
        refresh_event_feed_entries.enqueue(event_ids)


def _refresh_feed_entries_on_commit(events, *, using: str) -> None:
    """Pick the events now, render them once the change is committed.

    For deletions the events must be chosen before the row goes (afterwards nothing
    links them to it any more) but rendered after the foreign keys were cleared; for a
    Site, after Wagtail dropped its cached site root paths.
    """
    from .tasks import refresh_event_feed_entries

    event_ids = list(events.using(using).filter(live=True).values_list("pk", flat=True))
    if event_ids:
        transaction.on_commit(lambda: refresh_event_feed_entries.enqueue(event_ids), using=using)


@receiver(page_published, sender=ProviderPage)
def refresh_feed_entries_of_organiser(sender, instance, **kwargs):
    _refresh_feed_entries(EventPage.objects.filter(organiser=instance))


@receiver(pre_delete, sender=ProviderPage)
def refresh_feed_entries_of_deleted_organiser(sender, instance, using, **kwargs):
    _refresh_feed_entries_on_commit(EventPage.objects.filter(organiser=instance), using=using)


@receiver(post_save, sender=ServiceCategory)
def refresh_feed_entries_of_category(sender, instance, created, **kwargs):
    if not created:
        _refresh_feed_entries(EventPage.objects.filter(categories=instance))


@receiver(pre_delete, sender=ServiceCategory)
def refresh_feed_entries_of_deleted_category(sender, instance, using, **kwargs):
    _refresh_feed_entries_on_commit(EventPage.objects.filter(categories=instance), using=using)


@receiver(post_save, sender=Site)
def refresh_feed_entries_of_site(sender, instance, using, **kwargs):
    # Host name, port or root page make each event's URL; saving a Site is rare.
    _refresh_feed_entries_on_commit(
        EventPage.objects.descendant_of(instance.root_page, inclusive=True), using=using
    )


@receiver(post_page_move)
def refresh_occurrence_paths_of_moved_pages(sender, instance, **kwargs):
    services.occurrence_paths_refresh(page=instance)


@receiver(post_page_move)
def refresh_feed_entries_of_moved_pages(sender, instance, **kwargs):
    _refresh_feed_entries(EventPage.objects.descendant_of(instance, inclusive=True))


@receiver(page_slug_changed)
def refresh_feed_entries_below_renamed_page(sender, instance, **kwargs):
    # The event's own slug comes with its publication, which re-renders it anyway.
    _refresh_feed_entries(EventPage.objects.descendant_of(instance))


def _created_feed_entries(plan) -> bool:
    """Whether a migrate plan applied the migration that created the table of texts."""
    return any(
        not backwards
        and migration.app_label == "events"
        and any(
            isinstance(operation, CreateModel) and operation.name == "EventFeedEntry"
            for operation in migration.operations
        )
        for migration, backwards in plan or ()
    )


def _migrations_pending(using: str) -> bool:
    executor = MigrationExecutor(connections[using])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@receiver(post_migrate)
def render_missing_feed_entries(sender, app_config, using, **kwargs):
    """Fill the table of stored texts right after the migration that created it.

    Rendering needs the real models (the page tree, URLs, the iCal code), not the
    historical ones a data migration gets, so this runs after `migrate`, and only when
    the database matches the code: a partial migrate or one back to an older state
    leaves columns of the real models missing. Otherwise the nightly horizon roll
    renders the texts.
    """
    if app_config.label != "events" or not _created_feed_entries(kwargs.get("plan")):
        return
    if _migrations_pending(using):
        return
    from .services import feed_entries_backfill

    feed_entries_backfill(using=using)
