"""One version of everything the public sees, for caches that are never stale.

Every change that can alter a public page, feed or API answer (publishing, moving a
page, a consent withdrawn, a listing moderated, a theme changed) calls `bump()`; the
receivers in `content_signals.py` do so for every save and delete of a model that can
show publicly. Whatever is cached for anonymous visitors is keyed by `current()` and the
local date (so what expires at midnight turns over without a job), so the next request
after a change misses the cache and is built anew.

Storage: one row in the database (`ContentVersionRecord`), read by primary key: one
indexed query per request that uses it. Not the cache: the default cache is local
memory per process unless REDIS_URL is set, and a version kept per process would let a
second gunicorn worker serve what the first one already knows is out of date. Not an
in-process copy with a short lifetime either: that is stale for its lifetime. The
database is the one thing every process shares in every configuration (SQLite demo,
PostgreSQL with or without Redis).

Transactions: `bump()` writes the new version after the surrounding transaction
commits (`transaction.on_commit`), once per transaction however many rows it changes,
so a long import holds no lock on the version row and a rollback bumps nothing. Until
then, the connection that made the change sees data nobody else sees yet: `current()`
answers it with a version of its own that is marked not cacheable, so nothing read
inside such a transaction is cached under the committed version.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import DateTimeField, Value
from django.db.models.functions import Greatest, Trunc
from django.utils import timezone

from .db import converted_rows
from .models import ContentVersionRecord

_ROW = 1
# The attribute of a connection that remembers its bump waiting for the commit.
_PENDING = "_quartier_pending_content_version"


@dataclass(frozen=True)
class ContentVersion:
    token: str
    changed_at: datetime
    # False while this connection holds uncommitted changes: key no cache by it.
    cacheable: bool = field(default=True, compare=False)


def current() -> ContentVersion:
    """The version now (one query); a fresh one when none is stored yet."""
    if has_pending_changes():
        return ContentVersion(uuid.uuid4().hex, timezone.now(), cacheable=False)
    row = _stored()
    if row is None:
        return _write()
    return ContentVersion(token=row[0], changed_at=row[1])


def _stored() -> tuple[str, datetime] | None:
    """The stored token and time, in one statement by primary key.

    Written out rather than built by the ORM: almost every request reads it, and
    building and compiling the queryset cost several times the database's answer.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    meta = ContentVersionRecord._meta
    fields = (meta.get_field("token"), meta.get_field("changed_at"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(fields[0].column)}, {quote(fields[1].column)} "  # noqa: S608 - no input in it
            f"FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s",
            [_ROW],
        )
        rows = converted_rows(connection, cursor.fetchall(), fields)
    return rows[0] if rows else None


def for_request(request) -> ContentVersion:
    """The version one request reads, however many parts of its answer ask (the response
    cache has read it already for an anonymous GET and put it on the request)."""
    version = getattr(request, "content_version", None)
    if version is None:
        version = current()
        if request is not None:
            request.content_version = version
    return version


def has_pending_changes() -> bool:
    """Whether this connection changed public content that is not committed yet."""
    return _pending(connections[DEFAULT_DB_ALIAS]) is not None


def bump() -> None:
    """Start a new version once the current transaction commits (at once outside one).

    Everything cached under the old version is then out of date.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        _write()
        return
    if _pending(connection) is not None:
        return
    callback = _PendingBump()
    transaction.on_commit(callback)
    setattr(connection, _PENDING, (callback, len(connection.run_on_commit) - 1))


class _PendingBump:
    """The bump a transaction registered, run once on commit."""

    done = False

    def __call__(self) -> None:
        self.done = True
        _write()


def _pending(connection) -> "_PendingBump | None":
    """This connection's bump still waiting for the commit, if any.

    A rolled-back savepoint drops its callbacks from `run_on_commit`, so the entry is
    checked there (by position: this runs on every save, and the list can be long).
    """
    entry = getattr(connection, _PENDING, None)
    if entry is None:
        return None
    callback, position = entry
    callbacks = connection.run_on_commit
    if callback.done or position >= len(callbacks) or callbacks[position][1] is not callback:
        setattr(connection, _PENDING, None)
        return None
    return callback


def _write() -> ContentVersion:
    """Store a new token; its time moves on by at least a whole second.

    `Last-Modified` has whole seconds: a second change within the same second must
    still carry a later time, or `If-Modified-Since` would call it unchanged.
    """
    now = timezone.now()
    version = ContentVersion(token=uuid.uuid4().hex, changed_at=now)
    updated = ContentVersionRecord.objects.filter(pk=_ROW).update(
        token=version.token,
        changed_at=Greatest(
            Value(now, output_field=DateTimeField()),
            Trunc("changed_at", "second") + timedelta(seconds=1),
        ),
    )
    if not updated:
        ContentVersionRecord.objects.bulk_create(
            [ContentVersionRecord(pk=_ROW, token=version.token, changed_at=now)],
            ignore_conflicts=True,
        )
    return version
