"""An event's districts and organiser come from its calendar's municipality, whoever
edits it: a Gelsenkirchen event filed under a Delbrück district would appear in the
platform-wide feed under Delbrück."""

import pytest
from django.urls import reverse

from cms.events.models import EventPage
from tests.factories import UserFactory
from tests.providers.factories import ProviderIndexPageFactory, ProviderPageFactory

from .form_data import event_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="plattform-admin", is_superuser=True, is_staff=True)


def _add_event_url(calendar_page):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", calendar_page.pk))


def _ostenland(delbrueck):
    return delbrueck.district_homes["ostenland"].district


@pytest.mark.parametrize("role", ("editor", "superuser"))
def test_event_with_only_a_foreign_district_is_a_form_error(
    client, request, role, calendar_page, delbrueck
):
    client.force_login(request.getfixturevalue(role))
    data = event_form_data(title="Fremdes Fest", districts=[_ostenland(delbrueck).pk])

    response = client.post(_add_event_url(calendar_page), data)

    assert response.status_code == 200
    assert "Quartiere von Gelsenkirchen" in str(response.context["form"].errors["districts"])
    assert not EventPage.objects.filter(title="Fremdes Fest").exists()


def test_event_with_own_and_foreign_districts_is_a_form_error(
    client, editor, calendar_page, gelsenkirchen, delbrueck
):
    schalke = gelsenkirchen.district_homes["schalke"].district
    client.force_login(editor)
    data = event_form_data(title="Halb fremd", districts=[schalke.pk, _ostenland(delbrueck).pk])

    response = client.post(_add_event_url(calendar_page), data)

    assert "districts" in response.context["form"].errors
    assert not EventPage.objects.filter(title="Halb fremd").exists()


@pytest.mark.parametrize("role", ("editor", "provider_a", "superuser"))
def test_event_form_offers_only_the_calendars_districts(
    client, request, role, calendar_page, gelsenkirchen
):
    client.force_login(request.getfixturevalue(role))
    form = client.get(_add_event_url(calendar_page)).context["form"]
    assert set(form.fields["districts"].queryset) == {
        home.district for home in gelsenkirchen.district_homes.values()
    }


def test_event_with_a_foreign_organiser_is_a_form_error(
    client, superuser, calendar_page, gelsenkirchen, delbrueck
):
    directory = ProviderIndexPageFactory(parent=delbrueck.portal)
    foreign_provider = ProviderPageFactory(parent=directory, title="Verein Delbrück")
    schalke = gelsenkirchen.district_homes["schalke"].district
    client.force_login(superuser)
    data = event_form_data(
        title="Fremder Veranstalter", districts=[schalke.pk], organiser=foreign_provider.pk
    )

    response = client.post(_add_event_url(calendar_page), data)

    assert "organiser" in response.context["form"].errors
    assert not EventPage.objects.filter(title="Fremder Veranstalter").exists()


def test_editor_files_an_event_under_an_own_district(client, editor, calendar_page, gelsenkirchen):
    schalke = gelsenkirchen.district_homes["schalke"].district
    client.force_login(editor)
    data = event_form_data(title="Schalker Fest", districts=[schalke.pk])

    assert client.post(_add_event_url(calendar_page), data).status_code == 302
    assert EventPage.objects.filter(title="Schalker Fest").exists()
