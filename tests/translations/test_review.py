"""A translation goes live only after review, except for those who may publish."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowPage, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from cms.core.models import Contact

pytestmark = pytest.mark.django_db

CHECKLIST_CONFIRMED = {
    "people_consented": "on",
    "no_third_party_data": "on",
    "sources_and_rights_named": "on",
}


@pytest.fixture
def schalke_page(gelsenkirchen):
    return gelsenkirchen.district_pages["schalke"]


@pytest.fixture
def english_draft(schalke_page, english, schalke_editor):
    """The Schalke page, submitted for translation into English by its district editor."""
    translate_object(schalke_page, [english], user=schalke_editor)
    return schalke_page.get_translation(english)


@pytest.fixture
def contact(gelsenkirchen):
    return Contact.objects.create(
        name="Stadtteilbüro Schalke",
        locale=Locale.get_default(),
        municipality=gelsenkirchen.municipality,
    )


def _submit_snippet_url(contact):
    return reverse(
        "wagtail_localize:submit_snippet_translation", args=["core", "contact", contact.pk]
    )


def test_new_translation_starts_as_a_draft_although_the_original_is_live(english_draft):
    assert not english_draft.live


def test_district_editor_submits_a_translation_through_the_admin(
    client, schalke_editor, schalke_page, english
):
    client.force_login(schalke_editor)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[schalke_page.pk]),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302
    translated = schalke_page.get_translation(english)
    assert not translated.live


def test_district_editor_cannot_translate_another_districts_page(
    client, schalke_editor, gelsenkirchen, english
):
    client.force_login(schalke_editor)
    huellen_page = gelsenkirchen.district_pages["huellen"]
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[huellen_page.pk]),
        {"locales": [english.pk]},
    )
    assert not Translation.objects.filter(source__object_id=huellen_page.translation_key).exists()


def test_district_editor_cannot_publish_from_the_translation_editor(
    client, schalke_editor, english_draft, django_capture_on_commit_callbacks
):
    client.force_login(schalke_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:edit", args=[english_draft.pk]), {"action": "publish"}
        )
    english_draft.refresh_from_db()
    assert not english_draft.live


def test_publish_immediately_on_sync_is_ignored_for_a_district_editor(
    client, schalke_editor, english_draft, schalke_page, django_capture_on_commit_callbacks
):
    translation = Translation.objects.get(target_locale=english_draft.locale)
    client.force_login(schalke_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[translation.source_id]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    english_draft.refresh_from_db()
    assert not english_draft.live


def test_editorial_team_may_publish_a_translation_directly(
    client, editor, english_draft, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    # wagtail-localize publishes the translation's revision once the request commits.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:edit", args=[english_draft.pk]), {"action": "publish"}
        )
    english_draft.refresh_from_db()
    assert english_draft.live


def test_district_editor_submits_the_translation_for_review(client, schalke_editor, english_draft):
    client.force_login(schalke_editor)
    response = client.post(reverse("translations_submit_for_review", args=[english_draft.pk]))
    assert response.status_code == 302
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(english_draft.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    english_draft.refresh_from_db()
    assert not english_draft.live


def test_reviewed_translation_goes_live_after_approval(
    client, schalke_editor, editor, english_draft
):
    client.force_login(schalke_editor)
    client.post(reverse("translations_submit_for_review", args=[english_draft.pk]))
    client.force_login(editor)
    for data in (CHECKLIST_CONFIRMED, {}):  # data-protection check, then approval
        page = Page.objects.get(pk=english_draft.pk)
        task_state = page.current_workflow_task_state
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(page.pk, "approve", task_state.pk),
            ),
            {"comment": "", **data},
        )
        assert response.status_code == 302
    english_draft.refresh_from_db()
    assert english_draft.live


def test_translated_tree_gets_the_editorial_workflow(english_draft, gelsenkirchen, english):
    english_portal = gelsenkirchen.portal.get_translation(english)
    assert WorkflowPage.objects.filter(page=english_portal).exists()
    assert english_draft.get_workflow() is not None


def test_district_editor_may_edit_the_translation_of_their_page(schalke_editor, english_draft):
    assert english_draft.permissions_for_user(schalke_editor).can_edit()
    assert not english_draft.permissions_for_user(schalke_editor).can_publish()


def test_submit_for_review_of_a_foreign_page_is_refused(client, huellen_editor, english_draft):
    client.force_login(huellen_editor)
    client.post(reverse("translations_submit_for_review", args=[english_draft.pk]))
    assert not WorkflowState.objects.filter(object_id=str(english_draft.pk)).exists()


def test_district_editor_cannot_convert_a_draft_translation_to_a_live_alias(
    client, schalke_editor, english_draft
):
    client.force_login(schalke_editor)
    client.post(reverse("wagtail_localize:convert_to_alias", args=[english_draft.pk]))
    english_draft.refresh_from_db()
    assert not english_draft.live
    assert english_draft.alias_of_id is None
    assert Translation.objects.filter(target_locale=english_draft.locale).exists()


def test_editorial_team_may_convert_a_translation_to_an_alias(
    client, editor, english_draft, schalke_page
):
    client.force_login(editor)
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[english_draft.pk]))
    assert response.status_code == 302
    english_draft.refresh_from_db()
    assert english_draft.alias_of_id == schalke_page.pk
    assert english_draft.live


def test_district_editor_cannot_translate_a_contact(client, schalke_editor, contact, english):
    # A contact has no draft: its translation would be saved live at once.
    client.force_login(schalke_editor)
    client.post(_submit_snippet_url(contact), {"locales": [english.pk]})
    assert not Contact.objects.filter(locale=english).exists()


def test_editorial_team_may_translate_a_contact(client, editor, contact, english):
    client.force_login(editor)
    client.post(_submit_snippet_url(contact), {"locales": [english.pk]})
    assert contact.get_translation(english).name == "Stadtteilbüro Schalke"


def test_district_editor_cannot_sync_a_contact_translation(
    client, schalke_editor, editor, contact, english
):
    translate_object(contact, [english], user=editor)
    contact.name = "Quartiersbüro Schalke"
    contact.save()
    client.force_login(schalke_editor)
    source = Translation.objects.get(target_locale=english).source
    client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert contact.get_translation(english).name == "Stadtteilbüro Schalke"
