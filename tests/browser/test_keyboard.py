"""The help exchange with the keyboard only: skip link, registering, posting a listing.

The resident never uses a mouse; the helpers in keyboard.py move with Tab and Shift+Tab
and check at every stop that the focus is visible. Following the e-mail link is typing
an address; the approval is the municipality admin's act in the admin, done here
through the service the admin screen calls.
"""

import re
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from exchange.models import Member
from exchange.services import member_approve

from .keyboard import activate, assert_focus_visible, choose_option, has_focus, tick, type_into

RESIDENT_EMAIL = "tastatur.walk@quartier.invalid"
RESIDENT_PASSWORD = "Nachbarn-helfen-2026"
LISTING_TITLE = "Ich trage Ihre Einkäufe bis in die Wohnung"
CONFIRMATION_LINK = re.compile(r"https?://\S+/registrieren/bestaetigen/\S+/")


def field(page, label: str):
    """The form field labelled `label` (Django adds a colon to most labels)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def _date_typed_alike_day_or_month_first(*, after: date) -> date:
    """The next date whose day and month are the same number (12 December, 1 January).

    Chromium lays out a date field in its own interface language (month first in the
    Debian build's US English, day first in German); typing such a date fills the field
    the same in either order.
    """
    return next(
        day for offset in range(1, 400) if (day := after + timedelta(days=offset)).day == day.month
    )


def test_skip_link_is_the_first_tab_stop(page):
    page.goto("/")

    page.keyboard.press("Tab")

    skip_link = page.locator("a.skip-link")
    assert has_focus(skip_link)
    assert_focus_visible(page)
    # Off screen until focused, then inside the viewport.
    assert skip_link.bounding_box()["y"] >= 0


def test_skip_link_moves_the_focus_to_the_main_content(page):
    page.goto("/schalke/")
    page.keyboard.press("Tab")

    page.keyboard.press("Enter")

    assert has_focus(page.locator("main#main"))


def test_resident_registers_and_posts_a_listing_with_the_keyboard_only(page, mailoutbox):
    page.goto("/")
    activate(page, page.get_by_role("link", name="Nachbarschaftshilfe", exact=True))
    activate(page, page.get_by_role("link", name="Mitmachen: jetzt registrieren"))

    type_into(page, field(page, "E-Mail-Adresse"), RESIDENT_EMAIL)
    type_into(page, field(page, "Passwort"), RESIDENT_PASSWORD)
    type_into(page, field(page, "Angezeigter Name"), "Tabea T.")
    choose_option(page, field(page, "Ihr Quartier"), "Schalke")
    tick(page, field(page, "Ich stimme den Nutzungsbedingungen zu."))
    tick(page, field(page, "Ich habe die Datenschutzhinweise gelesen und willige ein."))
    activate(page, page.get_by_role("button", name="Registrieren"))
    assert RESIDENT_EMAIL in page.get_by_role("main").inner_text()

    (mail,) = mailoutbox
    page.goto(CONFIRMATION_LINK.search(mail.body).group(0))
    member = Member.objects.get(user__email=RESIDENT_EMAIL)
    member_approve(member=member, by=get_user_model().objects.get(username="kommune-ge"))

    activate(page, page.get_by_role("main").get_by_role("link", name="Anmelden"))
    type_into(page, field(page, "E-Mail-Adresse"), RESIDENT_EMAIL)
    type_into(page, field(page, "Passwort"), RESIDENT_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    activate(page, page.get_by_role("link", name="Neuen Eintrag schreiben"))

    # What to write first, then back up (Shift+Tab) to the choices at the top.
    type_into(page, field(page, "Titel"), LISTING_TITLE)
    type_into(
        page,
        field(page, "Beschreibung"),
        "Einmal in der Woche erledige ich Ihre Einkäufe im Quartier, gern auch mit Ihnen.",
    )
    choose_option(page, field(page, "Angebot oder Gesuch"), "Angebot")
    choose_option(page, field(page, "Art"), "Nachbarschaftshilfe")
    choose_option(page, field(page, "Kategorie"), "Einkaufen und Besorgungen")
    choose_option(page, field(page, "Quartier"), "Schalke")
    valid_until = _date_typed_alike_day_or_month_first(after=timezone.localdate())
    type_into(page, field(page, "Gültig bis"), valid_until.strftime("%d%m%Y"))
    assert field(page, "Gültig bis").input_value() == valid_until.isoformat()
    activate(page, page.get_by_role("button", name="Veröffentlichen"))

    my_listings = page.get_by_role("table")
    assert LISTING_TITLE in my_listings.inner_text()
    assert page.url.endswith("/nachbarschaftshilfe/meine-eintraege/")
