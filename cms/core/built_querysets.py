"""Querysets that cost more to build than to run, built once per process for their inputs.

Django builds a queryset with nested subqueries (the visibility rules: listed
providers and their valid consents, the apps' exclusions) by resolving and relabelling
every subquery: about a millisecond per selector on every request, more than the
database needs to run the query. Yet the SQL depends only on a few inputs (the
view-restricted paths, today's date, the hooks registered). `built()` keeps the last
queryset built for its inputs and hands out clones of it. A queryset kept here is never
evaluated, so it holds no rows, only the query.
"""

from collections.abc import Callable, Hashable

from django.db.models import QuerySet

_last: dict[str, tuple[Hashable, QuerySet]] = {}


def built(name: str, inputs: Hashable, build: Callable[[], QuerySet]) -> QuerySet:
    """A clone of the queryset `build()` makes for `inputs`, built anew when they change.

    `inputs` must name everything the query depends on; one entry per `name` is kept
    (the inputs change rarely: a new restriction, the next day).
    """
    entry = _last.get(name)
    if entry is None or entry[0] != inputs:
        entry = (inputs, build())
        _last[name] = entry
    return entry[1].all()
