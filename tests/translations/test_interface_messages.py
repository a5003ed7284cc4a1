"""The interface strings of the public site in English, Turkish, Arabic, Ukrainian.

The compiled catalogues (.mo) are committed; `make messages` rebuilds them. These
tests catch a .po edited without compiling, and a public template string left out.
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["en", "tr", "ar", "uk"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_po_file(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    compiled = {entry.msgid: entry for entry in polib.mofile(folder / "django.mo")}
    for entry in polib.pofile(folder / "django.po").translated_entries():
        assert entry.msgid in compiled, entry.msgid
        if entry.msgid_plural:
            assert compiled[entry.msgid].msgstr_plural == entry.msgstr_plural, entry.msgid
        else:
            assert compiled[entry.msgid].msgstr == entry.msgstr, entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_template_string_is_translated(language):
    po = polib.pofile(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
    public = [
        entry
        for entry in po
        if any(path.startswith("themes/templates/") for path, _line in entry.occurrences)
        and not any("/mail/" in path for path, _line in entry.occurrences)
    ]
    assert public
    untranslated = [entry.msgid for entry in public if not entry.translated()]
    assert untranslated == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Skip to content"),
        ("tr", "İçeriğe atla"),
        ("ar", "الانتقال إلى المحتوى"),
        ("uk", "Перейти до вмісту"),
    ],
)
def test_skip_link_speaks_the_visitors_language(language, expected):
    with translation.override(language):
        assert translation.gettext("Zum Inhalt springen") == expected


@pytest.mark.django_db
def test_arabic_search_page_is_translated_and_right_to_left(client, gelsenkirchen):
    content = client.get("/ar/suche/").content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "الانتقال إلى المحتوى" in content
