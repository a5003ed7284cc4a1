"""What bumps the content version (cms.core.content_version): every change that can show.

Rather than a list of the models that appear publicly (which every new feature would
have to remember to extend), every model's saves and deletes bump the version, except
the models listed here whose rows never change public output, or that are written by
reading visitors (image renditions, embeds) or in bulk by something that bumps once
itself (the occurrence index). A model added later is covered without anyone thinking
of it; the cost of a bump too many is one cache miss.

A model whose rows show publicly only in some states (a listing only while published)
says so with `ShownOnlyInStates`: a save or delete of a row that was hidden before and
is hidden after (a new listing waiting for review, a draft edited) then bumps nothing,
so residents writing to the exchange do not empty every public cache.

Bulk writes send no signals (`QuerySet.update`, `bulk_create`, `_raw_delete`): the code
that does them for public content calls `content_version.bump()` itself (the occurrence
index roll, feed imports, the exchange services that close listings in bulk).
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_migrate
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import content_version

# Models whose rows never change what the public sees.
IGNORED_MODELS = frozenset(
    {
        # Framework bookkeeping.
        "admin.logentry",
        "auth.permission",
        "contenttypes.contenttype",
        "sessions.session",
        "django_tasks_database.dbtaskresult",
        # Written while visitors read: renditions and embeds are made on first view.
        "wagtailimages.rendition",
        "wagtailembeds.embed",
        # Editing, review and logs in the admin; publishing saves the page itself.
        "wagtailadmin.admin",
        "wagtailadmin.editingsession",
        "wagtailadmin.formstate",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailcore.revision",
        "wagtailcore.taskstate",
        "wagtailcore.workflowstate",
        "wagtailcore.uploadedfile",
        "wagtailsearch.indexentry",
        "wagtailsearch.sqliteftsindexentry",
        "wagtailusers.userprofile",
        "wagtailforms.formsubmission",
        "moderation.dataprotectionchecktaskstate",
        "wagtail_localize.translationlog",
        "wagtail_localize.stringtranslation",
        "wagtail_localize.segmentoverride",
        # Sign-in and sync bookkeeping of the API (written with the change they follow).
        "api.residenttoken",
        "api.changemark",
        "api.departure",
        "knox.authtoken",
        # The occurrence index and stored feed texts: rebuilt in bulk by code that bumps.
        "events.eventoccurrence",
        "events.eventoccurrencedistrict",
        "events.eventfeedentry",
        # Private to their participants or to moderators.
        "exchange.conversation",
        "exchange.message",
        "exchange.noticesent",
        "exchange.listingresponse",
        "exchange.feedback",
        "themes.accessibilityfeedback",
        "moderation.report",
        "moderation.reportkeep",
    }
)

# Saves that touch only these fields change no public output: a draft saved on a
# published page, a page locked for editing, a user signing in.
BOOKKEEPING_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "last_login",
    }
)


class ShownOnlyInStates:
    """Mixin for a model whose rows can show publicly only while one field holds one of a
    few values (`public_state_field`, `public_states`).

    The value a row had when it was loaded is remembered (`from_db`). A save or delete
    bumps the content version unless the row was hidden then and is hidden afterwards.
    A row of unknown past (built in Python and saved over an existing row, or loaded with
    the field deferred) always bumps. The state is a necessary condition of showing, not a
    sufficient one: a published listing of a blocked member is hidden too, and its saves
    still bump, which costs a cache miss and nothing else.

    The remembered value is as fresh as the row's load: state changes read the row under
    `select_for_update` first (exchange.states), so it is the committed state.
    """

    public_state_field: str
    public_states: frozenset

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._shown_when_loaded = instance._shown_now()
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None or self.public_state_field in fields:
            self._shown_when_loaded = self._shown_now()

    def _shown_now(self) -> bool | None:
        """Whether the row is in a state that can show (None: the field is not loaded)."""
        if self.public_state_field not in self.__dict__:
            return None
        return self.__dict__[self.public_state_field] in self.public_states


def _hidden_throughout(instance, *, created: bool = False, deleted: bool = False) -> bool:
    """Whether this save or delete leaves a row hidden that was hidden before."""
    if not isinstance(instance, ShownOnlyInStates):
        return False
    before = False if created else instance.__dict__.get("_shown_when_loaded")
    after = False if deleted else instance._shown_now()
    instance._shown_when_loaded = after
    return before is False and after is False


_UID = "quartier.content_version"
# While migrations run, the version's table may not exist yet; one bump follows them.
_migrating = False


def _migration_started(**kwargs) -> None:
    global _migrating
    _migrating = True


def _migrations_done(**kwargs) -> None:
    global _migrating
    if _migrating:
        _migrating = False
        content_version.bump()


def _changed(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    if _migrating:
        return
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if _hidden_throughout(instance, created=created):
        return
    content_version.bump()


def _deleted(sender, instance, **kwargs) -> None:
    if not _migrating and not _hidden_throughout(instance, deleted=True):
        content_version.bump()


def _any_change(sender, **kwargs) -> None:
    if not _migrating:
        content_version.bump()


def _m2m_changed(sender, instance, action, **kwargs) -> None:
    if (
        not _migrating
        and action in ("post_add", "post_remove", "post_clear")
        and counts(type(instance))
    ):
        content_version.bump()


def counts(model) -> bool:
    """Whether a change of this model's rows can change public output."""
    return model._meta.label_lower not in IGNORED_MODELS


def connect() -> None:
    """Connect the receivers to every model that counts (from CoreConfig.ready).

    Proxy models too: Django sends a proxy instance's signals with the proxy as sender.

    Per model rather than for all senders: a receiver for all senders would stop Django
    from deleting the ignored models' rows in bulk (it must load rows to send signals).
    """
    for model in apps.get_models():
        if not counts(model):
            continue
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"{_UID}.save.{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{_UID}.delete.{label}")
    m2m_changed.connect(_m2m_changed, dispatch_uid=f"{_UID}.m2m")
    # Publishing and moving also save the page; these cover paths that update rows
    # directly (a move rewrites the paths of the subtree).
    pre_migrate.connect(_migration_started, dispatch_uid=f"{_UID}.pre_migrate")
    post_migrate.connect(_migrations_done, dispatch_uid=f"{_UID}.post_migrate")
    page_published.connect(_any_change, dispatch_uid=f"{_UID}.published")
    page_unpublished.connect(_any_change, dispatch_uid=f"{_UID}.unpublished")
    post_page_move.connect(_any_change, dispatch_uid=f"{_UID}.moved")
