"""events/ items: every embedded relation, read as values, shows what the page shows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.events.models import EventOccurrenceChange
from tests.committed import as_committed
from tests.events.factories import EventPageFactory
from tests.media import image_in, media_collection
from tests.providers.factories import ProviderPageFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(gelsenkirchen, calendar_page, directory):
    organiser = ProviderPageFactory(parent=directory, title="Nachbarschaftsverein")
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    event = EventPageFactory(
        parent=calendar_page,
        title="Erzählcafé",
        organiser=organiser,
        start=start,
        end=start + timedelta(hours=2),
        recurrence_rule="FREQ=WEEKLY;COUNT=4",
        districts=[
            gelsenkirchen.district_homes["schalke"].district,
            gelsenkirchen.district_homes["huellen"].district,
        ],
        categories=[ServiceCategoryFactory(name="Treffen"), ServiceCategoryFactory(name="Bildung")],
        changes=[
            EventOccurrenceChange(
                original_start=start + timedelta(days=7),
                cancelled=True,
                cancellation_reason="Krank",
            ),
            EventOccurrenceChange(
                original_start=start + timedelta(days=14),
                new_start=start + timedelta(days=15),
                new_end=start + timedelta(days=15, hours=2),
            ),
        ],
        image=image_in(media_collection(gelsenkirchen), title="Kaffee"),
        image_alt_text="Tassen auf einem Tisch",
        step_free_access=True,
    )
    event.tags.add("kaffee", "erzaehlen")
    event.save_revision().publish()
    return event


def _item(client, **params):
    response = client.get("/api/v1/events/", params)
    assert response.status_code == 200, response.content[:300]
    (item,) = response.json()["results"]
    return item


def test_event_item_names_its_organiser_with_its_public_url(client, event):
    organiser = _item(client)["organiser"]
    assert organiser["id"] == event.organiser_id
    assert organiser["title"] == "Nachbarschaftsverein"
    assert organiser["url"] == event.organiser.get_full_url()


def test_event_item_lists_categories_by_name_districts_and_tags(client, event, gelsenkirchen):
    item = _item(client)
    assert [category["name"] for category in item["categories"]] == ["Bildung", "Treffen"]
    assert item["districts"] == sorted(
        gelsenkirchen.district_homes[slug].district.pk for slug in ("schalke", "huellen")
    )
    assert item["tags"] == ["erzaehlen", "kaffee"]


def test_event_item_schedule_has_its_cancelled_and_moved_dates(client, event):
    schedule = _item(client)["schedule"]
    assert schedule["rrule"] == "FREQ=WEEKLY;COUNT=4"
    assert schedule["cancelled"] == [{"original_start": schedule["exdates"][0], "reason": "Krank"}]
    assert len(schedule["moved"]) == 1
    assert schedule["moved"][0]["start"] != schedule["moved"][0]["original_start"]


def test_event_item_has_its_url_image_and_accessibility(client, event):
    item = _item(client)
    assert item["url"] == event.get_full_url()
    assert item["image"]["alt"] == "Tassen auf einem Tisch"
    assert set(item["image"]["renditions"]) == {"small", "medium", "large"}
    assert item["accessibility"]["step_free_access"] is True
    assert item["languages"] == ["de"]


def test_event_in_two_districts_appears_once_when_filtered_by_one(client, event):
    assert _item(client, district="schalke")["id"] == event.pk


def test_event_detail_answers_as_the_list_item_plus_its_description(client, event):
    item = _item(client)
    detail = client.get(f"/api/v1/events/{event.pk}/").json()
    assert detail.pop("description_text") == "Alle sind willkommen."
    assert "Alle sind willkommen." in detail.pop("description_html")
    assert detail == item


def test_first_page_of_events_takes_a_fixed_number_of_queries(
    client, event, django_assert_max_num_queries
):
    as_committed()  # the committed data a production request reads
    client.get("/api/v1/events/")
    # The content version (the view restrictions, locales and categories are kept
    # under it), the page with its relations' ids, its languages, the changed dates,
    # the organisers, images with renditions, the next dates.
    with django_assert_max_num_queries(8):
        client.get("/api/v1/events/", {"page_size": 1000})


def test_first_page_of_listings_takes_a_fixed_number_of_queries(
    client, gelsenkirchen, django_assert_max_num_queries
):
    client.get("/api/v1/listings/")
    with django_assert_max_num_queries(3):
        client.get("/api/v1/listings/", {"page_size": 1000})
