"""Demo data of the exchange: categories, members in every state, a proxy client, listings.

Called at the end of `cms.demo.services.demo_data_load`. Idempotent: everything is
found by a natural key (username, name, title) before it is created. The content is
plain data below; the names are invented.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.places.models import District, Municipality, SocialSpace
from exchange import conversations, services
from exchange.enums import ListingStatus, MemberKind, MemberStatus
from exchange.legal_defaults import DEFAULT_TEXTS
from exchange.models import (
    DEFAULT_LEGAL_VERSIONS,
    PROXY_CONSENT_VERSION,
    Category,
    Conversation,
    ExchangeSettings,
    LegalText,
    Listing,
    Member,
    ProxyClient,
)

from .content import ACCOUNTS, DEMO_PASSWORD

# (municipality slug, listing review required, categories as (name, for minors))
EXCHANGES = [
    (
        "gelsenkirchen",
        True,
        [
            ("Einkaufen und Besorgungen", False),
            ("Begleitung", False),
            ("Haus und Garten", True),
            ("Technik und Smartphone", True),
        ],
    ),
    (
        "delbrueck",
        True,
        [
            ("Einkaufen und Besorgungen", False),
            ("Garten und Hof", True),
            ("Fahrdienste", False),
            ("Tauschen und Verschenken", False),
        ],
    ),
]

# Residents sign in on the public site with their e-mail address.
# (e-mail, display name, municipality, district, kind, status, minor, network profile)
MEMBERS = [
    (
        "renate.s@quartier.invalid",
        "Renate S.",
        "gelsenkirchen",
        "schalke",
        "person",
        "approved",
        False,
        "",
    ),
    (
        "mehmet.k@quartier.invalid",
        "Mehmet K.",
        "gelsenkirchen",
        "huellen",
        "person",
        "approved",
        False,
        "",
    ),
    (
        "lea.t@quartier.invalid",
        "Lea T.",
        "gelsenkirchen",
        "buer-ost",
        "person",
        "approved",
        True,
        "",
    ),
    (
        "caritas.nachbarschaft@quartier.invalid",
        "Caritas Nachbarschaftsnetz",
        "gelsenkirchen",
        "schalke",
        "organisation",
        "approved",
        False,
        "Besuchsdienst, Einkaufshilfe und Smartphone-Sprechstunde mit Ehrenamtlichen aus "
        "St. Joseph und dem Stadtteilbüro Schalke.",
    ),
    (
        "neu.ge@quartier.invalid",
        "Paul N.",
        "gelsenkirchen",
        "schalke",
        "person",
        "pending",
        False,
        "",
    ),
    (
        "gesperrt.ge@quartier.invalid",
        "Max G.",
        "gelsenkirchen",
        "huellen",
        "person",
        "blocked",
        False,
        "",
    ),
    (
        "anna.b@quartier.invalid",
        "Anna B.",
        "delbrueck",
        "ostenland",
        "person",
        "approved",
        False,
        "",
    ),
    (
        "jonas.w@quartier.invalid",
        "Jonas W.",
        "delbrueck",
        "westenholz",
        "person",
        "approved",
        True,
        "",
    ),
    (
        "neu.delbrueck@quartier.invalid",
        "Karin L.",
        "delbrueck",
        "boke",
        "person",
        "pending",
        False,
        "",
    ),
    (
        "gesperrt.delbrueck@quartier.invalid",
        "Tim R.",
        "delbrueck",
        "ostenland",
        "person",
        "blocked",
        False,
        "",
    ),
]

# (municipality, name, display name, district, how to reach)
PROXY_CLIENTS = [
    (
        "gelsenkirchen",
        "Helga Krämer",
        "Frau K.",
        "schalke",
        "Über das Stadtteilbüro Schalke, Mo–Do 9–13 Uhr; Frau K. ruft zurück.",
    ),
    (
        "delbrueck",
        "Heinrich Vogt",
        "Herr V.",
        "ostenland",
        "Über das Seniorenbüro Delbrück; Rückruf am selben Tag.",
    ),
]

# (owner: e-mail or "proxy:<name>", kind, type, category, title, description,
#  district, locality, social space or None, days valid (negative: expired), status,
#  pocket money)
LISTINGS = [
    # Matched in a conversation by _conversations_ensure (their listed status is the one
    # before it: published).
    (
        "caritas.nachbarschaft@quartier.invalid",
        "offer",
        "time_donation",
        "Begleitung",
        "Vorlesen am Nachmittag",
        "Ich lese gern eine Stunde oder zwei aus der Zeitung oder einem Buch vor.",
        "schalke",
        "",
        None,
        40,
        "published",
        None,
    ),
    (
        "anna.b@quartier.invalid",
        "offer",
        "time_donation",
        "Garten und Hof",
        "Hilfe beim Laubharken",
        "Ich helfe im Herbst beim Laubharken im Garten, gern auch mehrmals.",
        "ostenland",
        "",
        None,
        40,
        "published",
        None,
    ),
    (
        "renate.s@quartier.invalid",
        "offer",
        "neighbourly_help",
        "Einkaufen und Besorgungen",
        "Ich gehe dienstags für Sie einkaufen",
        "Ich gehe jeden Dienstag ohnehin zum Markt an der Grillostraße und nehme gern Ihren "
        "Einkaufszettel mit.",
        "schalke",
        "Grillostraße",
        "Kath. Kirchengemeinde St. Joseph",
        60,
        "published",
        None,
    ),
    (
        "mehmet.k@quartier.invalid",
        "request",
        "neighbourly_help",
        "Begleitung",
        "Begleitung zum Arzt gesucht",
        "Meine Mutter braucht Begleitung zu einem Facharzttermin in Buer, etwa zwei Stunden.",
        "huellen",
        "",
        None,
        20,
        "published",
        None,
    ),
    (
        "lea.t@quartier.invalid",
        "offer",
        "pocket_money_job",
        "Haus und Garten",
        "Rasenmähen und Laub rechen",
        "Ich bin 15 und helfe nach der Schule im Garten. Rasenmäher sollte vorhanden sein.",
        "buer-ost",
        "",
        "Familienzentrum Buer-Ost",
        90,
        "published",
        "10.00",
    ),
    (
        "caritas.nachbarschaft@quartier.invalid",
        "offer",
        "time_donation",
        "Technik und Smartphone",
        "Smartphone-Sprechstunde",
        "Ehrenamtliche erklären Ihnen in Ruhe Ihr Smartphone: Fotos verschicken, Videoanrufe, "
        "Termine.",
        "schalke",
        "",
        "Stadtteilbüro Schalke",
        120,
        "published",
        None,
    ),
    (
        "renate.s@quartier.invalid",
        "offer",
        "swap",
        "Haus und Garten",
        "Tomatenpflanzen zu verschenken",
        "Ich habe zu viele Tomatenpflanzen vorgezogen und tausche sie gegen Kräuter.",
        "schalke",
        "",
        None,
        30,
        "draft",
        None,
    ),
    (
        "mehmet.k@quartier.invalid",
        "offer",
        "neighbourly_help",
        "Begleitung",
        "Spaziergang am Berger See",
        "Wer möchte sonntags mit mir eine Runde um den Berger See gehen?",
        "huellen",
        "",
        None,
        10,
        "closed",
        None,
    ),
    (
        "mehmet.k@quartier.invalid",
        "offer",
        "neighbourly_help",
        "Einkaufen und Besorgungen",
        "Günstige Versicherung – jetzt anrufen",
        "Werbung für Versicherungen, die hier nicht hingehört.",
        "huellen",
        "",
        None,
        30,
        "removed",
        None,
    ),
    (
        "renate.s@quartier.invalid",
        "request",
        "neighbourly_help",
        "Technik und Smartphone",
        "Hilfe beim Einrichten des Tablets",
        "Ich habe ein Tablet geschenkt bekommen und brauche Hilfe beim Einrichten.",
        "schalke",
        "",
        None,
        -3,
        "published",
        None,
    ),
    (
        "gesperrt.ge@quartier.invalid",
        "offer",
        "neighbourly_help",
        "Haus und Garten",
        "Gartenarbeit aller Art",
        "Dieser Eintrag eines gesperrten Mitglieds erscheint nirgends öffentlich.",
        "huellen",
        "",
        None,
        30,
        "published",
        None,
    ),
    (
        "neu.ge@quartier.invalid",
        "request",
        "neighbourly_help",
        "Einkaufen und Besorgungen",
        "Wer holt meine Medikamente ab?",
        "Dieser Eintrag erscheint erst, wenn die Kommune die Anmeldung freigegeben hat.",
        "schalke",
        "",
        None,
        30,
        "published",
        None,
    ),
    (
        "caritas.nachbarschaft@quartier.invalid",
        "request",
        "time_donation",
        "Begleitung",
        "Ehrenamtliche für den Besuchsdienst gesucht",
        "Wir suchen Menschen, die eine Stunde pro Woche ältere Nachbarinnen besuchen.",
        "schalke",
        "",
        "Kath. Kirchengemeinde St. Joseph",
        60,
        "pending",
        None,
    ),
    (
        "proxy:Helga Krämer",
        "request",
        "neighbourly_help",
        "Einkaufen und Besorgungen",
        "Einkaufshilfe einmal pro Woche gesucht",
        "Frau K. sucht jemanden, der einmal in der Woche mit ihr einkaufen geht.",
        "schalke",
        "",
        "Stadtteilbüro Schalke",
        45,
        "published",
        None,
    ),
    (
        "proxy:Helga Krämer",
        "offer",
        "swap",
        "Haus und Garten",
        "Strickwolle abzugeben",
        "Frau K. gibt Strickwolle ab und freut sich über Blumensamen.",
        "schalke",
        "",
        None,
        45,
        "closed",
        None,
    ),
    (
        "anna.b@quartier.invalid",
        "offer",
        "neighbourly_help",
        "Fahrdienste",
        "Fahrten nach Paderborn",
        "Ich fahre mittwochs nach Paderborn und nehme gern jemanden mit.",
        "ostenland",
        "",
        None,
        60,
        "published",
        None,
    ),
    (
        "jonas.w@quartier.invalid",
        "offer",
        "pocket_money_job",
        "Garten und Hof",
        "Hof fegen und Holz stapeln",
        "Ich bin 16 und helfe samstags auf dem Hof. Taschengeld nach Absprache.",
        "westenholz",
        "",
        None,
        60,
        "published",
        "8.00",
    ),
    (
        "anna.b@quartier.invalid",
        "request",
        "swap",
        "Tauschen und Verschenken",
        "Kinderfahrrad gesucht",
        "Wir suchen ein Kinderfahrrad (20 Zoll) und tauschen gegen Gartenwerkzeug.",
        "ostenland",
        "",
        None,
        30,
        "pending",
        None,
    ),
    (
        "anna.b@quartier.invalid",
        "offer",
        "neighbourly_help",
        "Einkaufen und Besorgungen",
        "Einkäufe aus dem Ort",
        "Ich bringe Einkäufe aus Delbrück-Mitte mit.",
        "ostenland",
        "",
        None,
        30,
        "draft",
        None,
    ),
    (
        "anna.b@quartier.invalid",
        "offer",
        "neighbourly_help",
        "Fahrdienste",
        "Fahrten zum Wochenmarkt",
        "Samstags zum Wochenmarkt, zwei Plätze frei.",
        "ostenland",
        "",
        None,
        30,
        "closed",
        None,
    ),
    (
        "jonas.w@quartier.invalid",
        "offer",
        "pocket_money_job",
        "Garten und Hof",
        "Auto waschen",
        "Eintrag mit Telefonnummer, von der Kommune entfernt.",
        "westenholz",
        "",
        None,
        30,
        "removed",
        "5.00",
    ),
    (
        "gesperrt.delbrueck@quartier.invalid",
        "offer",
        "swap",
        "Tauschen und Verschenken",
        "Alles zu verkaufen",
        "Dieser Eintrag eines gesperrten Mitglieds erscheint nirgends.",
        "ostenland",
        "",
        None,
        30,
        "published",
        None,
    ),
    (
        "proxy:Heinrich Vogt",
        "request",
        "neighbourly_help",
        "Fahrdienste",
        "Fahrt zum Arzt nach Delbrück-Mitte",
        "Herr V. braucht jeden zweiten Donnerstag eine Fahrt zur Hausarztpraxis.",
        "ostenland",
        "",
        None,
        60,
        "published",
        None,
    ),
]


@transaction.atomic
def exchange_demo_load() -> None:
    """Load the exchange's demo data; safe to run any number of times."""
    now = timezone.now()
    today = timezone.localdate()
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    categories = {}
    for slug, review_required, category_specs in EXCHANGES:
        municipality = municipalities[slug]
        ExchangeSettings.objects.get_or_create(
            municipality=municipality, defaults={"listing_review_required": review_required}
        )
        for document, body in DEFAULT_TEXTS.items():
            LegalText.objects.get_or_create(
                municipality=municipality,
                document=document,
                version=DEFAULT_LEGAL_VERSIONS[document],
                defaults={"body": body},
            )
        for name, for_minors in category_specs:
            category, _created = Category.objects.get_or_create(
                municipality=municipality, name=name, defaults={"for_minors": for_minors}
            )
            categories[(slug, name)] = category

    owners = {}
    for email, display_name, slug, district, kind, status, minor, network in MEMBERS:
        owners[email] = _member_ensure(
            email=email,
            display_name=display_name,
            municipality=municipalities[slug],
            district=District.objects.get(slug=district),
            kind=MemberKind(kind),
            status=MemberStatus(status),
            is_minor=minor,
            network_profile=network,
            now=now,
        )

    helpers = {
        municipality: get_user_model().objects.get(username=username)
        for username, _name, role, municipality in ACCOUNTS
        if role == "proxy_helper"
    }
    for slug, name, display_name, district, how_to_reach in PROXY_CLIENTS:
        municipality = municipalities[slug]
        client, _created = ProxyClient.objects.get_or_create(
            municipality=municipality,
            name=name,
            defaults={
                "display_name": display_name,
                "district": District.objects.get(slug=district),
                "how_to_reach": how_to_reach,
                "paper_consent_version": PROXY_CONSENT_VERSION,
                "paper_consent_given_at": today - timedelta(days=14),
                "registered_by": helpers[municipality.name],
            },
        )
        owners[f"proxy:{name}"] = client

    for spec in LISTINGS:
        _listing_ensure(spec, owners=owners, categories=categories, helpers=helpers, now=now)
    _conversations_ensure(owners=owners, helpers=helpers)


# Conversations: (municipality slug, listing title, answering member, the answer, the
# owner side's reply or "", matched with hours and feedback as (hours, rating, comment)
# or None).
CONVERSATIONS = [
    (
        "gelsenkirchen",
        "Ich gehe dienstags für Sie einkaufen",
        "mehmet.k@quartier.invalid",
        "Guten Tag, meine Mutter würde sich über Hilfe beim Einkauf freuen.",
        "Sehr gern! Soll ich Dienstag gegen zehn Uhr den Einkaufszettel abholen?",
        None,
    ),
    (
        "gelsenkirchen",
        "Vorlesen am Nachmittag",
        "renate.s@quartier.invalid",
        "Ich sehe nicht mehr gut und würde mich über Vorlesen am Donnerstag freuen.",
        "Das mache ich gern. Donnerstag um 15 Uhr?",
        ("2", 5, "Sehr freundlich und pünktlich. Vielen Dank!"),
    ),
    (
        "gelsenkirchen",
        "Einkaufshilfe einmal pro Woche gesucht",
        "caritas.nachbarschaft@quartier.invalid",
        "Ich kann freitags mit Frau K. einkaufen gehen.",
        "Frau K. freut sich. Sie ruft im Quartiersbüro an, um einen Termin zu machen.",
        None,
    ),
    (
        "delbrueck",
        "Hof fegen und Holz stapeln",
        "anna.b@quartier.invalid",
        "Bei uns muss Brennholz gestapelt werden. Hättest du am Samstag Zeit?",
        "",
        None,
    ),
    (
        "delbrueck",
        "Hilfe beim Laubharken",
        "jonas.w@quartier.invalid",
        "Bei meinen Großeltern liegt viel Laub. Können Sie am Samstag helfen?",
        "Ja, Samstag passt. Ich komme um zehn.",
        ("1.5", 4, "Hat gut geklappt, gern wieder."),
    ),
    (
        "delbrueck",
        "Fahrt zum Arzt nach Delbrück-Mitte",
        "anna.b@quartier.invalid",
        "Ich kann Herrn V. am Donnerstag zur Praxis fahren.",
        "",
        None,
    ),
]


def _conversations_ensure(*, owners, helpers) -> None:
    """A running conversation, a proxy client's conversation, and a matched listing with
    a confirmed help, hours and feedback, in each municipality."""
    for slug, title, answerer_key, answer, reply, agreed in CONVERSATIONS:
        listing = Listing.objects.get(municipality__slug=slug, title=title)
        answerer = owners[answerer_key]
        if Conversation.objects.filter(listing=listing, answerer=answerer).exists():
            continue
        message = conversations.conversation_start(listing=listing, sender=answerer, body=answer)
        conversation = message.conversation
        if reply and listing.member_id:
            conversations.message_send(conversation=conversation, member=listing.member, body=reply)
        elif reply:
            conversations.message_send_for_client(
                conversation=conversation, by=helpers[listing.municipality.name], body=reply
            )
        if agreed is None:
            continue
        hours, rating, comment = agreed
        help = conversations.help_accept(conversation=conversation, member=listing.member)
        conversations.help_confirm(help=help, member=listing.member, hours=hours)
        conversations.help_confirm(help=help, member=answerer)
        conversations.feedback_give(help=help, member=answerer, rating=rating, comment=comment)


def _member_ensure(
    *, email, display_name, municipality, district, kind, status, is_minor, network_profile, now
) -> Member:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": display_name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    member, created = Member.objects.get_or_create(
        user=user,
        municipality=municipality,
        defaults={
            "district": district,
            "kind": kind,
            "display_name": display_name,
            "network_profile": network_profile,
            "is_minor": is_minor,
            "status": status,
            "status_changed_at": None if status == MemberStatus.PENDING else now,
            "status_reason": "Werbung und Belästigung (Demo)" if status == "blocked" else "",
            "email_confirmed_at": now,
        },
    )
    if created:
        services.registration_consents_record(
            member=member, given_at=now, guardian="Elternteil (Demo)"
        )
    return member


def _listing_ensure(spec, *, owners, categories, helpers, now) -> None:
    (
        owner_key,
        kind,
        listing_type,
        category,
        title,
        description,
        district,
        locality,
        social_space,
        days,
        status,
        amount,
    ) = spec
    owner = owners[owner_key]
    municipality = owner.municipality
    if Listing.objects.filter(municipality=municipality, title=title).exists():
        return
    district = District.objects.get(slug=district)
    listing = Listing(
        municipality=municipality,
        kind=kind,
        listing_type=listing_type,
        pocket_money_amount=amount,
        category=categories[(municipality.slug, category)],
        title=title,
        description=description,
        district=district,
        locality=locality,
        social_space=(
            SocialSpace.objects.get(district=district, name=social_space) if social_space else None
        ),
        valid_until=timezone.localdate() + timedelta(days=days),
        status=ListingStatus(status),
        removal_reason="Werbung ist nicht erlaubt (Demo)." if status == "removed" else "",
        published_at=now if status in ("published", "closed", "removed") else None,
    )
    if isinstance(owner, ProxyClient):
        listing.proxy_client = owner
        listing.proxy_created_by = listing.proxy_changed_by = helpers[municipality.name]
    else:
        listing.member = owner
    listing.save()
