"""Demo content of the public look: themes, the accessibility pages of every portal, a
page in Leichte Sprache, and pages translated into English and Arabic (live).

Called by `cms.demo.services.demo_data_load` after the page trees exist; idempotent like
the rest of the loader (everything is found by name or slug before it is created).
"""

import datetime

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from cms.core.models import Contact
from cms.home.models import DistrictHomePage, PortalHomePage, StandardPage
from themes.models import (
    DEFAULT_COLOURS,
    AccessibilityStatementPage,
    EasyLanguageIndexPage,
    SignLanguagePage,
    Theme,
)

# Name, municipality, where it is picked (portal or district slug), colours.
THEMES = [
    (
        "Quartiersnetz Gelsenkirchen",
        "Gelsenkirchen",
        "portal",
        {},
    ),
    (
        "Schalke königsblau",
        "Gelsenkirchen",
        "schalke",
        {
            "color_heading": "#00387b",
            "color_link": "#004f9f",
            "color_primary": "#004f9f",
            "color_header_background": "#004f9f",
            "color_header_text": "#ffffff",
            "color_surface": "#eaf1fb",
            "color_accent": "#004f9f",
        },
    ),
    (
        "Hüllen grün",
        "Gelsenkirchen",
        "huellen",
        {
            "color_heading": "#1b4d20",
            "color_link": "#1e6b2a",
            "color_muted": "#4d5a4d",
            "color_primary": "#1e6b2a",
            "color_header_background": "#e8f3e5",
            "color_header_text": "#173d1b",
            "color_surface": "#f0f6ee",
            "color_accent": "#2e7d32",
            "color_focus": "#9c2a8c",
        },
    ),
    (
        "Delbrück rot",
        "Delbrück",
        "portal",
        {
            "color_heading": "#7a1f12",
            "color_link": "#9b2a17",
            "color_primary": "#9b2a17",
            "color_header_background": "#fbf3ea",
            "color_header_text": "#3b1a12",
            "color_surface": "#fbf3ea",
            "color_accent": "#c4661f",
            "color_focus": "#005a8c",
        },
    ),
]

STATEMENT = {
    "conformance_text": (
        "<p>Die Website erfüllt die Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) "
        "weitgehend. Alle Funktionen sind mit der Tastatur und ohne JavaScript nutzbar; "
        "Schriftgröße und Kontrast lassen sich oben auf jeder Seite einstellen.</p>"
    ),
    "non_accessible_content": (
        "<ul><li>Einige ältere PDF-Dokumente sind nicht barrierefrei. Auf Wunsch schicken "
        "wir Ihnen die Inhalte in einer zugänglichen Form.</li>"
        "<li>Eingebettete Videos von Anbietern haben nicht immer Untertitel.</li></ul>"
    ),
    "assessment_text": (
        "<p>Grundlage ist eine Selbstbewertung mit automatischen Prüfungen (axe) und "
        "Tests mit Tastatur, Bildschirmleser und 400 % Vergrößerung.</p>"
    ),
    "feedback_intro": (
        "<p>Sie sind auf eine Barriere gestoßen? Schreiben Sie uns über das Formular "
        "unten oder wenden Sie sich an unsere Kontaktstelle. Wir antworten innerhalb "
        "von zwei Wochen.</p>"
    ),
    "enforcement_text": (
        "<p>Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, "
        "können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des "
        "Landes Nordrhein-Westfalen wenden. Das Verfahren ist kostenlos; Sie brauchen "
        "keinen Rechtsbeistand.</p>"
        "<p>Ombudsstelle für barrierefreie Informationstechnik des Landes NRW<br/>"
        "bei der Landesbeauftragten für Menschen mit Behinderung<br/>"
        "Fürstenwall 25, 40219 Düsseldorf</p>"
    ),
}

EASY_LANGUAGE_BODY = (
    "<p>Diese Internet-Seite ist für alle Menschen im Quartier.</p>"
    "<p>Hier finden Sie:</p>"
    "<ul><li>Nachrichten aus Ihrem Stadtteil.</li>"
    "<li>Termine. Zum Beispiel: ein Frühstück oder ein Spaziergang.</li>"
    "<li>Menschen und Vereine, die Ihnen helfen.</li>"
    "<li>Die Nachbarschafts-Hilfe. Dort helfen sich Nachbarn gegenseitig.</li></ul>"
    "<h2>So benutzen Sie die Seite</h2>"
    "<p>Oben auf jeder Seite können Sie die Schrift größer machen.</p>"
    "<p>Sie können auch einen starken Kontrast einstellen. "
    "Dann ist die Seite schwarz und die Schrift weiß.</p>"
    "<h2>Haben Sie Fragen?</h2>"
    "<p>Rufen Sie uns an. Oder kommen Sie in ein Quartiers-Büro.</p>"
)

EASY_PAGE = {
    "title": "Das Stadtteil-Büro in Schalke",
    "slug": "stadtteilbuero-leichte-sprache",
    "intro": "Hier erklären wir das Stadtteil-Büro in Leichter Sprache.",
    "text": (
        "<p>Das Stadtteil-Büro ist ein Haus für alle Menschen in Schalke.</p>"
        "<p>Dort können Sie Fragen stellen.</p>"
        "<p>Dort treffen sich Nachbarn.</p>"
        "<h2>Wann ist das Büro offen?</h2>"
        "<p>Montag bis Freitag. Von 9 Uhr bis 12 Uhr.</p>"
    ),
}

# Hand-made translations (not machine output) of a few pages, live.
TRANSLATIONS = {
    "en": {
        "portal": {
            "title": "Neighbourhood network Gelsenkirchen",
            "intro": (
                "In Buer-Ost, Hüllen, Schaffrath/Rosenhügel and Schalke, neighbours, clubs, "
                "parishes and services build networks together, so that everyone can grow "
                "older well and independently in their neighbourhood."
            ),
        },
        "schalke": {
            "title": "Schalke",
            "intro": (
                "Schalke is more than football: in the district, the district office, "
                "parishes, clubs and the neighbourhood help work closely together."
            ),
        },
        "treffpunkte": {
            "title": "Meeting places in the district",
            "intro": "Where people meet in Schalke.",
            "text": (
                "<p>The district office is open Monday to Friday from 9 am to 12 noon. "
                "The storytelling café meets every Tuesday afternoon; the entrance is "
                "step-free.</p>"
            ),
        },
    },
    "ar": {
        "portal": {
            "title": "شبكة الأحياء في غيلزنكيرشن",
            "intro": (
                "في أحياء بوير-أوست وهولن وشافرات/روزنهوغل وشالكه يبني الجيران والجمعيات "
                "والكنائس والخدمات شبكات معاً، حتى يتمكن الجميع من التقدم في السن بشكل جيد "
                "ومستقل في حيّهم."
            ),
        },
        "schalke": {
            "title": "شالكه",
            "intro": (
                "شالكه أكثر من كرة القدم: في الحي يعمل مكتب الحي والكنائس والجمعيات "
                "ومساعدة الجيران معاً بشكل وثيق."
            ),
        },
        "treffpunkte": {
            "title": "أماكن اللقاء في الحي",
            "intro": "أين يلتقي الناس في شالكه.",
            "text": (
                "<p>مكتب الحي مفتوح من الاثنين إلى الجمعة من الساعة 9 حتى الساعة 12 ظهراً. "
                "يلتقي مقهى الحكايات كل يوم ثلاثاء بعد الظهر، والمدخل بدون درجات.</p>"
            ),
        },
    },
}


def themes_demo_load(*, portals: dict[str, PortalHomePage], publisher) -> None:
    for name, municipality_name, where, colours in THEMES:
        portal = portals[municipality_name]
        theme = Theme.objects.filter(name=name, municipality=portal.municipality).first()
        if theme is None:
            theme = Theme(name=name, municipality=portal.municipality, **DEFAULT_COLOURS)
            for field, value in colours.items():
                setattr(theme, field, value)
            theme.full_clean()
            theme.save()
        holder = (
            portal
            if where == "portal"
            else DistrictHomePage.objects.child_of(portal).get(district__slug=where)
        )
        if holder.theme_id is None:
            holder.theme = theme
            holder.save_revision(user=publisher).publish(user=publisher)
    for portal in portals.values():
        _service_pages_ensure(portal, publisher)
    _easy_language_page_ensure(portals["Gelsenkirchen"], publisher)
    _translations_ensure(portals["Gelsenkirchen"], publisher)


def _add(parent: Page, page: Page, publisher) -> Page:
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision(user=publisher, log_action=True).publish(user=publisher)
    return page


def _service_pages_ensure(portal: PortalHomePage, publisher) -> None:
    municipality = portal.municipality
    contact, _created = Contact.objects.get_or_create(
        name=f"Kontaktstelle Barrierefreiheit {municipality.name}",
        locale=Locale.get_default(),
        defaults={
            "municipality": municipality,
            "organisation": portal.title,
            "email": f"barrierefreiheit@{municipality.slug}.invalid",
            "phone": "0209 123 456 0",
            "office_hours": "Montag bis Donnerstag, 9 bis 15 Uhr",
        },
    )
    _add(
        portal,
        AccessibilityStatementPage(
            title="Erklärung zur Barrierefreiheit",
            slug="barrierefreiheit",
            prepared_on=datetime.date(2026, 3, 1),
            reviewed_on=datetime.date(2026, 9, 1),
            contact=contact,
            **STATEMENT,
        ),
        publisher,
    )
    _add(
        portal,
        EasyLanguageIndexPage(
            title="Leichte Sprache",
            slug="leichte-sprache",
            intro="Hier erklären wir diese Internet-Seite in Leichter Sprache.",
            body=[("text", RichText(EASY_LANGUAGE_BODY))],
        ),
        publisher,
    )
    _add(
        portal,
        SignLanguagePage(
            title="Gebärdensprache",
            slug="gebaerdensprache",
            intro=(
                "Hier stellen wir die Plattform in Deutscher Gebärdensprache (DGS) vor. "
                "Jedes Video hat Untertitel und einen Text zum Nachlesen."
            ),
        ),
        publisher,
    )


def _easy_language_page_ensure(portal: PortalHomePage, publisher) -> None:
    home = DistrictHomePage.objects.child_of(portal).get(district__slug="schalke")
    _add(
        home,
        StandardPage(
            title=EASY_PAGE["title"],
            slug=EASY_PAGE["slug"],
            intro=EASY_PAGE["intro"],
            body=[("text", RichText(EASY_PAGE["text"]))],
            is_easy_language=True,
            show_in_menus=False,
        ),
        publisher,
    )


def _translations_ensure(portal: PortalHomePage, publisher) -> None:
    home = DistrictHomePage.objects.child_of(portal).get(district__slug="schalke")
    meeting_places = StandardPage.objects.child_of(home).get(slug="treffpunkte")
    for language_code, texts in TRANSLATIONS.items():
        locale, _created = Locale.objects.get_or_create(language_code=language_code)
        for page, key in ((portal, "portal"), (home, "schalke"), (meeting_places, "treffpunkte")):
            translated = page.get_translation_or_none(locale)
            if translated is None:
                translated = page.copy_for_translation(locale, copy_parents=True)
            translated = translated.specific
            if translated.live:
                continue
            spec = texts[key]
            translated.title = spec["title"]
            translated.draft_title = spec["title"]
            translated.intro = spec["intro"]
            if "text" in spec:
                translated.body = [("text", RichText(spec["text"]))]
            translated.save_revision(user=publisher, log_action=True).publish(user=publisher)
