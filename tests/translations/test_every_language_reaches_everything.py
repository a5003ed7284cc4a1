"""Under /ar/ (and every other prefix) untranslated pages answer in German, with a notice."""

import pytest

from tests.events.factories import EventIndexPageFactory, EventPageFactory, berlin

from .conftest import publish_translation

pytestmark = pytest.mark.django_db

# The notice is written in the visitor's language; its class marks it in every one.
NOTICE = 'class="notice untranslated-notice"'
ENGLISH_NOTICE = "This page is not yet available in your language"


@pytest.fixture
def arabic_portal(gelsenkirchen, arabic):
    return publish_translation(gelsenkirchen.portal, arabic)


@pytest.fixture
def calendar(gelsenkirchen):
    calendar = EventIndexPageFactory(parent=gelsenkirchen.portal, show_in_menus=True)
    EventPageFactory(
        parent=calendar,
        title="Spieleabend",
        start=berlin(2026, 3, 5, 19),
        end=berlin(2026, 3, 5, 21),
    )
    return calendar


def test_untranslated_calendar_answers_in_german_under_arabic(client, arabic_portal, calendar):
    response = client.get(f"/ar{calendar.url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTICE in html
    assert '<h1 lang="de" dir="ltr">Veranstaltungen</h1>' in html
    assert 'dir="rtl"' in html


def test_untranslated_news_answers_under_english(client, gelsenkirchen, english):
    publish_translation(gelsenkirchen.portal, english)
    response = client.get(f"/en{gelsenkirchen.portal_news.url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTICE in html
    assert ENGLISH_NOTICE in html


def test_a_translated_page_shows_no_notice(client, gelsenkirchen, arabic, arabic_portal):
    schalke = publish_translation(gelsenkirchen.district_homes["schalke"], arabic)
    response = client.get(schalke.url)
    assert response.status_code == 200
    assert NOTICE not in response.content.decode()


def test_unknown_address_stays_a_404_under_a_prefix(client, arabic_portal):
    assert client.get("/ar/gibt-es-nicht/").status_code == 404


def test_arabic_navigation_links_the_untranslated_calendar(client, arabic_portal, calendar):
    html = client.get(arabic_portal.url).content.decode()
    assert f'href="/ar{calendar.url}"' in html


def test_arabic_calendar_writes_dates_the_arabic_way(client, arabic_portal, calendar, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: berlin(2026, 3, 1, 12))
    html = client.get(f"/ar{calendar.url}").content.decode()
    assert "الخميس، 5 مارس 2026" in html


def test_arabic_directory_of_the_exchange_exists(client, arabic_portal):
    assert client.get("/ar/nachbarschaftshilfe/").status_code == 200


def test_links_on_an_untranslated_calendar_stay_under_the_arabic_prefix(
    client, arabic_portal, calendar, monkeypatch
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: berlin(2026, 3, 1, 12))
    html = client.get(f"/ar{calendar.url}").content.decode()
    assert f'href="/ar{calendar.url}spieleabend/"' in html
    assert f'href="{calendar.url}spieleabend/"' not in html


def test_the_language_switcher_still_links_the_german_original(client, arabic_portal, calendar):
    html = client.get(f"/ar{calendar.url}").content.decode()
    assert f'href="{calendar.url}" hreflang="de"' in html


def test_german_pages_keep_their_own_addresses(client, arabic_portal, calendar, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: berlin(2026, 3, 1, 12))
    html = client.get(calendar.url).content.decode()
    assert f'href="{calendar.url}spieleabend/"' in html
    assert 'href="/ar/' not in html.replace('href="/ar/" hreflang="ar"', "")


def test_untranslated_calendar_keeps_its_notice_when_its_route_is_kept(
    client, arabic_portal, calendar, settings
):
    # The second request takes the route from the version cache (cms.core.page_routes),
    # which must set the request's "untranslated" mark again.
    from tests.committed import as_committed

    settings.QUARTIER_RESPONSE_CACHE = False
    as_committed()
    client.get(f"/ar{calendar.url}")
    html = client.get(f"/ar{calendar.url}").content.decode()
    assert NOTICE in html
    assert '<h1 lang="de" dir="ltr">Veranstaltungen</h1>' in html
