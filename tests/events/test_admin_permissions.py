"""Providers edit only the events they own; another provider's event stays untouched."""

import pytest
from django.urls import reverse

from tests.admin_checks import PageSnapshot, assert_permission_denied
from tests.factories import TEST_PASSWORD

from .factories import EventPageFactory

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
