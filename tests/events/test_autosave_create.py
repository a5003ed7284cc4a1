"""Wagtail 8's autosave creates a new event from the half-filled form; the editor's own
"Speichern" afterwards edits that page instead of creating a second one."""

import pytest
from django.urls import reverse

from cms.events.models import EventPage

from .form_data import event_form_data

pytestmark = pytest.mark.django_db

# How Wagtail's autosave posts: the create form, asking for JSON instead of HTML.
AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def _add_event_url(calendar_page):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", calendar_page.pk))


def test_save_after_autosave_edits_the_autosaved_event(client, calendar_page, provider_a):
    client.force_login(provider_a)
    url = _add_event_url(calendar_page)
    autosaved = client.post(url, event_form_data(title="Spielenachmittag"), **AUTOSAVE)
    page_id = autosaved.json()["pk"]

    response = client.post(url, event_form_data(title="Spielenachmittag", venue_name="Bücherei"))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page_id,))
    assert EventPage.objects.filter(title="Spielenachmittag").count() == 1
    saved = EventPage.objects.get(pk=page_id).get_latest_revision_as_object()
    assert saved.venue_name == "Bücherei"


def test_second_autosave_of_a_new_event_updates_the_same_page(client, calendar_page, provider_a):
    client.force_login(provider_a)
    url = _add_event_url(calendar_page)
    first = client.post(url, event_form_data(title="Spielenachmittag"), **AUTOSAVE)

    second = client.post(url, event_form_data(title="Spielenachmittag", city="Buer"), **AUTOSAVE)

    assert second.status_code == 200
    assert second.json()["success"] is True
    assert EventPage.objects.filter(title="Spielenachmittag").count() == 1
    assert EventPage.objects.get(pk=first.json()["pk"]).get_latest_revision_as_object().city == (
        "Buer"
    )


def test_another_new_event_with_its_own_slug_is_created_beside_the_autosaved_one(
    client, calendar_page, provider_a
):
    client.force_login(provider_a)
    url = _add_event_url(calendar_page)
    client.post(url, event_form_data(title="Spielenachmittag"), **AUTOSAVE)

    response = client.post(url, event_form_data(title="Erzählcafé"))

    assert response.status_code == 302
    assert EventPage.objects.filter(title__in=["Spielenachmittag", "Erzählcafé"]).count() == 2


def test_autosaved_page_of_another_user_is_not_taken_over(
    client, calendar_page, provider_a, provider_b
):
    client.force_login(provider_a)
    url = _add_event_url(calendar_page)
    client.post(url, event_form_data(title="Spielenachmittag"), **AUTOSAVE)
    client.force_login(provider_b)

    response = client.post(url, event_form_data(title="Spielenachmittag"))

    assert response.status_code < 500
    assert EventPage.objects.filter(title="Spielenachmittag", owner=provider_b).count() == 0
