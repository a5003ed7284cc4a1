"""The world the tenancy tests probe: the demo, plus an own and a foreign object of each kind.

"Own" objects belong to Gelsenkirchen, whose roles sign in; "foreign" objects belong to
Delbrück. The demo (`load_demo`) supplies the role accounts and most objects; what it
lacks (documents, uploads, editing sessions, workflows in progress, translations,
redirects, feedback, feeds) is created here through Wagtail's and the apps' own models.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import Q
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Locale,
    Page,
    PageViewRestriction,
    UploadedFile,
)
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from cms.events.models import EventPage, ExternalCalendarFeed
from cms.home.models import DistrictHomePage, PortalHomePage, StandardPage
from cms.news.models import ArticlePage
from cms.noticeboard.models import InfoBox, Sponsor
from cms.places.models import District, Municipality, Region, SocialSpace
from cms.providers.models import ProviderConsent, ProviderPage, ServiceCategory
from cms.roles.collections import collection_of
from cms.roles.enums import CollectionPurpose
from exchange import selectors as exchange_selectors
from exchange.certificates import certificate_issue
from exchange.enums import ListingStatus, MemberStatus
from exchange.models import Category, Conversation, Listing, Member, Message, ProxyClient
from themes.models import AccessibilityStatementPage, Theme
from themes.models.feedback import AccessibilityFeedback

User = get_user_model()

# The roles of the matrix and their demo accounts (all of Gelsenkirchen).
ROLE_ACCOUNTS = {
    "platform_admin": "admin",
    "editorial_team": "redaktion-ge",
    "district_editor": "quartier-schalke",
    "provider": "anbieter-caritas",
    "municipality_admin": "kommune-ge",
    "proxy_helper": "helfer-ge",
    "resident": "renate.s@quartier.invalid",
    "anonymous": None,
}
STAFF_ROLES = (
    "editorial_team",
    "district_editor",
    "provider",
    "municipality_admin",
    "proxy_helper",
)

OWN, FOREIGN, SHARED = "own", "foreign", "shared"


@dataclass
class World:
    """Role users and, per kind of object, the objects probed as own and foreign."""

    users: dict
    objects: dict = field(default_factory=dict)  # kind -> {side: [obj, ...]}
    sites: dict = field(default_factory=dict)  # side -> Site

    def add(self, kind: str, side: str, *objects) -> None:
        self.objects.setdefault(kind, {}).setdefault(side, []).extend(objects)


def _portal(slug: str) -> PortalHomePage:
    return PortalHomePage.objects.get(municipality__slug=slug, locale=Locale.get_default())


def _district_standard_page(portal: Page, district_slug: str) -> StandardPage:
    home = DistrictHomePage.objects.descendant_of(portal).get(district__slug=district_slug)
    return StandardPage.objects.child_of(home).order_by("path").first()


def _workflow_started(page: Page, by) -> None:
    page = page.specific
    if page.workflow_in_progress:
        return
    page.save_revision(user=by)
    page.get_workflow().start(page, by)


def _document(title: str, collection: Collection, by):
    document = get_document_model()(title=title, collection=collection, uploaded_by_user=by)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(b"%PDF-1.4 test"))
    document.save()
    return document


def _upload(for_model, by) -> UploadedFile:
    upload = UploadedFile(
        for_content_type=ContentType.objects.get_for_model(for_model), uploaded_by_user=by
    )
    upload.file.save("hochgeladen.pdf", ContentFile(b"%PDF-1.4 upload"))
    upload.save()
    return upload


def _translation_of(page: Page, by) -> Translation:
    """A Turkish translation of the page, saved as a draft (copying missing parents)."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code="tr")
    )
    translation.save_target(user=by, publish=False)
    return translation


def world_build() -> World:
    """Load the demo and add the objects it lacks; call inside the test's transaction."""
    call_command("load_demo", verbosity=0)
    users = {
        role: (User.objects.get(username=username) if username else None)
        for role, username in ROLE_ACCOUNTS.items()
    }
    world = World(users=users)
    ge, de = _portal("gelsenkirchen"), _portal("delbrueck")
    world.sites = {OWN: ge.get_site(), FOREIGN: de.get_site()}
    ge_editor = users["editorial_team"]
    de_editor = User.objects.get(username="redaktion-delbrueck")

    # Pages: a district page, the provider's own profile; Delbrück's district page.
    schalke_page = _district_standard_page(ge, "schalke")
    caritas = ProviderPage.objects.get(owner=users["provider"], locale=Locale.get_default())
    ostenland_page = _district_standard_page(de, "ostenland")
    world.add("page", OWN, schalke_page, caritas)
    world.add("page", FOREIGN, ostenland_page)
    world.add("provider_page", OWN, caritas)
    world.add(
        "provider_page",
        FOREIGN,
        ProviderPage.objects.descendant_of(de).filter(locale=Locale.get_default()).first(),
    )
    world.add("portal", OWN, ge)
    world.add("portal", FOREIGN, de)
    for page, by in ((schalke_page, ge_editor), (ostenland_page, de_editor)):
        _workflow_started(page, by)
    world.add("page_in_workflow", OWN, schalke_page.specific_deferred)
    world.add("page_in_workflow", FOREIGN, ostenland_page.specific_deferred)
    world.add("workflow", OWN, ge.get_workflow())
    world.add("workflow", FOREIGN, de.get_workflow())
    world.add("task", OWN, ge.get_workflow().tasks.first().specific)
    world.add("task", FOREIGN, de.get_workflow().tasks.first().specific)
    for side, page, by in ((OWN, schalke_page, ge_editor), (FOREIGN, ostenland_page, de_editor)):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        world.add("page_view_restriction", side, restriction)
        world.add("translation", side, _translation_of(page, by))

    # Media: the municipalities' collections and a document, an image, an upload in each.
    ge_collection = Collection.objects.get(name="Gelsenkirchen")
    de_collection = Collection.objects.get(name="Delbrück")
    world.add("collection", OWN, ge_collection)
    world.add("collection", FOREIGN, de_collection)
    # Signed consent forms, in each town's collection for personal documents.
    ge_private = collection_of(ge.municipality, CollectionPurpose.PRIVATE)
    de_private = collection_of(de.municipality, CollectionPurpose.PRIVATE)
    world.add("document", OWN, _document("Einwilligung Caritas", ge_private, ge_editor))
    world.add("document", FOREIGN, _document("Einwilligung Landfrauen", de_private, de_editor))
    image_model = get_image_model()
    world.add("image", OWN, image_model.objects.filter(collection=ge_collection).first())
    world.add("image", FOREIGN, image_model.objects.filter(collection=de_collection).first())
    document_model = get_document_model()
    world.add("document_upload", OWN, _upload(document_model, ge_editor))
    world.add("document_upload", FOREIGN, _upload(document_model, de_editor))
    world.add("image_upload", OWN, _upload(image_model, ge_editor))
    world.add("image_upload", FOREIGN, _upload(image_model, de_editor))

    # Editing sessions of each town's editor on their own page.
    for side, page, by in ((OWN, schalke_page, ge_editor), (FOREIGN, ostenland_page, de_editor)):
        world.add(
            "editing_session",
            side,
            EditingSession.objects.create(
                user=by,
                content_type=ContentType.objects.get_for_model(Page),
                object_id=str(page.pk),
                last_seen_at=page.latest_revision.created_at,
            ),
        )

    # Snippets and models of the admin.
    for side, portal in ((OWN, ge), (FOREIGN, de)):
        statement = AccessibilityStatementPage.objects.descendant_of(portal).first()
        municipality = portal.municipality
        world.add("contact", side, statement.contact)
        world.add("municipality", side, municipality)
        district = municipality.districts.order_by("name").first()
        world.add("district", side, district)
        world.add(
            "social_space",
            side,
            SocialSpace.objects.filter(district__in=municipality.districts.all()).first(),
        )
        world.add(
            "redirect",
            side,
            Redirect.objects.create(
                old_path=f"/alt-{municipality.slug}", site=portal.get_site(), redirect_page=portal
            ),
        )
        world.add("theme", side, Theme.objects.filter(municipality=municipality).first())
        world.add("info_box", side, InfoBox.objects.filter(municipality=municipality).first())
        world.add("sponsor", side, Sponsor.objects.filter(municipality=municipality).first())
        world.add(
            "accessibility_feedback",
            side,
            AccessibilityFeedback.objects.create(
                municipality=municipality,
                statement=statement,
                message=f"Barriere in {municipality.name}",
                name="Frau Feedback",
                email="feedback@quartier.invalid",
            ),
        )
        world.add(
            "calendar_feed",
            side,
            ExternalCalendarFeed.objects.create(
                name=f"Vereinskalender {municipality.name}",
                url="https://kalender.quartier.invalid/verein.ics",
                district=district,
            ),
        )
        consent = ProviderConsent.objects.filter(provider__path__startswith=portal.path).first()
        # The probed documents are this consent's signed form (the scans of finding 2).
        ProviderConsent.objects.filter(pk=consent.pk).update(
            signed_form=world.objects["document"][side][0]
        )
        world.add("provider_consent", side, consent)
        members = Member.objects.filter(municipality=municipality)
        world.add("member", side, members.filter(status=MemberStatus.PENDING).first())
        world.add(
            "listing",
            side,
            Listing.objects.filter(
                municipality=municipality, status=ListingStatus.PUBLISHED, member__isnull=False
            ).first(),
        )
        world.add(
            "public_listing",
            side,
            exchange_selectors.public_listings().filter(municipality=municipality).first(),
        )
        world.add("category", side, Category.objects.filter(municipality=municipality).first())
        world.add(
            "proxy_client", side, ProxyClient.objects.filter(municipality=municipality).first()
        )
        world.add(
            "proxy_listing",
            side,
            Listing.objects.filter(municipality=municipality, proxy_client__isnull=False).first(),
        )
        world.add(
            "string_segment",
            side,
            StringSegment.objects.filter(
                source=world.objects["translation"][side][0].source
            ).first(),
        )

    # Items of the REST API: a visible and a hidden one of each town where the demo has both.
    for side, portal in ((OWN, ge), (FOREIGN, de)):
        municipality = portal.municipality
        world.add("article", side, ArticlePage.objects.descendant_of(portal).live().first())
        world.add("event", side, EventPage.objects.descendant_of(portal).live().first())
        listings = Listing.objects.filter(municipality=municipality)
        world.add(
            "api_listing",
            side,
            exchange_selectors.public_listings().filter(municipality=municipality).first(),
            listings.exclude(status=ListingStatus.PUBLISHED).first(),
        )

    # The resident's own listing (exchange public views) and another town's.
    resident_member = Member.objects.get(user=users["resident"])
    world.add("resident_listing", OWN, resident_member.listings.first())
    world.add(
        "resident_listing",
        FOREIGN,
        Listing.objects.filter(municipality__slug="delbrueck", member__isnull=False).first(),
    )

    # Conversations: the resident's own and one between two Delbrück members; the proxy
    # clients' conversations of each town; a certificate of the resident and of Delbrück.
    world.add(
        "resident_conversation",
        OWN,
        Conversation.objects.filter(Q(answerer=resident_member) | Q(owner=resident_member)).first(),
    )
    world.add(
        "resident_conversation",
        FOREIGN,
        Conversation.objects.filter(municipality__slug="delbrueck", owner__isnull=False).first(),
    )
    world.add(
        "resident_message",
        OWN,
        Message.objects.filter(
            Q(conversation__answerer=resident_member) | Q(conversation__owner=resident_member)
        )
        .exclude(author=resident_member)
        .first(),
    )
    world.add(
        "resident_message",
        FOREIGN,
        Message.objects.filter(conversation__municipality__slug="delbrueck").first(),
    )
    for side, slug in ((OWN, "gelsenkirchen"), (FOREIGN, "delbrueck")):
        world.add(
            "proxy_conversation",
            side,
            Conversation.objects.filter(
                municipality__slug=slug, proxy_client__isnull=False
            ).first(),
        )
    world.add("resident_certificate", OWN, certificate_issue(member=resident_member))
    delbrueck_member = Member.objects.filter(
        municipality__slug="delbrueck",
        certificates__isnull=True,
        conversations_started__isnull=False,
    ).first()
    world.add("resident_certificate", FOREIGN, certificate_issue(member=delbrueck_member))

    # Platform-level objects without a municipality: probed once, as "shared".
    world.add("region", SHARED, Region.objects.first())
    world.add("service_category", SHARED, ServiceCategory.objects.first())
    world.add("locale", SHARED, Locale.objects.get(language_code="tr"))
    world.add("site", OWN, world.sites[OWN])
    world.add("site", FOREIGN, world.sites[FOREIGN])
    world.add("user", OWN, ge_editor)
    world.add("user", FOREIGN, de_editor)
    world.add("group", OWN, ge_editor.groups.first())
    world.add("group", FOREIGN, de_editor.groups.first())

    missing = [
        f"{kind}/{side}"
        for kind, sides in world.objects.items()
        for side, objects in sides.items()
        if any(obj is None for obj in objects)
    ]
    assert not missing, f"the demo lacks objects the matrix needs: {missing}"
    assert District.objects.exists() and Municipality.objects.count() >= 2
    return world
