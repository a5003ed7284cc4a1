"""The language switcher: the live translation of the page, else the portal in that
language; hreflang and lang on every link; right to left for Arabic."""

import pytest
from wagtail.models import PageViewRestriction

from .conftest import publish_translation

pytestmark = pytest.mark.django_db


def test_switcher_links_to_the_live_translation_with_hreflang(client, gelsenkirchen, english):
    page = gelsenkirchen.district_pages["schalke"]
    translated = publish_translation(page, english)
    content = client.get(page.url).content.decode()
    assert f'<a href="{translated.url}" hreflang="en" lang="en">English</a>' in content


def test_current_language_is_marked(client, gelsenkirchen, english):
    page = gelsenkirchen.district_pages["schalke"]
    publish_translation(page, english)
    content = client.get(page.url).content.decode()
    assert 'hreflang="de" lang="de" aria-current="true">Deutsch</a>' in content


def test_without_a_translation_the_switcher_offers_the_translated_portal(
    client, gelsenkirchen, english
):
    english_portal = publish_translation(gelsenkirchen.portal, english)
    content = client.get(gelsenkirchen.district_pages["huellen"].url).content.decode()
    assert f'<a href="{english_portal.url}" hreflang="en" lang="en">English</a>' in content


def test_draft_translation_is_not_offered(client, gelsenkirchen, english):
    english_portal = publish_translation(gelsenkirchen.portal, english)
    page = gelsenkirchen.district_pages["schalke"]
    draft = page.copy_for_translation(english, copy_parents=True)
    content = client.get(page.url).content.decode()
    assert f'href="{draft.url}"' not in content or draft.url == english_portal.url
    assert f'<a href="{english_portal.url}" hreflang="en"' in content


def test_restricted_translation_is_neither_linked_nor_announced(client, gelsenkirchen, english):
    page = gelsenkirchen.district_pages["schalke"]
    translated = publish_translation(page, english)
    PageViewRestriction.objects.create(
        page=translated, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    content = client.get(page.url).content.decode()
    assert translated.url not in content
    assert 'rel="alternate" hreflang="en"' not in content


def test_translation_in_a_restricted_section_is_not_linked(client, gelsenkirchen, english):
    page = gelsenkirchen.district_pages["schalke"]
    translated = publish_translation(page, english)
    PageViewRestriction.objects.create(
        page=translated.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    content = client.get(page.url).content.decode()
    assert translated.url not in content


def test_language_without_any_content_is_not_offered(client, gelsenkirchen, english):
    publish_translation(gelsenkirchen.district_pages["schalke"], english)
    content = client.get(gelsenkirchen.district_pages["schalke"].url).content.decode()
    assert 'hreflang="tr"' not in content


def test_page_announces_its_translations_as_alternates(client, gelsenkirchen, english):
    page = gelsenkirchen.district_pages["schalke"]
    translated = publish_translation(page, english)
    content = client.get(page.url).content.decode()
    assert (
        f'<link rel="alternate" hreflang="en" href="http://localhost{translated.url}">' in content
    )
    assert f'<link rel="alternate" hreflang="de" href="http://localhost{page.url}">' in content


def test_arabic_page_is_right_to_left(client, gelsenkirchen, arabic):
    translated = publish_translation(gelsenkirchen.district_pages["schalke"], arabic)
    response = client.get(translated.url)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_views_that_are_not_pages_switch_under_the_language_prefix(client, gelsenkirchen):
    content = client.get("/suche/").content.decode()
    assert '<a href="/en/suche/" hreflang="en" lang="en">English</a>' in content
    assert '<a href="/ar/suche/" hreflang="ar" lang="ar">العربية</a>' in content
