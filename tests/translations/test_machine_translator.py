"""The offline machine translator: glossary-based, deterministic, no network."""

import socket

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation
from wagtail_localize.operations import translate_object

from cms.translations.machine_translator import GlossaryTranslator


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_tests_use_the_glossary_translator():
    assert isinstance(get_machine_translator(), GlossaryTranslator)


def test_glossary_translates_phrases_before_words(no_network):
    translator = GlossaryTranslator({})
    assert translator.translate_text("Treffpunkte im Quartier", "en") == (
        "Meeting places in the district"
    )


def test_html_tags_survive_translation(no_network):
    translator = GlossaryTranslator({})
    assert translator.translate_html('<p>Alle <a href="/x/">Veranstaltungen</a></p>', "ar") == (
        '<p>الجميع <a href="/x/">الفعاليات</a></p>'
    )


def test_unknown_words_stay_for_the_reviewer():
    assert GlossaryTranslator({}).translate_text("Zebrastreifen", "tr") == "Zebrastreifen"


def test_translation_is_deterministic():
    translator = GlossaryTranslator({})
    text = "Herzlich willkommen im Stadtteilbüro: Sprachcafé jeden Dienstag."
    assert translator.translate_text(text, "uk") == translator.translate_text(text, "uk")


@pytest.mark.django_db
def test_translates_from_german_only():
    translator = GlossaryTranslator({})
    german, english = Locale.get_default(), Locale.objects.get_or_create(language_code="en")[0]
    assert translator.can_translate(german, english)
    assert not translator.can_translate(english, german)


@pytest.mark.django_db
def test_machine_translation_in_the_translation_editor_works_offline(
    client, no_network, gelsenkirchen, schalke_editor, english
):
    page = gelsenkirchen.district_pages["schalke"]
    translate_object(page, [english], user=schalke_editor)
    translation = page.get_translation(english)
    from wagtail_localize.models import Translation

    translation_record = Translation.objects.get(
        target_locale=english, source__object_id=page.translation_key
    )
    client.force_login(schalke_editor)
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation_record.pk]),
        {"next": reverse("wagtailadmin_pages:edit", args=[translation.pk])},
    )
    assert response.status_code == 302
    translated = StringTranslation.objects.filter(locale=english).values_list("data", flat=True)
    assert "About us Schalke" in translated
