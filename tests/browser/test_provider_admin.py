"""The admin as a provider and a district editor sees it: the start page, the recurrence
chooser, and no request to any other origin on the screens they open.

The recurrence test is one of the few browser tests that write: the provider's new
weekly series (dated two months ahead, so no "this week" view changes) is published by
the editorial team through the ORM, as the review would, and then read in the calendar
and the iCal feed.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Site

from cms.events.models import EventIndexPage, EventPage
from cms.providers.models import ProviderPage

from .test_accessibility import AXE_OPTIONS, BLOCKING_IMPACTS, _describe

PROVIDER = "anbieter-caritas"
DISTRICT_EDITOR = "quartier-schalke"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def sign_in_admin(context, site_server):
    def sign_in_as(username: str) -> None:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site_server.url}])

    return sign_in_as


def _calendar() -> EventIndexPage:
    portal = Site.objects.get(is_default_site=True).root_page
    return EventIndexPage.objects.child_of(portal).get()


def _add_event_path() -> str:
    return f"/admin/pages/add/events/eventpage/{_calendar().pk}/"


def _assert_no_serious_findings(page, axe, axe_tally, within: str | None = None) -> None:
    results = axe.run(page, context=within, options=AXE_OPTIONS)
    axe_tally.pages_checked += 1
    violations = results.response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    axe_tally.serious_violations += sum(len(v["nodes"]) for v in blocking)
    assert not blocking, f"axe found on {page.url}:\n{_describe(blocking)}"


def test_provider_start_page_shows_profile_new_event_article_and_submissions(
    page, sign_in_admin, screenshot, axe, axe_tally
):
    sign_in_admin(PROVIDER)
    page.goto("/admin/")
    for heading in ("Mein Profil", "Neue Veranstaltung", "Neuer Beitrag", "Meine Einreichungen"):
        assert page.get_by_role("heading", name=heading).count() == 1
    own = ProviderPage.objects.filter(owner__username=PROVIDER).first()
    assert page.locator(f'a[href="/admin/pages/{own.pk}/edit/"]').count() >= 1
    screenshot(page, "admin-provider-start-page")
    _assert_no_serious_findings(page, axe, axe_tally)


def _screens_of(username: str) -> list[str]:
    screens = ["/admin/", _add_event_path(), "/admin/account/"]
    screens += [
        f"/admin/pages/{pk}/edit/"
        for pk in ProviderPage.objects.filter(owner__username=username).values_list(
            "pk", flat=True
        )[:1]
    ]
    screens += [
        f"/admin/pages/{pk}/edit/"
        for pk in EventPage.objects.filter(owner__username=username).values_list("pk", flat=True)[
            :1
        ]
    ]
    return screens


@pytest.mark.parametrize("username", [PROVIDER, DISTRICT_EDITOR])
def test_admin_screens_of_providers_and_editors_request_no_other_origin(
    page, sign_in_admin, foreign_requests, username
):
    sign_in_admin(username)
    for path in _screens_of(username):
        response = page.goto(path, wait_until="networkidle")
        assert response.status == 200, f"{path} answered {response.status}"
    assert not foreign_requests, f"other origins requested: {foreign_requests}"


def test_event_form_with_the_recurrence_chooser_has_no_serious_findings(
    page, sign_in_admin, axe, axe_tally
):
    # The whole form: Draftail's editor and the tag input get their field's label as
    # their name (cms/core/static/core/js/named-editor-fields.js).
    sign_in_admin(PROVIDER)
    page.goto(_add_event_path())
    page.locator("[data-recurrence-chooser]").get_by_label("Wöchentlich").check()
    page.locator('.Draftail-Editor [role="textbox"]').first.wait_for()
    _assert_no_serious_findings(page, axe, axe_tally)


def test_provider_enters_a_weekly_series_with_one_exception(
    page, sign_in_admin, screenshot, site_server, settings
):
    # Wagtail 8's autosave would create the page from the half-filled form and race the
    # "save" click (a second create, refused for its slug); the live server runs in this
    # process, so switching it off here switches it off there.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    first = timezone.localdate() + timedelta(days=60)
    weekday = WEEKDAY_CODES[first.weekday()]
    dates = [first + timedelta(weeks=n) for n in range(4)]
    skipped = dates[1]
    title = "Spielenachmittag im Browsertest"

    sign_in_admin(PROVIDER)
    page.goto(_add_event_path())
    page.locator("#id_title").fill(title)
    page.evaluate(
        "(slug) => { document.querySelector('[name=slug]').value = slug; }",
        "spielenachmittag-browsertest",
    )
    page.locator("[name=start]").fill(f"{first:%Y-%m-%d} 15:00")
    page.locator("[name=end]").fill(f"{first:%Y-%m-%d} 17:00")
    page.keyboard.press("Escape")
    page.locator("[name=venue_name]").fill("Nachbarschaftszentrum")

    chooser = page.locator("[data-recurrence-chooser]")
    chooser.get_by_label("Wöchentlich").check()
    assert chooser.get_by_text("An welchem Tag im Monat?").is_hidden()
    chooser.locator(f'[name="recurrence_rule-weekdays"][value="{weekday}"]').check()
    chooser.get_by_label("nach einer Anzahl von Terminen").check()
    chooser.locator('[name="recurrence_rule-count"]').fill("4")
    summary = chooser.locator("[data-recurrence-summary]")
    summary.filter(has_text="4-mal: 4 Termine").wait_for()
    chooser.locator(
        f'[name="recurrence_rule-exceptions"][value="{skipped:%Y-%m-%d}T15:00"]'
    ).check()
    chooser.scroll_into_view_if_needed()
    screenshot(page, "admin-recurrence-chooser")

    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_url("**/edit/", timeout=60_000)
    event = EventPage.objects.get(title=title)
    page.goto(f"/admin/pages/{event.pk}/edit/")
    assert (
        "4-mal: 3 Termine, 1 Termin fällt aus"
        in page.locator("[data-recurrence-summary]").inner_text()
    )

    # The editorial team approves it.
    event = EventPage.objects.get(pk=event.pk)
    assert event.get_latest_revision_as_object().recurrence_rule == (
        f"FREQ=WEEKLY;BYDAY={weekday};COUNT=4"
    )
    event.get_latest_revision().publish(user=get_user_model().objects.get(username="admin"))
    event = EventPage.objects.get(pk=event.pk)

    calendar_url = urlsplit(_calendar().url).path
    page.goto(f"{calendar_url}?event={event.pk}&start={dates[0]:%Y-%m-%d}&end={dates[-1]:%Y-%m-%d}")
    listed = page.locator("main").inner_text()
    # The filtered list names the event once, above its dates.
    assert title in listed
    ical = page.request.get(f"{site_server.url}/ical/events.ics?start={dates[0]:%Y-%m-%d}").text()
    (vevent,) = [
        component
        for component in Calendar.from_ical(ical).walk("VEVENT")
        if str(component["UID"]) == event.uid
    ]
    assert vevent["RRULE"].to_ical().decode() == f"FREQ=WEEKLY;COUNT=4;BYDAY={weekday}"
    exdates = vevent["EXDATE"] if isinstance(vevent["EXDATE"], list) else [vevent["EXDATE"]]
    excluded = [moment.dt.date() for exdate in exdates for moment in exdate.dts]
    assert excluded == [skipped]
