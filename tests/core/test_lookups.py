"""`__any_of`: a list of ids as one array parameter, the same rows as `__in`."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page


def test_any_of_finds_the_rows_in_finds(gelsenkirchen):
    ids = [gelsenkirchen.district_pages["schalke"].pk, gelsenkirchen.portal.pk, 2**31 - 1]

    found = set(Page.objects.filter(pk__any_of=ids).values_list("pk", flat=True))

    assert found == set(Page.objects.filter(pk__in=ids).values_list("pk", flat=True))
    assert found == {gelsenkirchen.district_pages["schalke"].pk, gelsenkirchen.portal.pk}


def test_any_of_sends_the_ids_as_one_array(gelsenkirchen):
    ids = list(Page.objects.values_list("pk", flat=True))

    with CaptureQueriesContext(connection) as captured:
        list(Page.objects.filter(pk__any_of=ids).values_list("pk"))

    (query,) = captured.captured_queries
    assert "= ANY(" in query["sql"]
    assert " IN (" not in query["sql"]


def test_any_of_an_empty_list_finds_nothing_without_a_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert list(Page.objects.filter(pk__any_of=[])) == []
