"""Issue 14, the public side: events on the district home, the calendar on a phone
(first result on the first screen, also at the largest text size), German dates, the
subscribe help with its QR code, the compact header, Arabic calendar and directory."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_accessibility import AXE_OPTIONS, BLOCKING_IMPACTS, _describe

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def _no_serious_axe_findings(page, axe_tally):
    results = Axe().run(page, options=AXE_OPTIONS)
    axe_tally.pages_checked += 1
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    axe_tally.serious_violations += sum(len(v["nodes"]) for v in blocking)
    assert not blocking, f"axe found on {page.url}:\n{_describe(blocking)}"


def _first_result_top(page) -> float:
    return page.locator(".occurrence").first.bounding_box()["y"]


def test_district_home_shows_its_next_events(page, screenshot, axe_tally):
    page.goto("/schalke/")
    section = page.locator(".upcoming-events")
    assert "Termine in Schalke" in section.locator("h2").inner_text()
    assert section.locator(".upcoming-event").count() >= 1
    link = section.locator(".upcoming-events__more a")
    assert "district=schalke" in link.get_attribute("href")
    _no_serious_axe_findings(page, axe_tally)
    screenshot(page, "district-home-events-demo-de")
    link.click()
    assert page.locator("select#id_district").input_value() == "schalke"


def test_phone_calendar_shows_the_first_result_on_the_first_screen(phone, screenshot, axe_tally):
    phone.goto("/veranstaltungen/")
    assert _first_result_top(phone) < PHONE["height"]
    assert not phone.locator("#id_start").is_visible()
    _no_serious_axe_findings(phone, axe_tally)
    screenshot(phone, "calendar-phone-demo-de")


def test_phone_calendar_at_the_largest_text_size_shows_the_first_result(phone, axe_tally):
    phone.goto("/veranstaltungen/")
    phone.locator(".site-fold--display > summary").click()
    phone.locator("button[name=text_size][value=sehr-gross]").click()
    phone.wait_for_function("document.documentElement.classList.contains('q-text-sehr-gross')")
    phone.reload()
    assert _first_result_top(phone) < PHONE["height"]
    _no_serious_axe_findings(phone, axe_tally)


def test_filters_open_from_their_button_without_script(browser, site_server):
    context = browser.new_context(
        base_url=site_server.url, java_script_enabled=False, viewport=PHONE
    )
    try:
        tab = context.new_page()
        tab.goto("/veranstaltungen/")
        tab.locator(".filters-fold__summary").click()
        assert tab.locator("#id_start").is_visible()
    finally:
        context.close()


def test_wide_screen_shows_the_filters_unfolded(page):
    page.goto("/veranstaltungen/")
    assert page.locator("#id_start").is_visible()
    assert not page.locator(".filters-fold__summary").is_visible()


def test_german_date_is_accepted_and_nonsense_explained(page):
    page.goto("/veranstaltungen/")
    page.fill("#id_start", "14.12.2026")
    page.fill("#id_end", "14.12.2026")
    page.locator(".filters button[type=submit]").click()
    assert page.locator(".field__error").count() == 0
    assert page.locator("#id_start").input_value() == "14.12.2026"
    page.fill("#id_start", "31.02.2026")
    page.locator(".filters button[type=submit]").click()
    assert "TT.MM.JJJJ" in page.locator(".field__error").first.inner_text()


def test_shortcut_today_is_marked_current(page):
    page.goto("/veranstaltungen/")
    page.get_by_role("link", name="Heute", exact=True).first.click()
    current = page.locator(".calendar-shortcuts a[aria-current]")
    assert current.inner_text() == "Heute"


def test_subscribe_help_shows_steps_address_and_qr_code(page, screenshot, axe_tally):
    page.goto("/veranstaltungen/?district=schalke")
    help_box = page.locator(".subscribe-help")
    help_box.locator("summary").click()
    assert "iPhone" in help_box.inner_text() and "Android" in help_box.inner_text()
    address = help_box.locator("#subscribe-address").input_value()
    assert address.startswith("http") and "district=schalke" in address
    assert help_box.locator(".qr svg").is_visible()
    _no_serious_axe_findings(page, axe_tally)
    help_box.screenshot(path=screenshot(page, "calendar-subscribe-help-demo-de"))


def test_phone_header_is_compact_and_its_menu_opens(phone, screenshot):
    phone.goto("/")
    header_height = phone.locator(".site-header").bounding_box()["height"]
    assert header_height < 250, f"the header takes {header_height} px"
    assert not phone.locator(".site-nav").is_visible()
    phone.locator(".site-fold--menu > summary").click()
    assert phone.locator(".site-nav").is_visible()
    screenshot(phone, "header-menu-phone-demo-de")


def test_phone_month_view_names_the_weekdays(phone):
    phone.goto("/veranstaltungen/?view=monat")
    assert phone.locator(".calendar-month__weekday abbr").first.is_visible()


@pytest.mark.parametrize("path", ["/ar/veranstaltungen/", "/ar/anbieter/"])
def test_arabic_calendar_and_directory_answer_in_german_with_a_notice(page, axe_tally, path):
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".untranslated-notice").is_visible()
    assert page.locator("h1").get_attribute("lang") == "de"
    _no_serious_axe_findings(page, axe_tally)
