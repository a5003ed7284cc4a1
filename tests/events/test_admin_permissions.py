"""Providers and district editors edit only the events they own, never publish.

Another provider's or another district's event stays untouched; a district editor
files events only under their own district.
"""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.events.models import EventOccurrence, EventPage
from tests.admin_checks import PageSnapshot, assert_permission_denied
from tests.factories import TEST_PASSWORD

from .factories import EventIndexPageFactory, EventPageFactory
from .form_data import event_edit_form_data, event_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_of_a(calendar_page, provider_a, editor):
    return EventPageFactory(
        parent=calendar_page, title="Kaffeetafel A", owner=provider_a, published_by=editor
    )


def _url(name, page, *extra):
    return reverse(f"wagtailadmin_pages:{name}", args=(page.pk, *extra))


@pytest.mark.parametrize(
    ("method", "name", "data"),
    [
        ("get", "edit", None),
        ("post", "edit", {"title": "Übernommen", "slug": "x"}),
        ("post", "edit", {"title": "Übernommen", "slug": "x", "action-publish": "1"}),
        ("get", "delete", None),
        ("post", "delete", {}),
        ("get", "unpublish", None),
        ("post", "unpublish", {}),
        ("get", "history", None),
    ],
)
def test_provider_cannot_touch_another_providers_event(
    client, event_of_a, provider_b, method, name, data
):
    before = PageSnapshot.take(event_of_a)
    client.login(username=provider_b.username, password=TEST_PASSWORD)
    response = getattr(client, method)(_url(name, event_of_a), data)
    assert_permission_denied(response)
    assert PageSnapshot.take(event_of_a) == before


def test_provider_can_open_their_own_event_but_not_publish_it(client, event_of_a, provider_a):
    client.login(username=provider_a.username, password=TEST_PASSWORD)
    assert client.get(_url("edit", event_of_a)).status_code == 200
    assert not event_of_a.permissions_for_user(provider_a).can_publish()


def test_provider_may_add_events_to_the_calendar(client, calendar_page, provider_a):
    client.login(username=provider_a.username, password=TEST_PASSWORD)
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", calendar_page.pk))
    assert client.get(url).status_code == 200


def test_organiser_choice_is_limited_to_own_profiles(
    client, calendar_page, provider_a, editor, gelsenkirchen
):
    from tests.providers.factories import ProviderIndexPageFactory, ProviderPageFactory

    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    own = ProviderPageFactory(
        parent=directory, title="Eigenes Profil", owner=provider_a, published_by=editor
    )
    ProviderPageFactory(parent=directory, title="Fremdes Profil", published_by=editor)
    client.login(username=provider_a.username, password=TEST_PASSWORD)
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", calendar_page.pk))
    form = client.get(url).context["form"]
    assert list(form.fields["organiser"].queryset) == [own]


def test_feed_admin_is_scoped_to_the_editors_municipality(client, delbrueck_editor, gelsenkirchen):
    from cms.events.models import ExternalCalendarFeed

    feed = ExternalCalendarFeed.objects.create(
        name="Schalker Verein",
        url="https://verein.example/feed.ics",
        district=gelsenkirchen.district_homes["schalke"].district,
    )
    client.login(username=delbrueck_editor.username, password=TEST_PASSWORD)
    assert "Schalker Verein" not in client.get("/admin/calendar_feeds/").content.decode()
    assert client.get(f"/admin/calendar_feeds/edit/{feed.pk}/").status_code == 404


# --- District editors on the portal's calendar ----------------------------------------------


def _add_event_url(calendar_page):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", calendar_page.pk))


@pytest.fixture
def huellen_event(calendar_page, gelsenkirchen, huellen_editor, editor):
    """An event the Hüllen editors wrote for Hüllen, published by the editorial team."""
    return EventPageFactory(
        parent=calendar_page,
        title="Hüllener Kaffeeklatsch",
        owner=huellen_editor,
        published_by=editor,
        districts=[gelsenkirchen.district_homes["huellen"].district],
    )


def test_district_editor_may_open_the_add_form_of_the_calendar(
    client, calendar_page, schalke_editor
):
    client.force_login(schalke_editor)
    assert client.get(_add_event_url(calendar_page)).status_code == 200


def test_district_editor_may_choose_only_their_own_district(
    client, calendar_page, gelsenkirchen, schalke_editor
):
    client.force_login(schalke_editor)
    form = client.get(_add_event_url(calendar_page)).context["form"]
    assert list(form.fields["districts"].queryset) == [
        gelsenkirchen.district_homes["schalke"].district
    ]


def test_district_editor_submits_a_new_event_of_their_district_for_review(
    client, calendar_page, gelsenkirchen, schalke_editor
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    client.force_login(schalke_editor)
    data = event_form_data(title="Schalker Flohmarkt", districts=[schalke.pk], action="submit")

    response = client.post(_add_event_url(calendar_page), data)

    assert response.status_code == 302
    event = EventPage.objects.get(title="Schalker Flohmarkt")
    assert event.owner == schalke_editor
    assert not event.live
    assert event.workflow_in_progress
    assert list(event.get_latest_revision_as_object().districts.all()) == [schalke]


def test_district_editor_cannot_publish_a_new_event(
    client, calendar_page, gelsenkirchen, schalke_editor
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    client.force_login(schalke_editor)
    data = event_form_data(title="Gleich live?", districts=[schalke.pk], action="publish")

    client.post(_add_event_url(calendar_page), data)

    assert not EventPage.objects.filter(title="Gleich live?", live=True).exists()
    assert not EventOccurrence.objects.filter(event__title="Gleich live?").exists()


def test_district_editor_cannot_file_an_event_under_another_district(
    client, calendar_page, gelsenkirchen, schalke_editor
):
    huellen = gelsenkirchen.district_homes["huellen"].district
    client.force_login(schalke_editor)
    data = event_form_data(title="Fremdes Quartier", districts=[huellen.pk])

    response = client.post(_add_event_url(calendar_page), data)

    assert response.status_code == 200
    assert "districts" in response.context["form"].errors
    assert not EventPage.objects.filter(title="Fremdes Quartier").exists()


def test_district_editor_must_name_their_district(client, calendar_page, schalke_editor):
    client.force_login(schalke_editor)
    data = event_form_data(title="Ohne Quartier", districts=[])

    response = client.post(_add_event_url(calendar_page), data)

    assert response.status_code == 200
    assert "Bitte wählen Sie das Quartier" in response.content.decode()
    assert not EventPage.objects.filter(title="Ohne Quartier").exists()


def test_district_editor_edits_own_event_and_submits_it(
    client, calendar_page, gelsenkirchen, schalke_editor, editor
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    event = EventPageFactory(
        parent=calendar_page,
        title="Schalker Frühstück",
        owner=schalke_editor,
        published_by=editor,
        districts=[schalke],
    )
    client.force_login(schalke_editor)
    data = event_edit_form_data(event, venue_name="Gemeindesaal", action="submit")

    response = client.post(_url("edit", event), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.venue_name == "Nachbarschaftszentrum"  # the live version waits for review
    assert event.get_latest_revision_as_object().venue_name == "Gemeindesaal"
    assert event.workflow_in_progress


def _forbidden_district_requests(event, calendar_page):
    hijack = event_edit_form_data(event, title="Übernommen")
    return {
        "edit-get": ("get", _url("edit", event), None),
        "edit-save": ("post", _url("edit", event), hijack),
        "edit-publish": ("post", _url("edit", event), {**hijack, "action-publish": "1"}),
        "edit-submit": ("post", _url("edit", event), {**hijack, "action-submit": "1"}),
        "delete-get": ("get", _url("delete", event), None),
        "delete": ("post", _url("delete", event), {}),
        "unpublish": ("post", _url("unpublish", event), {}),
        "history": ("get", _url("history", event), None),
        "lock": ("post", _url("lock", event), {}),
        "copy": (
            "post",
            _url("copy", event),
            {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": calendar_page.pk},
        ),
        "move": ("get", _url("move", event), None),
    }


@pytest.mark.parametrize(
    "name",
    [
        "edit-get", "edit-save", "edit-publish", "edit-submit", "delete-get", "delete",
        "unpublish", "history", "lock", "copy", "move",
    ],
)  # fmt: skip
def test_district_editor_cannot_touch_another_districts_event(
    client, calendar_page, huellen_event, schalke_editor, name
):
    method, url, data = _forbidden_district_requests(huellen_event, calendar_page)[name]
    before = PageSnapshot.take(huellen_event)
    logs_before = PageLogEntry.objects.filter(page=huellen_event).count()
    client.force_login(schalke_editor)

    response = getattr(client, method)(url, data)

    assert_permission_denied(response)
    assert PageSnapshot.take(huellen_event) == before
    assert PageLogEntry.objects.filter(page=huellen_event).count() == logs_before


def test_setting_up_roles_gives_district_editors_add_on_every_calendar(
    gelsenkirchen, schalke_editor
):
    from cms.roles.services import municipality_roles_ensure

    calendar = EventIndexPageFactory(parent=gelsenkirchen.portal)
    assert not calendar.permissions_for_user(schalke_editor).can_add_subpage()

    municipality_roles_ensure(municipality=gelsenkirchen.municipality, portal=gelsenkirchen.portal)

    schalke_editor = type(schalke_editor).objects.get(pk=schalke_editor.pk)  # no cached rights
    permissions = calendar.permissions_for_user(schalke_editor)
    assert permissions.can_add_subpage()
    assert not permissions.can_edit()
    assert not permissions.can_publish_subpage()
