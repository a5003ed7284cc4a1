"""events/: the relations read as arrays of the event's row, and the shortcuts of a page
without filters, answer exactly what the per-relation queries and the form answer."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.api.events import (
    EVENT_COLUMNS,
    RELATION_COLUMNS,
    add_relation_ids,
    category_references,
    with_relation_ids,
)
from cms.events.forms import CalendarFilterForm
from cms.events.models import EventPage
from cms.events.selectors import CalendarFilters, visible_events
from cms.places.models import District
from cms.providers.models import ProviderPage, ServiceCategory
from tests.committed import as_committed
from tests.events.factories import EventPageFactory
from tests.providers.factories import ServiceCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(gelsenkirchen, calendar_page):
    schalke = gelsenkirchen.district_homes["schalke"].district
    huellen = gelsenkirchen.district_homes["huellen"].district
    start = timezone.now() + timedelta(days=3)
    tagged = EventPageFactory(
        parent=calendar_page,
        start=start,
        districts=[huellen, schalke],
        categories=[ServiceCategoryFactory(name="Treffen"), ServiceCategoryFactory(name="Bildung")],
    )
    tagged.tags.add("kaffee", "erzaehlen")
    tagged.save_revision().publish()
    bare = EventPageFactory(parent=calendar_page, start=start, districts=[])
    return [tagged, bare]


def test_relation_arrays_of_the_rows_equal_the_relations_read_one_query_each(events):
    ids = [event.pk for event in events]
    by_arrays = list(
        with_relation_ids(EventPage.objects.filter(pk__in=ids))
        .order_by("pk")
        .values(*EVENT_COLUMNS[:1], *RELATION_COLUMNS)
    )
    by_queries = list(EventPage.objects.filter(pk__in=ids).order_by("pk").values("id"))
    add_relation_ids(by_queries)

    for row in (*by_arrays, *by_queries):
        row["tag_slugs"] = sorted(row["tag_slugs"])
    assert by_arrays == by_queries
    assert by_arrays[0]["category_ids"] == list(
        ServiceCategory.objects.filter(pk__in=by_arrays[0]["category_ids"])
        .order_by("name")
        .values_list("pk", flat=True)
    )
    assert by_arrays[1] == {
        "id": events[1].pk,
        "district_ids": [],
        "social_space_ids": [],
        "category_ids": [],
        "tag_slugs": [],
    }


def test_item_shows_its_categories_in_their_order_with_slug_and_name(client, events):
    results = client.get("/api/v1/events/").json()["results"]
    item = next(result for result in results if result["id"] == events[0].pk)

    assert [category["name"] for category in item["categories"]] == ["Bildung", "Treffen"]
    assert set(item["categories"][0]) == {"id", "slug", "name"}
    assert item["tags"] == ["erzaehlen", "kaffee"]


def test_a_renamed_category_shows_on_the_next_request(client, events):
    as_committed()
    client.get("/api/v1/events/")
    category = ServiceCategory.objects.get(name="Treffen")
    category.name = "Begegnung"
    category.save()
    as_committed()

    results = client.get("/api/v1/events/").json()["results"]
    item = next(result for result in results if result["id"] == events[0].pk)
    assert [category["name"] for category in item["categories"]] == ["Begegnung", "Bildung"]


def test_calendar_form_without_filters_gives_the_empty_filters(gelsenkirchen):
    # events/ without a filter skips the form and takes CalendarFilters() instead.
    form = CalendarFilterForm(
        {},
        districts=District.objects.none(),
        categories=ServiceCategory.objects.none(),
        providers=ProviderPage.objects.none(),
        iso_dates_only=True,
    )
    assert form.filters() == CalendarFilters()


def test_a_new_view_restriction_hides_the_events_below_it_on_the_next_request(
    client, events, calendar_page
):
    as_committed()
    assert len(client.get("/api/v1/events/").json()["results"]) == 2

    PageViewRestriction.objects.create(
        page=calendar_page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    as_committed()

    assert client.get("/api/v1/events/").json()["results"] == []
    assert not visible_events().exists()


def test_a_category_missing_from_the_kept_ones_is_read_with_the_page(client, events, rf):
    as_committed()
    request = rf.get("/")
    category_references([], request)  # kept under this version, without the new one
    added = ServiceCategoryFactory(name="Neu")
    row = {"category_ids": [added.pk]}

    assert category_references([row], request)[added.pk]["name"] == "Neu"
