"""Deferring the per-save index work of many page writes to one bulk pass at the end.

Every save of a page makes three indexes follow it, one object at a time: Wagtail's
search index and its reference index (post_save, a task per save) and the calendar's
occurrence index with the stored iCal text (page_published/unpublished, a task per
event). An import saves each new event three times (tree insert, revision,
publication), so a feed of 2,500 events ran 7,500 search updates, 7,500 reference
updates and 2,500 single-event occurrence rebuilds. Inside `indexes_deferred()` the
saves are only recorded; when the block ends without an error (still inside the
caller's transaction) each recorded object is indexed once: the search index with one
bulk insert per model, the reference index with a constant number of queries per
model (Wagtail's extraction of each object's references, one read of what is stored,
one insert, one delete), occurrences and feed entries of all published or
unpublished events in one rebuild. The result is the same rows the per-save path
writes.

Deletions are not deferred (Wagtail's reference cleanup on delete is skipped while its
auto-update is off): delete outside the block.

The switch is per thread (like Wagtail's `disable_reference_index_auto_update`), so
other requests served by the same process keep indexing each save as it happens.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from asgiref.local import Local
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.models import ReferenceIndex
from wagtail.search import index as search_index
from wagtail.search import signal_handlers as search_signal_handlers
from wagtail.search.backends import get_search_backends_with_name
from wagtail.signal_handlers import disable_reference_index_auto_update

_state = Local()
_search_receiver_lock = threading.Lock()
_search_receiver_installed = False


@dataclass
class DeferredIndexes:
    """What was saved or (un)published while indexing was deferred."""

    # model label -> primary keys, in the order first saved
    saved: dict[str, dict[object, None]] = field(default_factory=dict)
    events: dict[int, None] = field(default_factory=dict)

    def record_save(self, instance) -> None:
        model, pk = type(instance), instance.pk
        # A child of a cluster (an event's changed date) is indexed through its parent,
        # as Wagtail's reference index task does.
        for parental_key in (f for f in model._meta.get_fields() if isinstance(f, ParentalKey)):
            model, pk = parental_key.related_model, getattr(instance, parental_key.attname)
            break
        if pk is not None:
            self.saved.setdefault(model._meta.label, {})[pk] = None

    def record_event(self, event_id: int) -> None:
        self.events[event_id] = None

    def flush(self) -> None:
        from .services import event_occurrences_refresh_many

        for label, pks in self.saved.items():
            model = apps.get_model(label)
            if search_index.class_is_indexed(model) and getattr(model, "search_auto_update", True):
                _search_index_bulk(model, list(pks))
            if ReferenceIndex.is_indexed(model):
                _reference_index_bulk(model, list(pks))
        if self.events:
            event_occurrences_refresh_many(event_ids=list(self.events))


def _search_index_bulk(model, pks: list) -> None:
    """What `insert_or_update_object` does for each object, in one insert per backend."""
    objects = list(model.get_indexed_objects().filter(pk__in=pks))
    if not objects:
        return
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, objects)
        except Exception:
            if not backend.catch_indexing_errors:
                raise


def _reference_index_bulk(model, pks: list) -> None:
    """What `ReferenceIndex.create_or_update_for_object` does for each object, for all.

    The objects are read with their child relations prefetched (Wagtail's extraction
    follows each of them), the existing references of all of them in one query, and
    the new ones inserted and the stale ones deleted in one statement each.
    """
    children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    objects = list(model._default_manager.filter(pk__in=pks).prefetch_related(*children))
    if not objects:
        return
    content_types = [
        ContentType.objects.get_for_model(each, for_concrete_model=False)
        for each in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known_content_type_ids = {each.id for each in content_types}
    existing: dict[str, dict[tuple, tuple]] = {}
    for row in ReferenceIndex.objects.filter(
        base_content_type=base_content_type, object_id__in=[str(each.pk) for each in objects]
    ).values_list(
        "id",
        "content_type_id",
        "object_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
    ):
        reference_id, content_type_id, object_id, *reference = row
        existing.setdefault(object_id, {})[tuple(reference)] = (content_type_id, reference_id)
    new, stale = [], []
    for instance in objects:
        references = set(ReferenceIndex._extract_references_from_object(instance))
        stored = existing.get(str(instance.pk), {})
        new += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=instance.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in references
            - stored.keys()
        ]
        stale += [
            reference_id
            for reference, (content_type_id, reference_id) in stored.items()
            # A reference stored for a more specific model than this one is not stale.
            if reference not in references and content_type_id in known_content_type_ids
        ]
    ReferenceIndex.objects.bulk_create(
        new, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
    if stale:
        ReferenceIndex.objects.filter(id__in=stale).delete()


def current() -> DeferredIndexes | None:
    """The collector of this thread's deferred block, or None outside one."""
    return getattr(_state, "collector", None)


def _search_update_unless_deferred(sender, instance, **kwargs):
    if current() is not None and not kwargs.get("raw", False):
        return  # recorded by record_deferred_save, indexed at the end of the block
    search_signal_handlers.post_save_signal_handler(instance, **kwargs)


def _install_search_receiver() -> None:
    """Route the search index's post_save through a check of this thread's deferral.

    Done on first use rather than at start-up: the search app connects its receivers
    in its own ready(), which runs after ours. The deferring receiver is connected
    before the original one is removed, so a save in between is at worst indexed twice.
    """
    global _search_receiver_installed
    with _search_receiver_lock:
        if _search_receiver_installed:
            return
        for model in search_index.get_indexed_models():
            if not getattr(model, "search_auto_update", True):
                continue
            post_save.connect(_search_update_unless_deferred, sender=model, weak=False)
            post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=model)
        _search_receiver_installed = True


@contextmanager
def indexes_deferred() -> Iterator[DeferredIndexes]:
    """Record saves and (un)publications; index them once when the block succeeds.

    Use it inside a transaction: the indexes are written at the end of the block, so an
    error before that leaves them to the rollback together with the pages.
    """
    outer = current()
    if outer is not None:  # nested: the outermost block indexes everything once
        yield outer
        return
    _install_search_receiver()
    collector = DeferredIndexes()
    _state.collector = collector
    try:
        with disable_reference_index_auto_update():
            yield collector
    finally:
        _state.collector = None
    collector.flush()


def record_deferred_save(sender, instance, raw=False, **kwargs):
    """post_save receiver (connected in signals): note the object if indexing is deferred."""
    collector = current()
    if collector is not None and not raw:
        collector.record_save(instance)
