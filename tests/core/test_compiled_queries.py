"""cms.core.compiled_queries: a query's SQL kept for its shape, the values put in."""

from datetime import UTC, datetime, timedelta

import pytest
from wagtail.models import Page

from cms.core import compiled_queries
from cms.events.models import EventOccurrence

pytestmark = pytest.mark.django_db

START = datetime(2027, 3, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _nothing_kept():
    compiled_queries.forget()
    yield
    compiled_queries.forget()


def _counted(build):
    calls = []

    def counting(**values):
        calls.append(values)
        return build(**values)

    return counting, calls


def _window(window_start, window_end, after_pk):
    return EventOccurrence.objects.filter(
        start__lt=window_end, end__gt=window_start, pk__gt=after_pk
    ).values_list("pk")


def test_kept_sql_with_new_values_is_what_a_fresh_build_gives():
    first = {"window_start": START, "window_end": START + timedelta(days=31), "after_pk": 7}
    later = {
        "window_start": START + timedelta(days=40),
        "window_end": START + timedelta(days=50),
        "after_pk": 12345,
    }
    compiled_queries.sql_for("window", _window, first)

    kept = compiled_queries.sql_for("window", _window, later)

    fresh = _window(**later).query.sql_with_params()
    assert kept == (fresh[0], list(fresh[1]))


def test_a_kept_query_is_not_built_again():
    build, calls = _counted(_window)
    values = {"window_start": START, "window_end": START + timedelta(days=31), "after_pk": 7}
    compiled_queries.sql_for("window", build, values)
    learnt = len(calls)

    compiled_queries.sql_for("window", build, {**values, "after_pk": 99})

    assert learnt == 2
    assert len(calls) == learnt


def test_a_value_that_changes_the_sql_keeps_the_query_from_being_kept():
    def shaped(after_pk):
        pages = Page.objects.filter(pk__gt=after_pk)
        return pages.filter(depth=2) if after_pk > 100 else pages

    build, calls = _counted(shaped)
    compiled_queries.sql_for("shaped", build, {"after_pk": 50})
    compiled_queries.sql_for("shaped", build, {"after_pk": 500})

    assert compiled_queries.sql_for("shaped", shaped, {"after_pk": 500})[0] == str(
        shaped(500).query.sql_with_params()[0]
    )
    assert len(calls) == 3  # learning twice, then built for each call


def test_a_value_that_goes_in_converted_keeps_the_query_from_being_kept():
    def by_day(window_start):
        return EventOccurrence.objects.filter(start__date=window_start.date()).values_list("pk")

    build, calls = _counted(by_day)
    compiled_queries.sql_for("by-day", build, {"window_start": START})
    _sql, params = compiled_queries.sql_for(
        "by-day", build, {"window_start": START + timedelta(days=3)}
    )

    assert params == list(by_day(START + timedelta(days=3)).query.sql_with_params()[1])
    assert len(calls) == 3


def test_without_a_key_nothing_is_kept():
    build, calls = _counted(_window)
    values = {"window_start": START, "window_end": START + timedelta(days=1), "after_pk": 1}
    compiled_queries.sql_for(None, build, values)
    compiled_queries.sql_for(None, build, values)

    assert len(calls) == 2


def _pages_after(after_0):
    return Page.objects.filter(pk__gt=after_0).order_by("pk").values("pk", "title", "depth")


def test_kept_rows_are_what_the_queryset_gives(gelsenkirchen):
    build, calls = _counted(_pages_after)
    first = compiled_queries.rows_for("pages", build, {"after_0": 0})
    learnt = len(calls)

    later = compiled_queries.rows_for("pages", build, {"after_0": gelsenkirchen.portal.pk})

    assert first == list(_pages_after(0))
    assert later == list(_pages_after(gelsenkirchen.portal.pk))
    assert later and len(later) < len(first)
    assert len(calls) == learnt == 2


@pytest.mark.parametrize(
    "values",
    [{"after_0": 2**62}, {"after_0": datetime(9999, 12, 31, 23, 59, tzinfo=UTC)}],
    ids=["huge-id", "last-year"],
)
def test_a_value_at_the_edge_of_its_range_is_answered_but_not_kept(values):
    def build(after_0):
        field = "pk" if isinstance(after_0, int) else "start"
        return EventOccurrence.objects.filter(**{f"{field}__gt": after_0}).values_list("pk")

    calls = []

    def counting(**given):
        calls.append(given)
        return build(**given)

    compiled_queries.sql_for("edge", counting, values)
    compiled_queries.sql_for("edge", counting, values)

    assert len(calls) == 2  # built for each call, never learnt
