"""Leichte Sprache: marked pages carry lang="de" and a visible marker and are listed on
the start page; the sign-language page shows videos with captions and transcript."""

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from tests.factories import StandardPageFactory
from themes.blocks import SignLanguageVideoBlock

pytestmark = pytest.mark.django_db


def test_easy_language_page_gets_lang_de_and_a_marker(client, gelsenkirchen):
    page = StandardPageFactory(
        parent=gelsenkirchen.portal, title="Wer wir sind", is_easy_language=True
    )
    content = client.get(page.url).content.decode()
    assert '<main id="main" class="container" tabindex="-1" lang="de">' in content
    assert "Diese Seite ist in Leichter Sprache." in content


def test_ordinary_page_has_no_marker(client, gelsenkirchen):
    content = client.get(gelsenkirchen.district_pages["schalke"].url).content.decode()
    assert "Diese Seite ist in Leichter Sprache." not in content


def test_start_page_lists_pages_marked_as_easy_language(client, gelsenkirchen, easy_language_start):
    marked = StandardPageFactory(
        parent=gelsenkirchen.district_homes["schalke"],
        title="Das Quartiers-Büro",
        is_easy_language=True,
    )
    plain = StandardPageFactory(
        parent=gelsenkirchen.district_homes["huellen"], title="Satzung des Vereins"
    )
    content = client.get(easy_language_start.url).content.decode()
    assert marked.title in content
    assert plain.title not in content


def test_start_page_lists_no_draft(client, gelsenkirchen, easy_language_start):
    draft = StandardPageFactory(
        parent=gelsenkirchen.portal, title="Noch nicht fertig", is_easy_language=True, publish=False
    )
    assert draft.title not in client.get(easy_language_start.url).content.decode()


def test_start_page_is_itself_marked(easy_language_start):
    assert easy_language_start.is_easy_language


def test_footer_links_easy_and_sign_language(
    client, gelsenkirchen, easy_language_start, sign_language_page
):
    content = client.get(gelsenkirchen.district_pages["huellen"].url).content.decode()
    assert f'href="{easy_language_start.url}"' in content
    assert f'href="{sign_language_page.url}"' in content


def _document(name: str, data: bytes = b"x"):
    return get_document_model().objects.create(title=name, file=ContentFile(data, name=name))


def test_sign_language_video_renders_captions_and_transcript(client, sign_language_page):
    video, captions = _document("begruessung.webm"), _document("begruessung.vtt", b"WEBVTT\n")
    block = SignLanguageVideoBlock()
    sign_language_page.videos = StreamValue(
        sign_language_page.videos.stream_block,
        [
            (
                "video",
                {
                    "title": "Begrüßung",
                    "video": video,
                    "captions": captions,
                    "poster": None,
                    "transcript": RichText("<p>Hallo und willkommen.</p>"),
                },
            )
        ],
    )
    sign_language_page.save_revision().publish()
    content = client.get(sign_language_page.url).content.decode()
    assert f'<track kind="captions" src="{captions.url}" srclang="de"' in content
    assert "Hallo und willkommen." in content
    assert block.meta.label == "Gebärdensprach-Video"


def test_sign_language_video_needs_webvtt_captions():
    video, not_captions = _document("film.mp4"), _document("untertitel.pdf")
    block = SignLanguageVideoBlock()
    value = block.to_python(
        {
            "title": "Film",
            "video": video.pk,
            "captions": not_captions.pk,
            "poster": None,
            "transcript": "<p>Text</p>",
        }
    )
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    assert "captions" in caught.value.block_errors
