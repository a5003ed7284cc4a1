"""The response cache: anonymous GETs from the cache, never stale, nothing personal shared.

The test's transaction never commits, so the content version is bumped where a commit
would bump it: each change runs inside `django_capture_on_commit_callbacks(execute=True)`,
which runs the on-commit work as the commit would. Until then the connection holds
uncommitted changes, and the cache stays out of the way (see content_version).
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.core import content_version
from exchange.services import listing_remove
from tests.clock import pin_now
from tests.events.factories import EventIndexPageFactory, EventPageFactory, berlin
from tests.exchange.factories import ListingFactory, MemberFactory
from tests.factories import UserFactory
from tests.infoscreen.factories import InfoScreenPageFactory
from tests.providers.factories import ProviderIndexPageFactory, ProviderPageFactory
from tests.themes.factories import ThemeFactory

pytestmark = pytest.mark.django_db

NOW = berlin(2026, 3, 1, 12)


@dataclass
class Site:
    calendar: object
    event: object
    directory: object
    provider: object
    listing: object


@pytest.fixture(autouse=True)
def _now(monkeypatch):
    pin_now(monkeypatch, NOW)


@pytest.fixture
def site(gelsenkirchen, django_capture_on_commit_callbacks) -> Site:
    """A calendar with an event, a directory with a provider and a listing, committed."""
    with django_capture_on_commit_callbacks(execute=True):
        calendar = EventIndexPageFactory(parent=gelsenkirchen.portal)
        event = EventPageFactory(
            parent=calendar,
            title="Spieleabend im Treff",
            start=berlin(2026, 3, 10, 19),
            districts=[gelsenkirchen.municipality.districts.get(slug="schalke")],
        )
        directory = ProviderIndexPageFactory(parent=gelsenkirchen.portal)
        provider = ProviderPageFactory(parent=directory, title="Besuchsdienst Sonnenschein")
        listing = ListingFactory(
            municipality=gelsenkirchen.municipality, title="Hilfe beim Einkaufen am Markt"
        )
    assert not content_version.has_pending_changes()
    return Site(calendar, event, directory, provider, listing)


def _surfaces(site: Site) -> dict[str, str]:
    listings = reverse("exchange:listing_list")
    return {
        "calendar list": site.calendar.url,
        "month view": f"{site.calendar.url}?view=monat&date=2026-03-01",
        "week view": f"{site.calendar.url}?view=woche&date=2026-03-09",
        "ical feed": "/ical/events.ics?district=schalke",
        "programme": "/programm/schalke/?woche=2026-W11",
        "programme pdf": "/programm/schalke.pdf?woche=2026-W11",
        "listing list": listings,
        "listing detail": reverse("exchange:listing_detail", args=[site.listing.pk]),
        "directory": site.directory.url,
        "api events": "/api/v1/events/",
        "api occurrences": "/api/v1/occurrences/?start=2026-03-01&end=2026-03-31",
        "api listings": "/api/v1/listings/",
        "api providers": "/api/v1/providers/",
    }


EVENT_SURFACES = ["calendar list", "month view", "week view", "ical feed", "programme"]
EVENT_SURFACES += ["api events", "api occurrences"]
LISTING_SURFACES = ["listing list", "api listings"]
PROVIDER_SURFACES = ["directory", "api providers"]


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    return len(queries)


@pytest.mark.parametrize(
    "surface",
    [*EVENT_SURFACES, *LISTING_SURFACES, *PROVIDER_SURFACES, "listing detail", "programme pdf"],
)
def test_second_anonymous_request_is_answered_with_only_the_version_read(client, site, surface):
    url = _surfaces(site)[surface]
    first = _get(client, url)
    assert _queries(client, url) == 1
    assert _get(client, url).content == first.content


@pytest.mark.parametrize("surface", EVENT_SURFACES)
def test_published_event_shows_on_the_next_request(
    client, site, surface, django_capture_on_commit_callbacks
):
    url = _surfaces(site)[surface]
    assert "Lesecafé" not in _get(client, url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        EventPageFactory(
            parent=site.calendar,
            title="Lesecafé",
            start=berlin(2026, 3, 11, 15),
            districts=list(site.event.districts.all()),
        )
    assert "Lesecafé" in _get(client, url).content.decode()


@pytest.mark.parametrize("surface", EVENT_SURFACES)
def test_unpublished_event_is_gone_on_the_next_request(
    client, site, surface, django_capture_on_commit_callbacks
):
    url = _surfaces(site)[surface]
    assert "Spieleabend im Treff" in _get(client, url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        site.event.unpublish()
    assert "Spieleabend im Treff" not in _get(client, url).content.decode()


def test_unpublished_event_page_is_not_found_on_the_next_request(
    client, site, django_capture_on_commit_callbacks
):
    url = site.event.url
    _get(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        site.event.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("surface", PROVIDER_SURFACES)
def test_withdrawn_consent_takes_the_provider_off_on_the_next_request(
    client, site, surface, django_capture_on_commit_callbacks
):
    url = _surfaces(site)[surface]
    assert "Besuchsdienst Sonnenschein" in _get(client, url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        consent = site.provider.consents.get()
        consent.withdrawn_at = timezone.now()
        consent.save()
    assert "Besuchsdienst Sonnenschein" not in _get(client, url).content.decode()


@pytest.mark.parametrize("surface", LISTING_SURFACES)
def test_removed_listing_is_gone_on_the_next_request(
    client, site, surface, django_capture_on_commit_callbacks
):
    url = _surfaces(site)[surface]
    assert "Hilfe beim Einkaufen am Markt" in _get(client, url).content.decode()
    admin = UserFactory(username="plattform", is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        listing_remove(listing=site.listing, by=admin, reason="Doppelt eingestellt")
    assert "Hilfe beim Einkaufen am Markt" not in _get(client, url).content.decode()


def test_removed_listing_page_is_not_found_on_the_next_request(
    client, site, django_capture_on_commit_callbacks
):
    url = _surfaces(site)["listing detail"]
    _get(client, url)
    admin = UserFactory(username="plattform", is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        listing_remove(listing=site.listing, by=admin, reason="Doppelt eingestellt")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("surface", [*LISTING_SURFACES, "listing detail"])
def test_listing_expiring_at_midnight_is_gone_the_next_day(
    client, site, surface, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        site.listing.valid_until = NOW.date()
        site.listing.save()
    url = _surfaces(site)[surface]
    assert "Hilfe beim Einkaufen am Markt" in _get(client, url).content.decode()
    pin_now(monkeypatch, NOW + timedelta(days=1))
    response = client.get(url)
    assert response.status_code == 404 or "Hilfe beim Einkaufen am Markt" not in (
        response.content.decode()
    )


def test_page_rendered_for_a_signed_in_member_is_not_served_to_an_anonymous_visitor(
    client, site, gelsenkirchen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member = MemberFactory(municipality=gelsenkirchen.municipality)
    signed_in = type(client)()
    signed_in.force_login(member.user)
    url, members_only = _surfaces(site)["listing list"], reverse("exchange:listing_create")
    for _ in range(2):
        assert members_only in _get(signed_in, url).content.decode()
    assert members_only not in _get(client, url).content.decode()


def test_anonymous_page_is_not_served_to_a_signed_in_member(
    client, site, gelsenkirchen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member = MemberFactory(municipality=gelsenkirchen.municipality)
    url, members_only = _surfaces(site)["listing list"], reverse("exchange:listing_create")
    _get(client, url)
    _get(client, url)
    signed_in = type(client)()
    signed_in.force_login(member.user)
    assert members_only in _get(signed_in, url).content.decode()


def test_signed_in_response_is_never_stored(client, site, gelsenkirchen):
    member = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(member.user)
    url = _surfaces(site)["listing list"]
    _get(client, url)
    assert _queries(client, url) > 1


def test_page_with_a_form_is_not_cached(client, site):
    url = reverse("exchange:login")
    assert b"csrfmiddlewaretoken" in _get(client, url).content
    assert _queries(client, url) > 1
    assert not _cached(client, url)


def _cached(client, url) -> bool:
    """Whether a conditional request for the URL is answered 304 from the cache."""
    response = client.get(url)
    etag = response.get("ETag")
    return etag is not None and client.get(url, headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.parametrize("surface", ["month view", "ical feed", "api events", "listing list"])
def test_conditional_request_is_answered_304_after_the_version_read_alone(client, site, surface):
    url = _surfaces(site)[surface]
    etag = _get(client, url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert len(queries) == 1


def test_last_modified_is_answered_304_until_the_next_change(
    client, site, django_capture_on_commit_callbacks
):
    url = _surfaces(site)["month view"]
    last_modified = _get(client, url)["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        site.event.unpublish()
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 200


def test_etag_changes_with_the_content_version(client, site, django_capture_on_commit_callbacks):
    url = _surfaces(site)["ical feed"]
    before = _get(client, url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        site.event.unpublish()
    assert _get(client, url)["ETag"] != before


def test_etag_names_the_version_and_is_weak(client, site):
    etag = _get(client, _surfaces(site)["month view"])["ETag"]
    assert etag.startswith('W/"')
    assert content_version.current().token[:16] in etag


@pytest.mark.parametrize(
    ("surface", "content_type"),
    [
        ("month view", "text/html; charset=utf-8"),
        ("ical feed", "text/calendar"),
        ("api events", "application/json"),
    ],
)
def test_cached_response_keeps_its_content_type(client, site, surface, content_type):
    url = _surfaces(site)[surface]
    _get(client, url)
    assert _get(client, url)["Content-Type"].startswith(content_type)


def test_cached_page_keeps_content_language_and_vary(client, site):
    url = _surfaces(site)["month view"]
    _get(client, url)
    cached = _get(client, url)
    assert cached["Content-Language"] == "de"
    assert "Cookie" in cached["Vary"]
    assert "Accept-Language" in cached["Vary"]


def test_api_answer_in_another_language_is_not_taken_from_the_german_one(client, site):
    url = _surfaces(site)["api events"]
    _get(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers={"Accept-Language": "en"}).status_code == 200
    assert len(queries) > 1


def test_display_preference_cookie_gets_its_own_cached_page(client, site):
    url = _surfaces(site)["month view"]
    _get(client, url)
    client.cookies["quartier_darstellung"] = "schrift=gross&kontrast=hoch"
    assert "q-contrast-high" in _get(client, url).content.decode()


def test_cached_page_carries_this_responses_csp_nonce(
    client, site, gelsenkirchen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        portal = gelsenkirchen.portal
        portal.theme = ThemeFactory(municipality=gelsenkirchen.municipality, color_link="#00416a")
        portal.save_revision().publish()
    url = _surfaces(site)["month view"]
    first, second = _get(client, url), _get(client, url)
    nonces = [_nonce(response) for response in (first, second)]
    assert nonces[0] != nonces[1]
    for response, nonce in zip((first, second), nonces, strict=True):
        assert f'nonce="{nonce}"' in response.content.decode()
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def _nonce(response) -> str:
    content = response.content.decode()
    start = content.index('<style nonce="') + len('<style nonce="')
    return content[start : content.index('"', start)]


def test_head_is_answered_like_get_from_the_cache(client, site):
    url = _surfaces(site)["ical feed"]
    _get(client, url)
    response = client.head(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_post_is_never_answered_from_the_cache(client, site):
    url = reverse("exchange:login")
    assert client.post(url, {"username": "x", "password": "y"}).status_code in (200, 302, 429)


def test_nothing_is_cached_while_changes_are_uncommitted(client, site):
    url = _surfaces(site)["listing list"]
    _get(client, url)
    ListingFactory(municipality=site.listing.municipality, title="Gartenhilfe gesucht")
    assert content_version.has_pending_changes()
    assert "Gartenhilfe gesucht" in _get(client, url).content.decode()


def test_cache_can_be_switched_off(client, site, settings):
    settings.QUARTIER_RESPONSE_CACHE = False
    url = _surfaces(site)["listing list"]
    _get(client, url)
    assert _queries(client, url) > 1
    assert "ETag" not in _get(client, url)


def test_info_screen_showing_the_time_is_never_cached(
    client, site, gelsenkirchen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        screen = InfoScreenPageFactory(parent=gelsenkirchen.district_homes["schalke"])
    _get(client, screen.url)
    assert _queries(client, screen.url) > 1


def _weekly_event(site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return EventPageFactory(
            parent=site.calendar,
            title="Sitzgymnastik am Montag",
            start=berlin(2026, 3, 2, 10),
            end=berlin(2026, 3, 2, 11),
            recurrence_rule="FREQ=WEEKLY;COUNT=3",
        )


def test_event_page_shows_its_next_date_once_the_first_one_ended(
    client, site, monkeypatch, django_capture_on_commit_callbacks
):
    event = _weekly_event(site, django_capture_on_commit_callbacks)
    first = _get(client, event.url)
    assert '"startDate": "2026-03-02T10:00:00+01:00"' in first.content.decode()
    assert _get(client, event.url)["ETag"] == first["ETag"]
    pin_now(monkeypatch, berlin(2026, 3, 2, 11, 30))
    later = _get(client, event.url)
    assert '"startDate": "2026-03-09T10:00:00+01:00"' in later.content.decode()
    assert later["ETag"] != first["ETag"]


def test_old_etag_of_a_date_that_ended_gets_the_new_page_not_a_304(
    client, site, monkeypatch, django_capture_on_commit_callbacks
):
    event = _weekly_event(site, django_capture_on_commit_callbacks)
    etag = _get(client, event.url)["ETag"]
    assert client.get(event.url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    pin_now(monkeypatch, berlin(2026, 3, 2, 11, 30))
    assert client.get(event.url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_home_events_drop_a_date_once_it_ended(
    client, site, gelsenkirchen, monkeypatch, django_capture_on_commit_callbacks
):
    _weekly_event(site, django_capture_on_commit_callbacks)
    home = gelsenkirchen.portal.url
    pin_now(monkeypatch, berlin(2026, 3, 2, 9))
    assert "2. März" in _get(client, home).content.decode()
    pin_now(monkeypatch, berlin(2026, 3, 2, 11, 30))
    assert "2. März" not in _get(client, home).content.decode()
