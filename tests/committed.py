"""What a commit does for the content version, inside a test's transaction.

A test's transaction never commits, so the content version's bump waits for ever and
every request inside the test counts as one that sees uncommitted changes, which
nothing may be cached for (cms.core.content_version). `as_committed()` runs that bump
now, as the commit would: afterwards the test's data counts as committed and caches
keyed by the version work as they do in production.
"""

from django.db import connection

from cms.core import content_version


def as_committed() -> None:
    pending = content_version._pending(connection)
    if pending is not None:
        pending()
