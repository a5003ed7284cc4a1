"""The weekly programme of a district or social space: content, order, visibility,
week boundaries, large print, QR codes, PDF and query counts."""

import re
from datetime import timedelta
from functools import partial

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale, PageViewRestriction

from cms.events.models import EventOccurrenceChange
from cms.places.models import SocialSpace
from exchange.enums import ListingStatus
from tests.events.factories import EventIndexPageFactory, EventPageFactory, berlin
from tests.exchange.factories import ListingFactory
from tests.providers.factories import ProviderIndexPageFactory, ProviderPageFactory
from tests.translations.conftest import publish_translation

from .documents import expected_matrix, pdf_page_count, qr_svg_labelled, svg_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(db):
    """The English locale; German is active again afterwards (a request under /en/
    leaves English active in the thread)."""
    yield Locale.objects.get_or_create(language_code="en")[0]
    translation.activate(settings.LANGUAGE_CODE)


WEEK = "2026-W11"  # Monday 9 to Sunday 15 March 2026
# Site, portal, district, the view restrictions (of the events; the providers' inside
# their query), district
# home, its theme, occurrences with their events and organisers, listings with their
# categories.
QUERIES = 8


def _url(district, social_space=None, *, pdf=False, **params) -> str:
    name = "printing:social_space_programme" if social_space else "printing:programme"
    args = [district.slug, social_space.slug] if social_space else [district.slug]
    path = reverse(name + ("_pdf" if pdf else ""), args=args)
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{path}?{query}" if query else path


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _event(calendar, district, title, start, *, minutes=60, **fields):
    return EventPageFactory(
        parent=calendar,
        title=title,
        districts=[district],
        start=start,
        end=start + timedelta(minutes=minutes),
        **fields,
    )


def _listing(municipality, district, title, published_at, **fields):
    return ListingFactory(
        municipality=municipality,
        district=district,
        title=title,
        published_at=published_at,
        **fields,
    )


def _position(html: str, text: str) -> int:
    index = html.find(text)
    assert index >= 0, f"{text!r} missing"
    return index


def test_programme_lists_the_weeks_events_in_date_order(client, calendar, schalke):
    _event(calendar, schalke, "Donnerstagstreff", berlin(2026, 3, 12, 15))
    _event(calendar, schalke, "Montagsfrühstück", berlin(2026, 3, 9, 9))
    _event(calendar, schalke, "Montagabend", berlin(2026, 3, 9, 19))
    html = _html(client, _url(schalke, woche=WEEK))
    assert (
        _position(html, "Montagsfrühstück")
        < _position(html, "Montagabend")
        < _position(html, "Donnerstagstreff")
    )
    assert _position(html, "Montag, 9. März") < _position(html, "Donnerstag, 12. März")


def test_programme_entry_shows_time_place_accessibility_price_and_registration(
    client, calendar, schalke
):
    _event(
        calendar,
        schalke,
        "Erzählcafé",
        berlin(2026, 3, 10, 15),
        minutes=90,
        venue_name="Pfarrheim",
        street="Grillostraße 60",
        step_free_access=True,
        hearing_loop=True,
        is_free=False,
        price="2 € für Kaffee",
        registration_required=True,
        registration_info="im Pfarrbüro",
    )
    html = _html(client, _url(schalke, woche=WEEK))
    for text in (
        "15:00",
        "16:30",
        "Pfarrheim, Grillostraße 60",
        "Stufenloser Zugang",
        "Induktionsschleife",
        "2 € für Kaffee",
        "erforderlich: im Pfarrbüro",
    ):
        assert text in html


def test_header_names_district_week_and_date_range(client, calendar, schalke):
    html = _html(client, _url(schalke, woche=WEEK))
    assert re.search(r'<h1 class="sheet__title">\s*Wochenprogramm\s+Schalke\s*</h1>', html)
    assert "Kalenderwoche 11" in html
    assert "9. März" in html and "15. März 2026" in html


def test_programme_lists_listings_first_published_in_the_week(
    client, calendar, gelsenkirchen, schalke, huellen
):
    listing = partial(_listing, gelsenkirchen.municipality)
    listing(schalke, "Neu diese Woche", berlin(2026, 3, 10, 9))
    listing(schalke, "Aus der Vorwoche", berlin(2026, 3, 8, 23, 30))
    listing(huellen, "In Hüllen", berlin(2026, 3, 10, 9))
    listing(schalke, "Noch in Prüfung", berlin(2026, 3, 10, 9), status=ListingStatus.PENDING)
    html = _html(client, _url(schalke, woche=WEEK))
    assert "Neu diese Woche" in html
    for title in ("Aus der Vorwoche", "In Hüllen", "Noch in Prüfung"):
        assert title not in html


def test_programme_leaves_out_events_nobody_may_see(
    client, calendar, gelsenkirchen, delbrueck, schalke
):
    start = berlin(2026, 3, 10, 18)
    _event(calendar, schalke, "Öffentlich", start)
    _event(calendar, schalke, "Entwurf", start, publish=False)
    restricted = _event(calendar, schalke, "Nur mit Passwort", start)
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
    unlisted = ProviderPageFactory(parent=directory, title="Ohne Einwilligung", consent=False)
    _event(calendar, schalke, "Vom Anbieter ohne Einwilligung", start, organiser=unlisted)
    # An event of another portal's calendar, tagged with Schalke, is not this site's.
    other_calendar = EventIndexPageFactory(parent=delbrueck.portal)
    _event(other_calendar, schalke, "Aus Delbrück", start)
    html = _html(client, _url(schalke, woche=WEEK))
    assert "Öffentlich" in html
    for title in ("Entwurf", "Nur mit Passwort", "Vom Anbieter ohne Einwilligung", "Aus Delbrück"):
        assert title not in html


def test_programme_of_another_municipalitys_district_is_not_found(client, calendar, delbrueck):
    ostenland = delbrueck.district_homes["ostenland"].district
    assert client.get(_url(ostenland)).status_code == 404
    assert client.get(_url(ostenland, pdf=True)).status_code == 404


def test_unknown_social_space_is_not_found(client, calendar, schalke, huellen):
    parish = SocialSpace.objects.create(district=huellen, name="Ev. Kirchengemeinde Hüllen")
    # A social space exists only within its own district.
    assert client.get(_url(schalke, parish)).status_code == 404


def test_week_boundaries_follow_berlin_time_across_the_change_to_summer_time(
    client, calendar, schalke
):
    def at(title, *args):
        _event(calendar, schalke, title, berlin(*args), minutes=15)

    at("Sonntag vor der Woche", 2026, 3, 22, 23, 30)  # 22:30 UTC, still week 12
    at("Montag kurz nach Mitternacht", 2026, 3, 23, 0, 15)  # Sunday 23:15 UTC
    at("Sonntag spät in Sommerzeit", 2026, 3, 29, 23, 30)  # 21:30 UTC
    at("Montag danach", 2026, 3, 30, 0, 15)  # Sunday 22:15 UTC, already week 14
    html = _html(client, _url(schalke, woche="2026-W13"))
    assert "Montag kurz nach Mitternacht" in html
    assert "Sonntag spät in Sommerzeit" in html
    assert "Sonntag vor der Woche" not in html
    assert "Montag danach" not in html


def test_social_space_programme_shows_only_its_events_and_listings(
    client, calendar, gelsenkirchen, schalke
):
    parish = SocialSpace.objects.create(district=schalke, name="St. Joseph")
    school = SocialSpace.objects.create(district=schalke, name="Grundschule")
    start = berlin(2026, 3, 11, 16)
    in_parish = _event(calendar, schalke, "Kirchenkaffee", start)
    in_parish.social_spaces = [parish]
    in_parish.save_revision().publish()
    _event(calendar, schalke, "Schulfest", start)
    listing = partial(_listing, gelsenkirchen.municipality, schalke)
    listing("Hilfe beim Pfarrfest", start, social_space=parish)
    listing("Nachhilfe Mathe", start, social_space=school)
    html = _html(client, _url(schalke, parish, woche=WEEK))
    assert "Wochenprogramm" in html and "St. Joseph" in html
    assert "Kirchenkaffee" in html and "Hilfe beim Pfarrfest" in html
    assert "Schulfest" not in html and "Nachhilfe Mathe" not in html


def test_without_week_the_programme_shows_the_current_week(client, calendar, schalke):
    _event(calendar, schalke, "Heute Abend", berlin(2026, 3, 1, 18))  # now: 1 March, W09
    html = _html(client, _url(schalke))
    assert "Kalenderwoche 9" in html and "Heute Abend" in html


def test_bad_week_parameter_answers_400_with_a_clear_message(client, calendar, schalke):
    response = client.get(_url(schalke, woche="letzte"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "keine Kalenderwoche" in html and "2026-W48" in html
    assert "?woche=2026-W09" in html  # the way back to this week


def test_week_navigation_links_previous_and_next_week(client, calendar, schalke):
    html = _html(client, _url(schalke, woche="2026-W01"))
    assert 'href="?woche=2025-W52"' in html
    assert 'href="?woche=2026-W02"' in html


def test_large_print_adds_the_large_print_stylesheet(client, calendar, schalke):
    normal = _html(client, _url(schalke, woche=WEEK))
    large = _html(client, _url(schalke, woche=WEEK, gross=1))
    assert "print-large.css" not in normal
    assert "themes/css/print-large.css" in large
    assert "themes/css/print.css" in normal and "themes/css/print.css" in large


def test_event_qr_code_encodes_the_events_absolute_url(client, calendar, schalke):
    event = _event(calendar, schalke, "Spieleabend", berlin(2026, 3, 10, 19))
    html = _html(client, _url(schalke, woche=WEEK))
    svg = qr_svg_labelled(html, escape("QR-Code zur Veranstaltung „Spieleabend“ im Internet"))
    assert event.get_full_url() == "http://localhost/veranstaltungen/spieleabend/"
    assert svg_matrix(svg) == expected_matrix("http://localhost/veranstaltungen/spieleabend/")
    assert svg_matrix(svg) != expected_matrix("http://localhost/veranstaltungen/andere/")


def test_listing_qr_code_encodes_the_listings_absolute_url(
    client, calendar, gelsenkirchen, schalke
):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        district=schalke,
        title="Rasen mähen",
        published_at=berlin(2026, 3, 10, 9),
    )
    html = _html(client, _url(schalke, woche=WEEK))
    svg = qr_svg_labelled(html, escape("QR-Code zum Eintrag „Rasen mähen“ im Internet"))
    url = f"http://testserver/nachbarschaftshilfe/eintrag/{listing.pk}/"
    assert svg_matrix(svg) == expected_matrix(url)


def test_pdf_is_a_pdf_of_the_same_programme(client, calendar, schalke):
    _event(calendar, schalke, "Spieleabend", berlin(2026, 3, 10, 19))
    response = client.get(_url(schalke, pdf=True, woche=WEEK))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="wochenprogramm-schalke-2026-W11.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert pdf_page_count(response.content) == 1


def test_pdf_in_large_print_needs_more_pages(client, calendar, schalke):
    for day in range(9, 13):
        for hour in (10, 15, 19):
            _event(calendar, schalke, f"Treff {day}. um {hour} Uhr", berlin(2026, 3, day, hour))
    normal = client.get(_url(schalke, pdf=True, woche=WEEK)).content
    large = client.get(_url(schalke, pdf=True, woche=WEEK, gross=1)).content
    assert 1 < pdf_page_count(normal) < pdf_page_count(large)


def test_pdf_html_has_no_screen_toolbar(client, calendar, schalke):
    html = _html(client, _url(schalke, woche=WEEK))
    assert "print-toolbar" in html
    assert re.search(r'href="/programm/schalke\.pdf\?woche=2026-W11"', html)


def test_english_programme_links_the_english_district_home(
    client, calendar, gelsenkirchen, schalke, english
):
    english_home = publish_translation(gelsenkirchen.district_homes["schalke"], english)
    html = _html(client, "/en" + _url(schalke, woche=WEEK))
    assert f'<li><a href="{english_home.url}">' in html


def test_english_programme_without_translation_links_the_german_district_home(
    client, calendar, gelsenkirchen, schalke, english
):
    german_home = gelsenkirchen.district_homes["schalke"]
    html = _html(client, "/en" + _url(schalke, woche=WEEK))
    assert f'<li><a href="{german_home.url}">' in html


def test_english_programme_lists_the_events_of_the_sites_calendar(
    client, calendar, gelsenkirchen, schalke, english
):
    publish_translation(gelsenkirchen.district_homes["schalke"], english)
    _event(calendar, schalke, "Mittagstisch", berlin(2026, 3, 10, 12))
    assert "Mittagstisch" in _html(client, "/en" + _url(schalke, woche=WEEK))


def test_programme_query_count_does_not_grow_with_entries(
    client, calendar, gelsenkirchen, schalke, django_assert_num_queries
):
    def add(count):
        for n in range(count):
            start = berlin(2026, 3, 9 + n % 7, 10 + n)
            _event(calendar, schalke, f"Termin {n} {count}", start)
            ListingFactory(
                municipality=gelsenkirchen.municipality, district=schalke, published_at=start
            )

    url = _url(schalke, woche=WEEK)
    add(1)
    client.get(url)  # warm Wagtail's cached site root paths
    with django_assert_num_queries(QUERIES):
        client.get(url)
    add(6)
    with django_assert_num_queries(QUERIES):
        assert "Termin 5 6" in client.get(url).content.decode()


def test_programme_marks_a_cancelled_date_with_its_reason(client, calendar, schalke):
    _event(
        calendar,
        schalke,
        "Chor",
        berlin(2026, 3, 3, 18),
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
        changes=[
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 10, 18),
                cancelled=True,
                cancellation_reason="Chorleiter krank",
            )
        ],
    )
    html = _html(client, _url(schalke, woche=WEEK))
    assert "entry--cancelled" in html
    assert "Fällt aus. Grund: Chorleiter krank" in html


def test_programme_says_where_a_moved_date_moved_from(client, calendar, schalke):
    _event(
        calendar,
        schalke,
        "Chor",
        berlin(2026, 3, 3, 18),
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
        changes=[
            EventOccurrenceChange(
                original_start=berlin(2026, 3, 10, 18),
                cancelled=False,
                new_start=berlin(2026, 3, 12, 18),
                new_end=berlin(2026, 3, 12, 19),
            )
        ],
    )
    html = _html(client, _url(schalke, woche=WEEK))
    assert "Verschoben vom Dienstag, 10. März, 18:00 Uhr" in html
