"""Events may name the social spaces they belong to, within the event's districts."""

import pytest
from django.utils.datastructures import MultiValueDict
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.events.models import EventPage
from cms.places.models import SocialSpace

pytestmark = pytest.mark.django_db


def _form(calendar_page, editor, *, districts, social_spaces):
    form_class = EventPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": "Kirchenkaffee",
            "slug": "kirchenkaffee",
            "description": rich_text("<p>Kaffee nach dem Gottesdienst.</p>"),
            "start": "2026-03-15 11:00",
            "end": "2026-03-15 12:00",
            "recurrence_rule": "",
            "status": "scheduled",
            "attendance_mode": "on_site",
            "venue_name": "Pfarrheim",
            "target_group": "everyone",
            "is_free": "on",
            "changes": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    # Checkboxes of a many-to-many field send one value each, as a browser does.
    data = MultiValueDict({key: [value] for key, value in data.items()})
    data.setlist("districts", [str(district.pk) for district in districts])
    data.setlist("social_spaces", [str(space.pk) for space in social_spaces])
    return form_class(data, instance=EventPage(), parent_page=calendar_page, for_user=editor)


@pytest.fixture
def places(gelsenkirchen):
    schalke = gelsenkirchen.district_homes["schalke"].district
    huellen = gelsenkirchen.district_homes["huellen"].district
    return {
        "schalke": schalke,
        "huellen": huellen,
        "parish": SocialSpace.objects.create(district=schalke, name="St. Joseph"),
        "school": SocialSpace.objects.create(district=huellen, name="Grundschule Hüllen"),
    }


def test_social_space_of_one_of_the_events_districts_is_accepted(calendar_page, editor, places):
    form = _form(
        calendar_page, editor, districts=[places["schalke"]], social_spaces=[places["parish"]]
    )
    assert form.is_valid(), form.errors


def test_social_space_outside_the_events_districts_is_refused_with_its_name(
    calendar_page, editor, places
):
    form = _form(
        calendar_page,
        editor,
        districts=[places["schalke"]],
        social_spaces=[places["parish"], places["school"]],
    )
    assert not form.is_valid()
    assert "Grundschule Hüllen" in form.errors["social_spaces"][0]
    assert "St. Joseph" not in form.errors["social_spaces"][0]


def test_social_space_choices_name_their_district(calendar_page, editor, places):
    form = _form(calendar_page, editor, districts=[], social_spaces=[])
    labels = [label for _value, label in form.fields["social_spaces"].choices]
    assert "St. Joseph (Schalke)" in labels and "Grundschule Hüllen (Hüllen)" in labels


def test_editors_event_form_offers_no_social_space_of_another_municipality(
    calendar_page, editor, places, delbrueck
):
    delbrueck_district = delbrueck.district_homes["ostenland"].district
    SocialSpace.objects.create(district=delbrueck_district, name="Pfarrei St. Landelin")
    form = _form(calendar_page, editor, districts=[], social_spaces=[])
    labels = [label for _value, label in form.fields["social_spaces"].choices]
    assert not any("Landelin" in label for label in labels)
    assert "St. Joseph (Schalke)" in labels


def test_district_editors_event_form_offers_only_their_districts_social_spaces(
    calendar_page, schalke_editor, places
):
    form = _form(calendar_page, schalke_editor, districts=[], social_spaces=[])
    labels = [label for _value, label in form.fields["social_spaces"].choices]
    assert labels == ["St. Joseph (Schalke)"]
