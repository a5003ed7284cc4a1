"""Loads the demo places, pages, contacts, images and accounts. Idempotent.

Everything is found by a natural key (slug, name, username) before it is created, so
running the loader again changes nothing; rows are never duplicated.
"""

import io
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText

from cms.core.models import Contact
from cms.core.text import german_slugify
from cms.demo.exchange import exchange_demo_load
from cms.demo.reports import reports_demo_load
from cms.demo.themes import themes_demo_load
from cms.events.models import EventIndexPage, EventOccurrenceChange, EventPage
from cms.home.models import DistrictHomePage, PortalHomePage, StandardPage
from cms.infoscreen.models import InfoScreenPage
from cms.news.models import ArticleEventLink, ArticlePage, NewsIndexPage
from cms.places.models import District, Municipality, Region, SocialSpace
from cms.providers.enums import ConsentMethod
from cms.providers.models import (
    ProviderConsent,
    ProviderCooperation,
    ProviderIndexPage,
    ProviderOpeningHours,
    ProviderPage,
    ProviderService,
    ServiceCategory,
)
from cms.providers.services import consent_municipality, signed_form_document_build
from cms.roles.collections import collection_of
from cms.roles.enums import CollectionPurpose, Role
from cms.roles.models import RoleGroup
from cms.roles.services import municipality_roles_ensure

from . import content
from .noticeboard import noticeboard_demo_load


def demo_data_load(*, port: int = 8000) -> None:
    """Load the whole demo; safe to run any number of times."""
    if not settings.QUARTIER_ALLOW_DEMO_DATA:
        raise ImproperlyConfigured(
            "Demo data and demo accounts are switched off here (QUARTIER_ALLOW_DEMO_DATA)."
        )
    with transaction.atomic():
        _locales_ensure()
        regions = {
            r["slug"]: _get_or_create(Region, slug=r["slug"], name=r["name"])
            for r in content.REGIONS
        }
        portals = {}
        for spec in content.MUNICIPALITIES:
            municipality = _municipality_ensure(spec, regions)
            portal = _portal_ensure(spec, municipality, port)
            _tree_ensure(spec, municipality, portal)
            municipality_roles_ensure(municipality=municipality, portal=portal)
            portals[municipality.name] = portal
        _default_welcome_page_remove()
        users = _accounts_ensure()
        _articles_ensure(portals, users)
        _providers_ensure(portals, users)
        _events_ensure(portals, users)
        _info_screens_ensure(portals)
        exchange_demo_load()
        reports_demo_load()
        noticeboard_demo_load()
        themes_demo_load(portals=portals, publisher=users["admin"])


def _get_or_create(model, *, defaults=None, **lookup):
    obj, _created = model.objects.get_or_create(**lookup, defaults=defaults or {})
    return obj


def _locales_ensure() -> None:
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)


def _municipality_ensure(spec: dict, regions: dict) -> Municipality:
    municipality = _get_or_create(
        Municipality,
        slug=german_slugify(spec["name"]),
        defaults={
            "name": spec["name"],
            "region": regions[spec["region"]],
            "official_key": spec["official_key"],
        },
    )
    for district_spec in spec["districts"]:
        district = _get_or_create(
            District,
            slug=german_slugify(district_spec["name"]),
            defaults={"name": district_spec["name"], "municipality": municipality},
        )
        for name, kind in district_spec["social_spaces"]:
            _get_or_create(
                SocialSpace,
                district=district,
                slug=german_slugify(name),
                defaults={"name": name, "kind": kind},
            )
    for contact_spec in spec["contacts"]:
        fields = {k: v for k, v in contact_spec.items() if k != "district"}
        _get_or_create(
            Contact,
            name=fields.pop("name"),
            locale=Locale.get_default(),
            defaults={**fields, "municipality": municipality},
        )
    return municipality


def _child_ensure(parent: Page, page: Page, *, publish: bool = True) -> Page:
    """Return the child of `parent` with the page's slug, creating (and publishing) it."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    page.live = publish
    parent.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    if publish:
        revision.publish()
    return page


def _portal_ensure(spec: dict, municipality: Municipality, port: int) -> PortalHomePage:
    portal_spec = spec["portal"]
    portal = _child_ensure(
        Page.get_first_root_node(),
        PortalHomePage(
            title=portal_spec["title"],
            slug=portal_spec["slug"],
            municipality=municipality,
            intro=portal_spec["intro"],
        ),
    )
    site_spec = spec["site"]
    site = Site.objects.filter(hostname=site_spec["hostname"]).first()
    if site is None and site_spec["default"]:
        # Reuse the site Wagtail's first migration created, so there is one default.
        site = Site.objects.filter(is_default_site=True).first()
    site = site or Site(hostname=site_spec["hostname"])
    site.hostname = site_spec["hostname"]
    site.port = port
    site.root_page = portal
    site.site_name = portal_spec["title"]
    site.is_default_site = site_spec["default"]
    site.save()
    return portal


def _contact_card(district_slug: str):
    contact = Contact.objects.filter(email__startswith=district_slug.split("-")[0]).first()
    return (
        [("contact_card", {"heading": "Ihr Kontakt im Quartier", "contact": contact})]
        if contact
        else []
    )


def _tree_ensure(spec: dict, municipality: Municipality, portal: PortalHomePage) -> None:
    _child_ensure(
        portal,
        NewsIndexPage(
            title="Aktuelles",
            slug="aktuelles",
            intro=f"Nachrichten und Pressemitteilungen aus {municipality.name}.",
        ),
    )
    _child_ensure(
        portal,
        ProviderIndexPage(
            title="Anbieter und Angebote",
            slug="anbieter",
            intro=(
                "Wer hilft mir bei Pflege, Einkauf oder Freizeit? Hier finden Sie Dienste, "
                "Vereine und Ehrenamtliche aus Ihrer Nähe."
            ),
        ),
    )
    _child_ensure(
        portal,
        EventIndexPage(
            title="Veranstaltungen",
            slug="veranstaltungen",
            intro=f"Alle Termine aus den Quartieren von {municipality.name} in einem Kalender.",
        ),
    )
    for page_spec in spec["portal_pages"]:
        _standard_page_ensure(portal, page_spec)
    for district_spec in spec["districts"]:
        district = District.objects.get(slug=german_slugify(district_spec["name"]))
        home = _child_ensure(
            portal,
            DistrictHomePage(
                title=district.name,
                slug=district.slug,
                district=district,
                intro=district_spec["intro"],
                listing_summary=district_spec["intro"],
                body=_contact_card(district.slug),
            ),
        )
        _child_ensure(
            home,
            NewsIndexPage(
                title=f"Neuigkeiten aus {district.name}",
                slug="neuigkeiten",
                intro=f"Was in {district.name} passiert.",
            ),
        )
        _standard_page_ensure(
            home,
            {
                "title": "Treffpunkte im Quartier",
                "slug": "treffpunkte",
                "intro": f"Wo man sich in {district.name} begegnet.",
                "text": f"<p>{district_spec['meeting_places']}</p>",
            },
        )


def _standard_page_ensure(parent: Page, page_spec: dict) -> StandardPage:
    body = [("text", RichText(page_spec["text"]))]
    if page_spec.get("faq"):
        items = [{"question": q, "answer": RichText(a)} for q, a in page_spec["faq"]]
        body.append(("accordion", {"heading": "Häufige Fragen", "items": items}))
    return _child_ensure(
        parent,
        StandardPage(
            title=page_spec["title"],
            slug=page_spec["slug"],
            intro=page_spec["intro"],
            body=body,
            show_in_menus=page_spec.get("show_in_menus", True),
        ),
    )


def _default_welcome_page_remove() -> None:
    """Remove Wagtail's "Welcome" page once the demo portals have taken over its site."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain_page, numchild=0):
        if not Site.objects.filter(root_page=page).exists():
            page.delete()


def _accounts_ensure() -> dict:
    user_model = get_user_model()
    users = {}
    for username, display_name, role, where in content.ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": display_name,
                "email": f"{username}@quartier.invalid",
                "is_superuser": role == "admin",
                "is_staff": role == "admin",
            },
        )
        if created:
            user.set_password(content.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role != "admin":
            user.groups.add(_role_group(role, where))
        users[username] = user
    return users


def _role_group(role: str, where: str) -> Group:
    role_groups = RoleGroup.objects.select_related("group")
    if role == Role.DISTRICT_EDITOR:
        return role_groups.get(role=role, district__slug=where).group
    return role_groups.get(role=role, municipality__name=where, district__isnull=True).group


def _demo_image(key: str, collection: Collection):
    title, colour = content.IMAGES[key]
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    # A simple drawn street scene: sun, houses with windows. No text, so no font is
    # needed and the alternative text stays the only description.
    canvas = PILImage.new("RGB", (1280, 720), colour)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((1000, 80, 1160, 240), fill=(255, 214, 102))
    draw.rectangle((0, 600, 1280, 720), fill=(60, 60, 60))
    for number, left in enumerate(range(80, 1100, 260)):
        height = 260 + (number % 2) * 80
        draw.rectangle((left, 600 - height, left + 200, 600), fill=(245, 240, 230))
        draw.polygon(
            [(left - 20, 600 - height), (left + 100, 520 - height), (left + 220, 600 - height)],
            fill=(170, 60, 50),
        )
        for row in range(height // 100):
            for column in range(2):
                x = left + 30 + column * 90
                y = 600 - height + 30 + row * 100
                draw.rectangle((x, y, x + 50, y + 60), fill=colour)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return image_model.objects.create(
        title=title,
        collection=collection,
        file=ImageFile(buffer, name=f"demo-{key}.png"),
        description=title,
    )


def _articles_ensure(portals: dict, users: dict) -> None:
    today = timezone.localdate()
    for spec in content.ARTICLES:
        portal = portals[spec["municipality"]]
        if spec["where"] == "portal":
            news_index = NewsIndexPage.objects.child_of(portal).get(slug="aktuelles")
        else:
            home = DistrictHomePage.objects.child_of(portal).get(district__slug=spec["where"])
            news_index = NewsIndexPage.objects.child_of(home).get(slug="neuigkeiten")
        slug = german_slugify(spec["title"])[:80].rstrip("-")
        if news_index.get_children().filter(slug=slug).exists():
            continue
        author = users[spec["author"]]
        body = [("text", RichText(spec["text"]))]
        if spec.get("quote"):
            quote, attribution = spec["quote"]
            body.append(("quote", {"quote": quote, "attribution": attribution}))
        article = ArticlePage(
            title=spec["title"],
            slug=slug,
            kind=spec["kind"],
            date=today - timedelta(days=spec["days_ago"]),
            intro=spec["intro"],
            body=body,
            owner=author,
            live=False,
        )
        if spec.get("image"):
            collection = collection_of(portal.municipality, CollectionPurpose.MEDIA)
            article.lead_image = _demo_image(spec["image"], collection)
            article.lead_image_alt_text = content.IMAGES[spec["image"]][0]
            article.lead_image_credit = "Foto: Quartiersnetz (Demo)"
        news_index.add_child(instance=article)
        article.tags.add(*spec["tags"])
        revision = article.save_revision(user=author, log_action=True)
        if spec["state"] == "published":
            revision.publish(user=_publisher_for(article, author, users))
        elif spec["state"] == "in_review":
            article.get_workflow().start(article, author)


def _publisher_for(page: Page, author, users: dict):
    """The author if they may publish, else an editor of the municipality (or nobody)."""
    if author is not None and page.permissions_for_user(author).can_publish():
        return author
    return next(
        (
            user
            for username, _name, role, _where in content.ACCOUNTS
            if role == "editorial_team"
            and page.permissions_for_user(user := users[username]).can_publish()
        ),
        None,
    )


# A minimal PDF standing in for the scan of a signed consent form.
_SIGNED_FORM_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _providers_ensure(portals: dict, users: dict) -> None:
    locale = Locale.get_default()
    categories = {
        slug: _get_or_create(ServiceCategory, slug=slug, locale=locale, defaults={"name": name})
        for slug, name in content.SERVICE_CATEGORIES
    }
    by_title = {}
    for spec in content.PROVIDERS:
        directory = ProviderIndexPage.objects.child_of(portals[spec["municipality"]]).get(
            slug="anbieter"
        )
        slug = german_slugify(spec["title"])
        existing = directory.get_children().filter(slug=slug).first()
        if existing:
            by_title[spec["title"]] = existing.specific
            continue
        by_title[spec["title"]] = _provider_create(
            spec, directory, slug, categories, users, by_title
        )


def _provider_create(spec, directory, slug, categories, users, by_title) -> ProviderPage:
    owner = users.get(spec["owner"]) if spec["owner"] else None
    street, postcode, city = spec["address"]
    first_category = categories[spec["categories"][0]]
    page = ProviderPage(
        title=spec["title"],
        slug=slug,
        kind=spec["kind"],
        listing_summary=spec["summary"],
        description=spec["description"],
        street=street,
        postcode=postcode,
        city=city,
        phone=spec["phone"],
        email=spec["email"],
        show_address="address" in spec["show"],
        show_phone="phone" in spec["show"],
        show_email="email" in spec["show"],
        owner=owner,
        live=False,
        **dict.fromkeys(spec["accessibility"], True),
    )
    page.categories = [categories[key] for key in spec["categories"]]
    page.districts_served = list(District.objects.filter(slug__in=spec["districts"]))
    page.services = [
        ProviderService(title=title, description=text, category=first_category)
        for title, text in spec["services"]
    ]
    page.opening_hours = [
        ProviderOpeningHours(weekday=weekday, opens=opens, closes=closes)
        for weekday, opens, closes in spec["hours"]
    ]
    page.cooperations = [
        ProviderCooperation(partner=by_title[partner]) for partner in spec.get("partners", [])
    ]
    directory.add_child(instance=page)
    page.tags.add(*spec["tags"])
    publisher = _publisher_for(page, owner, users)
    page.save_revision(user=publisher, log_action=True).publish(user=publisher)
    _consent_create(page, spec["consent"], publisher)
    if spec.get("pending_change"):
        page.listing_summary = spec["pending_change"]
        page.save_revision(user=owner, log_action=True)
        page.get_workflow().start(page, owner)
    return page


def _consent_create(page: ProviderPage, state: str, recorded_by) -> None:
    now = timezone.now()
    # Filed like a scan uploaded in the consent form: in the municipality's private
    # collection, which only its editorial team reads.
    signed_form = signed_form_document_build(
        upload=ContentFile(_SIGNED_FORM_PDF, name=f"einwilligung-{page.slug}.pdf"),
        provider=page,
        municipality=consent_municipality(page),
        by=recorded_by,
    )
    signed_form.save()
    ProviderConsent.objects.create(
        provider=page,
        given_by=f"Vorstand {page.title}",
        given_at=now - timedelta(days=90),
        text_version="2026-01",
        method=ConsentMethod.SIGNED_FORM,
        signed_form=signed_form,
        expires_on=timezone.localdate() + timedelta(days=14) if state == "expiring" else None,
        withdrawn_at=now - timedelta(days=3) if state == "withdrawn" else None,
        recorded_by=recorded_by,
    )


def _events_ensure(portals: dict, users: dict) -> None:
    """Events of every kind: single, weekly with a cancelled and a moved date, hybrid with
    dial-in, cancelled, a provider's event waiting for review; one linked article."""
    today = timezone.localdate()
    # The demo week is the week load_demo runs in (its Monday), so that this week's
    # calendar, the weekly programme and the info screen always have dates; the
    # series run on from there.
    first_day = today - timedelta(days=today.weekday())
    categories = {c.slug: c for c in ServiceCategory.objects.filter(locale=Locale.get_default())}
    for spec in content.EVENTS:
        portal = portals[spec["municipality"]]
        calendar = EventIndexPage.objects.child_of(portal).get(slug="veranstaltungen")
        slug = german_slugify(spec["title"])[:80].rstrip("-")
        if calendar.get_children().filter(slug=slug).exists():
            continue
        _event_create(spec, calendar, slug, first_day, categories, users)


def _event_create(spec, calendar, slug, first_day, categories, users) -> None:
    tz = timezone.get_default_timezone()
    hour, minute = spec["time"]
    start = datetime.combine(first_day + timedelta(days=spec["day"]), time(hour, minute), tzinfo=tz)
    duration = timedelta(hours=spec["hours"])
    venue_name, street, postcode, city = spec["venue"]
    online_url, dial_in = spec.get("online", ("", ""))
    owner = users.get(spec.get("owner"))
    organiser = (
        ProviderPage.objects.filter(title=spec["organiser"]).first()
        if spec.get("organiser")
        else None
    )
    event = EventPage(
        title=spec["title"],
        slug=slug,
        description=spec["description"],
        start=start,
        end=start + duration,
        recurrence_rule=spec.get("rule", ""),
        status=spec.get("status", "scheduled"),
        attendance_mode=spec.get("mode", "on_site"),
        venue_name=venue_name,
        street=street,
        postcode=postcode,
        city=city,
        online_url=online_url,
        dial_in=dial_in,
        organiser=organiser,
        target_group=spec.get("target_group", "everyone"),
        is_free=spec.get("free", True),
        price=spec.get("price", ""),
        registration_required=spec.get("registration_required", False),
        registration_info=spec.get("registration_info", ""),
        owner=owner,
        live=False,
        **dict.fromkeys(spec.get("accessibility", []), True),
    )
    event.districts = list(District.objects.filter(slug__in=spec["districts"]))
    event.social_spaces = list(
        SocialSpace.objects.filter(
            district__slug__in=spec["districts"], name__in=spec.get("social_spaces", [])
        )
    )
    event.categories = [categories[key] for key in spec.get("categories", []) if key in categories]
    week = timedelta(days=7)
    event.changes = [
        EventOccurrenceChange(original_start=start + number * week, cancelled=True)
        for number in spec.get("skip", [])
    ] + [
        EventOccurrenceChange(
            original_start=start + number * week,
            cancelled=False,
            new_start=(
                moved := datetime.combine(
                    (start + number * week).date() + timedelta(days=days), time(new_hour), tzinfo=tz
                )
            ),
            new_end=moved + duration,
        )
        for number, (days, new_hour) in spec.get("move", {}).items()
    ]
    calendar.add_child(instance=event)
    event.tags.add(*spec.get("tags", []))
    revision = event.save_revision(user=owner, log_action=True)
    if spec["state"] == "published":
        revision.publish(user=_publisher_for(event, owner, users))
    else:
        event.get_workflow().start(event, owner)
    if spec.get("article"):
        _event_article_ensure(spec, calendar, event, users)


def _event_article_ensure(spec, calendar, event, users) -> None:
    news_index = NewsIndexPage.objects.child_of(calendar.get_parent()).get(slug="aktuelles")
    slug = german_slugify(spec["article"])[:80].rstrip("-")
    if news_index.get_children().filter(slug=slug).exists():
        return
    article = ArticlePage(
        title=spec["article"],
        slug=slug,
        intro=f"Für „{event.title}“ werden noch helfende Hände gesucht.",
        body=[
            (
                "text",
                RichText(
                    "<p>Wer einen Kuchen backen oder am Stand helfen mag, "
                    "meldet sich im Quartiersbüro.</p>"
                ),
            )
        ],
        live=False,
    )
    article.event_links = [ArticleEventLink(event=event)]
    news_index.add_child(instance=article)
    publisher = _publisher_for(article, None, users)
    article.save_revision(user=publisher, log_action=True).publish(user=publisher)


def _info_screens_ensure(portals: dict) -> None:
    """A district centre's info screen with its info boxes, published."""
    for spec in content.INFO_SCREENS:
        home = DistrictHomePage.objects.child_of(portals[spec["municipality"]]).get(
            district__slug=spec["district"]
        )
        _child_ensure(
            home,
            InfoScreenPage(
                title=spec["title"],
                slug=spec["slug"],
                info_boxes=[
                    ("info_box", {"heading": heading, "text": text})
                    for heading, text in spec["info_boxes"]
                ],
            ),
        )
