"""The info screen of a district centre: what it shows, how it turns and reloads."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from cms.events.models import EventOccurrenceChange
from cms.infoscreen.slides import EVENTS_PER_SLIDE
from tests.clock import pin_now
from tests.events.factories import EventIndexPageFactory, EventPageFactory, berlin
from tests.factories import TEST_PASSWORD, ArticlePageFactory
from tests.providers.factories import ProviderIndexPageFactory, ProviderPageFactory
from tests.translations.conftest import publish_translation

from .factories import InfoScreenPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(db):
    """The English locale; German is active again afterwards (a request under /en/
    leaves English active in the thread)."""
    yield Locale.objects.get_or_create(language_code="en")[0]
    translation.activate(settings.LANGUAGE_CODE)


# Wagtail's routing of the page with its view-restriction check, the district home and
# the portal, the view restrictions (inside the selectors' queries where they can be), the
# occurrences with their events' columns, the events' districts and calendars (calendar
# entries), the articles, the theme of the nearest home.
QUERIES = 16


@pytest.fixture
def frozen_now(monkeypatch):
    """Tuesday 10 March 2026, 12:34:20 in Berlin."""
    return pin_now(monkeypatch, berlin(2026, 3, 10, 12, 34, 20))


@pytest.fixture
def calendar(gelsenkirchen, frozen_now):
    return EventIndexPageFactory(parent=gelsenkirchen.portal)


@pytest.fixture
def schalke_home(gelsenkirchen):
    return gelsenkirchen.district_homes["schalke"]


@pytest.fixture
def screen(schalke_home, frozen_now):
    return InfoScreenPageFactory(parent=schalke_home)


def _event(calendar, district, title, start, **fields):
    return EventPageFactory(
        parent=calendar,
        title=title,
        districts=[district],
        start=start,
        end=start + timedelta(hours=1),
        **fields,
    )


def _html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_screen_shows_the_districts_upcoming_events_in_order(
    client, screen, calendar, schalke_home
):
    schalke = schalke_home.district
    _event(calendar, schalke, "Donnerstagstreff", berlin(2026, 3, 12, 15))
    _event(calendar, schalke, "Heute Abend", berlin(2026, 3, 10, 19))
    html = _html(client, screen)
    assert html.index("Heute Abend") < html.index("Donnerstagstreff")
    assert "Di 10.3. · 19:00 Uhr" in html


def test_translated_screen_shows_the_events_of_the_sites_calendar(
    client, screen, calendar, schalke_home, english
):
    _event(calendar, schalke_home.district, "Donnerstagstreff", berlin(2026, 3, 12, 15))
    translated = publish_translation(screen, english)
    assert "Donnerstagstreff" in _html(client, translated)


def test_screen_shows_events_only_through_the_public_selector(
    client, screen, calendar, gelsenkirchen, schalke_home
):
    schalke = schalke_home.district
    huellen = gelsenkirchen.district_homes["huellen"].district
    soon = berlin(2026, 3, 11, 18)
    _event(calendar, schalke, "Sichtbar", soon)
    _event(calendar, schalke, "Entwurf", soon, publish=False)
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    unlisted = ProviderPageFactory(parent=directory, title="Ohne Einwilligung", consent=False)
    _event(calendar, schalke, "Vom Anbieter ohne Einwilligung", soon, organiser=unlisted)
    _event(calendar, huellen, "In Hüllen", soon)
    _event(calendar, schalke, "Gestern", berlin(2026, 3, 9, 18))
    _event(calendar, schalke, "In drei Wochen", berlin(2026, 3, 31, 18))
    html = _html(client, screen)
    assert "Sichtbar" in html
    for title in (
        "Entwurf",
        "Vom Anbieter ohne Einwilligung",
        "In Hüllen",
        "Gestern",
        "In drei Wochen",
    ):
        assert title not in html


def test_screen_shows_no_more_events_than_configured(client, screen, calendar, schalke_home):
    screen.max_events = 2
    screen.save_revision().publish()
    for day in (11, 12, 13):
        _event(calendar, schalke_home.district, f"Treff am {day}.", berlin(2026, 3, day, 10))
    html = _html(client, screen)
    assert "Treff am 12." in html and "Treff am 13." not in html


def test_events_are_split_into_slides_of_a_few(client, screen, calendar, schalke_home):
    for day in range(11, 11 + EVENTS_PER_SLIDE + 1):
        _event(calendar, schalke_home.district, f"Treff {day}", berlin(2026, 3, day, 10))
    html = _html(client, screen)
    assert html.count('class="slide slide--events"') == 2


def test_screen_shows_the_districts_latest_news_and_its_info_boxes(client, screen, gelsenkirchen):
    ArticlePageFactory(parent=gelsenkirchen.district_news["schalke"], title="Neues aus Schalke")
    ArticlePageFactory(parent=gelsenkirchen.district_news["huellen"], title="Neues aus Hüllen")
    html = _html(client, screen)
    assert "Neues aus Schalke" in html and "Neues aus Hüllen" not in html
    assert "Öffnungszeiten" in html and "Montag bis Donnerstag<br>9 bis 13 Uhr" in html


def test_screen_without_content_greets_instead_of_staying_blank(client, schalke_home, frozen_now):
    screen = InfoScreenPageFactory(parent=schalke_home, info_boxes=[], max_news=0)
    html = _html(client, screen)
    assert "Willkommen in Schalke" in html
    assert '<main class="slides">' in html  # one slide that stands still


def test_screen_reloads_itself_without_javascript(client, screen):
    html = _html(client, screen)
    assert '<meta http-equiv="refresh" content="300">' in html
    assert "<script" not in html


def test_slides_take_turns_by_css_animation_unless_less_motion_is_wanted(
    client, screen, gelsenkirchen
):
    ArticlePageFactory(parent=gelsenkirchen.district_news["schalke"], title="Nachricht")
    html = _html(client, screen)
    slides = html.count('class="slide slide--')
    assert slides >= 2
    assert "slides--cycling" in html
    assert f"infoscreen-turn {slides * screen.seconds_per_slide}s step-end infinite" in html
    assert re.search(
        r"@media \(prefers-reduced-motion: no-preference\) \{\s*\.slides--cycling", html
    )
    assert f'style="animation-delay: {screen.seconds_per_slide}s"' in html


def test_clock_shows_the_time_and_steps_on_at_the_full_minute(client, screen):
    html = _html(client, screen)
    assert (
        '<span class="clock__minute">12:34</span><span class="clock__minute">12:35</span>' in html
    )
    assert "steps(7, end) -20s forwards" in html  # five minutes to the reload, two spare
    assert "Dienstag, 10. März 2026" in html


def test_screen_shows_no_listings_and_no_names_of_residents(
    client, screen, gelsenkirchen, schalke_home
):
    from tests.exchange.factories import ListingFactory

    listing = ListingFactory(
        municipality=gelsenkirchen.municipality, district=schalke_home.district
    )
    html = _html(client, screen)
    assert listing.title not in html and listing.member.display_name not in html


def test_screen_query_count_does_not_grow_with_events(
    client, screen, calendar, schalke_home, django_assert_num_queries
):
    def add(days):
        for day in days:
            _event(calendar, schalke_home.district, f"Treff {day}", berlin(2026, 3, day, 10))

    add([11])
    client.get(screen.url)  # warm Wagtail's cached site root paths
    with django_assert_num_queries(QUERIES):
        client.get(screen.url)
    add(range(12, 17))
    with django_assert_num_queries(QUERIES):
        assert "Treff 16" in client.get(screen.url).content.decode()


def test_screen_shows_where_an_event_takes_place(client, screen, calendar, schalke_home):
    _event(
        calendar, schalke_home.district, "Treff", berlin(2026, 3, 11, 10), venue_name="Pfarrheim"
    )
    assert "Pfarrheim" in _html(client, screen)


def test_screen_reads_no_event_descriptions(client, screen, calendar, schalke_home):
    _event(calendar, schalke_home.district, "Treff", berlin(2026, 3, 11, 10))
    with CaptureQueriesContext(connection) as queries:
        _html(client, screen)
    assert not [q["sql"] for q in queries if '"events_eventpage"."description"' in q["sql"]]


def test_district_editor_may_add_an_info_screen_to_their_district(
    client, schalke_editor, schalke_home
):
    client.login(username=schalke_editor.username, password=TEST_PASSWORD)
    url = reverse("wagtailadmin_pages:add", args=("infoscreen", "infoscreenpage", schalke_home.pk))
    assert client.get(url).status_code == 200


def test_info_screen_lives_only_below_a_district_home(gelsenkirchen):
    from cms.infoscreen.models import InfoScreenPage

    assert InfoScreenPage.can_create_at(gelsenkirchen.district_homes["schalke"])
    assert not InfoScreenPage.can_create_at(gelsenkirchen.portal)
    assert not InfoScreenPage.can_create_at(gelsenkirchen.district_news["schalke"])


def test_info_screen_is_left_out_of_the_sitemap(client, screen):
    assert screen.url not in client.get("/sitemap.xml").content.decode()


def test_screen_marks_a_cancelled_date_as_falling_out_with_its_reason(
    client, screen, calendar, schalke_home
):
    _event(
        calendar,
        schalke_home.district,
        "Chor",
        berlin(2026, 3, 10, 18),
        recurrence_rule="FREQ=DAILY;COUNT=3",
        changes=[
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 11, 18),
                cancelled=True,
                cancellation_reason="Chorleiter krank",
            )
        ],
    )
    html = _html(client, screen)
    assert "upcoming__item--cancelled" in html
    assert "fällt aus" in html
    assert "Grund: Chorleiter krank" in html
