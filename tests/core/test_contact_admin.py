"""Contacts belong to a municipality: only its editorial team edits or chooses them."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cms.core.models import Contact
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ID_VIEWS = ("edit", "delete", "copy", "usage", "history", "history_results")


def _url(name, *args):
    return reverse(f"wagtailsnippets_core_contact:{name}", args=args)


def _contact(municipality, name="Kontaktstelle Barrierefreiheit", email="kontakt@quartier.invalid"):
    return Contact.objects.create(
        name=name, email=email, municipality=municipality, locale=Locale.get_default()
    )


@pytest.fixture
def own_contact(gelsenkirchen):
    return _contact(gelsenkirchen.municipality, name="Büro Gelsenkirchen")


@pytest.fixture
def foreign_contact(delbrueck):
    return _contact(
        delbrueck.municipality, name="Büro Delbrück", email="delbrueck@quartier.invalid"
    )


@pytest.fixture
def shared_contact(db):
    return _contact(None, name="Plattform-Hilfe", email="hilfe@quartier.invalid")


@pytest.fixture
def superuser(db):
    return UserFactory(username="plattform-admin", is_superuser=True, is_staff=True)


def _contact_form_data(contact, **changes):
    data = {
        "municipality": contact.municipality_id or "",
        "name": contact.name,
        "role": contact.role,
        "organisation": contact.organisation,
        "phone": contact.phone,
        "email": contact.email,
        "address": contact.address,
        "office_hours": contact.office_hours,
        "locale": contact.locale_id,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("view_name", ID_VIEWS)
def test_editorial_team_gets_404_for_every_view_of_a_foreign_contact(
    client, editor, foreign_contact, view_name
):
    client.force_login(editor)
    assert client.get(_url(view_name, foreign_contact.pk)).status_code == 404


@pytest.mark.parametrize("view_name", ("edit", "usage", "history"))
def test_editorial_team_opens_the_views_of_its_own_contact(client, editor, own_contact, view_name):
    client.force_login(editor)
    assert client.get(_url(view_name, own_contact.pk)).status_code == 200


def test_editorial_team_cannot_redirect_a_foreign_contacts_mail(client, editor, foreign_contact):
    client.force_login(editor)
    response = client.post(
        _url("edit", foreign_contact.pk),
        _contact_form_data(foreign_contact, email="angreifer@quartier.invalid"),
    )
    assert response.status_code == 404
    foreign_contact.refresh_from_db()
    assert foreign_contact.email == "delbrueck@quartier.invalid"


def test_editorial_team_cannot_delete_a_foreign_contact(client, editor, foreign_contact):
    client.force_login(editor)
    assert client.post(_url("delete", foreign_contact.pk)).status_code == 404
    assert Contact.objects.filter(pk=foreign_contact.pk).exists()


def test_editorial_team_changes_its_own_contact(client, editor, own_contact):
    client.force_login(editor)
    response = client.post(
        _url("edit", own_contact.pk), _contact_form_data(own_contact, phone="0209 1")
    )
    assert response.status_code == 302
    own_contact.refresh_from_db()
    assert own_contact.phone == "0209 1"


def test_contact_list_shows_only_the_editors_municipality(
    client, editor, own_contact, foreign_contact, shared_contact
):
    client.force_login(editor)
    content = client.get(_url("list")).content.decode()
    assert "Büro Gelsenkirchen" in content
    assert "Büro Delbrück" not in content
    assert "Plattform-Hilfe" not in content


def test_platform_wide_contact_is_edited_by_platform_admins_only(
    client, editor, superuser, shared_contact
):
    client.force_login(editor)
    assert client.get(_url("edit", shared_contact.pk)).status_code == 404
    client.force_login(superuser)
    assert client.get(_url("edit", shared_contact.pk)).status_code == 200


def test_contact_form_offers_only_the_editors_municipalities(client, editor, own_contact):
    client.force_login(editor)
    form = client.get(_url("edit", own_contact.pk)).context["form"]
    assert list(form.fields["municipality"].queryset) == [own_contact.municipality]


def test_new_contact_in_a_foreign_municipality_is_a_form_error(client, editor, delbrueck):
    client.force_login(editor)
    data = _contact_form_data(
        Contact(name="Fremd", locale=Locale.get_default()), municipality=delbrueck.municipality.pk
    )
    response = client.post(_url("add"), data)
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Contact.objects.filter(name="Fremd").exists()


def test_editorial_team_cannot_make_a_platform_wide_contact(client, editor):
    client.force_login(editor)
    data = _contact_form_data(Contact(name="Ohne Kommune", locale=Locale.get_default()))
    response = client.post(_url("add"), data)
    assert "municipality" in response.context["form"].errors
    assert not Contact.objects.filter(name="Ohne Kommune").exists()


def test_editorial_team_adds_a_contact_for_its_municipality(client, editor, gelsenkirchen):
    client.force_login(editor)
    data = _contact_form_data(
        Contact(name="Neu", locale=Locale.get_default()),
        municipality=gelsenkirchen.municipality.pk,
    )
    assert client.post(_url("add"), data).status_code == 302
    assert Contact.objects.get(name="Neu").municipality == gelsenkirchen.municipality


def test_chooser_offers_own_and_platform_wide_contacts_only(
    client, schalke_editor, own_contact, foreign_contact, shared_contact
):
    client.force_login(schalke_editor)
    content = client.get(reverse("wagtailsnippetchoosers_core_contact:choose")).json()["html"]
    assert "Büro Gelsenkirchen" in content
    assert "Plattform-Hilfe" in content
    assert "Büro Delbrück" not in content


def test_chooser_search_leaves_out_foreign_contacts(client, editor, foreign_contact):
    client.force_login(editor)
    response = client.get(
        reverse("wagtailsnippetchoosers_core_contact:choose_results"), {"q": "Delbrück"}
    )
    assert "Büro Delbrück" not in response.content.decode()


def test_chooser_answers_404_for_a_foreign_contact(client, editor, foreign_contact):
    client.force_login(editor)
    url = reverse("wagtailsnippetchoosers_core_contact:chosen", args=[foreign_contact.pk])
    assert client.get(url).status_code == 404


def test_chooser_returns_nothing_for_foreign_ids_chosen_together(
    client, editor, own_contact, foreign_contact
):
    client.force_login(editor)
    response = client.get(
        reverse("wagtailsnippetchoosers_core_contact:chosen_multiple"),
        {"id": [own_contact.pk, foreign_contact.pk]},
    )
    chosen = [int(item["id"]) for item in response.json()["result"]]
    assert chosen == [own_contact.pk]


def test_exchange_roles_choose_no_contacts(client, gelsenkirchen, own_contact):
    helper = UserFactory(groups=[gelsenkirchen.groups["municipality_admins"]])
    client.force_login(helper)
    response = client.get(reverse("wagtailsnippetchoosers_core_contact:choose"))
    assert "Büro Gelsenkirchen" not in response.json()["html"]


def test_bulk_delete_confirmation_does_not_name_a_foreign_contact(client, editor, foreign_contact):
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["core", "contact", "delete"])
    response = client.get(url, {"id": [foreign_contact.pk]})
    assert "Büro Delbrück" not in response.content.decode()


def test_bulk_delete_leaves_a_foreign_contact_alone(client, editor, foreign_contact):
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["core", "contact", "delete"])
    client.post(f"{url}?id={foreign_contact.pk}")
    assert Contact.objects.filter(pk=foreign_contact.pk).exists()


def test_translation_of_a_contact_keeps_its_municipality(own_contact):
    english, _created = Locale.objects.get_or_create(language_code="en")
    translation = own_contact.copy_for_translation(english)
    translation.municipality = None
    translation.save()
    assert translation.municipality == own_contact.municipality


def test_editorial_team_cannot_translate_a_foreign_contact(client, editor, foreign_contact):
    english, _created = Locale.objects.get_or_create(language_code="en")
    client.force_login(editor)
    client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["core", "contact", foreign_contact.pk],
        ),
        {"locales": [english.pk]},
    )
    assert not Contact.objects.filter(locale=english).exists()


def test_translation_editors_snippet_api_refuses_a_foreign_contact(client, editor, foreign_contact):
    client.force_login(editor)
    url = reverse(
        "wagtail_localize:snippets_api_detail", args=["core", "contact", foreign_contact.pk]
    )
    assert client.get(url).status_code == 404


def test_editorial_team_deletes_its_own_contact(client, editor, own_contact):
    client.force_login(editor)
    assert client.post(_url("delete", own_contact.pk)).status_code == 302
    assert not Contact.objects.filter(pk=own_contact.pk).exists()
