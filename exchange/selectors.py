"""Reads of the exchange. Every public surface lists and shows listings through here.

`public_listings` is the one place that decides what anyone may see: published, not
expired, and owned by an approved, unblocked member (or by a proxy client whose
consent stands), and not hidden by reports waiting for a moderator. Blocking a
member or letting a listing expire therefore takes effect
on every page, search and feed at once, without any job running.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.core import tenancy
from cms.places.models import District, SocialSpace
from cms.roles.enums import Role
from moderation import reports

from .enums import ListingStatus, MemberStatus
from .models import (
    DEFAULT_LEGAL_VERSIONS,
    Category,
    Certificate,
    Conversation,
    Help,
    LegalText,
    Listing,
    ListingResponse,
    Member,
    MemberBlock,
    Message,
    ProxyClient,
)
from .permissions import municipalities_for_role

LISTINGS_PER_PAGE = 20


def public_listings() -> QuerySet[Listing]:
    """Listings any visitor may see, in every municipality."""
    owner_may_show = Q(member__status=MemberStatus.APPROVED, member__user__is_active=True) | Q(
        member__isnull=True, proxy_client__consent_withdrawn_at__isnull=True
    )
    return Listing.objects.filter(
        owner_may_show,
        status=ListingStatus.PUBLISHED,
        valid_until__gte=timezone.localdate(),
    ).exclude(pk__in=reports.hidden_object_ids(Listing))


def user_is_minor(user) -> bool:
    """Whether any of the account's memberships says it belongs to a minor."""
    return user.is_authenticated and Member.objects.filter(user=user, is_minor=True).exists()


def members_blocked_around(user) -> QuerySet[Member]:
    """Members whom one of the account's memberships blocked, or who blocked one of them."""
    if not user.is_authenticated:
        return Member.objects.none()
    blocked = MemberBlock.objects.filter(blocker__user=user).values("blocked")
    blocking = MemberBlock.objects.filter(blocked__user=user).values("blocker")
    return Member.objects.filter(Q(pk__in=blocked) | Q(pk__in=blocking))


def listings_visible_to(user) -> QuerySet[Listing]:
    """The public listings as this visitor sees them: minors see only their categories,
    and nobody sees the listings of a member they blocked or who blocked them."""
    listings = public_listings()
    if user_is_minor(user):
        listings = listings.filter(category__for_minors=True)
    if user.is_authenticated:
        listings = listings.exclude(member__in=members_blocked_around(user))
    return listings


def with_card_data(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    """Fetch what a listing card shows in the same query."""
    return listings.select_related("category", "district", "social_space", "member", "proxy_client")


def listings_filtered(
    listings: QuerySet[Listing],
    *,
    kind: str = "",
    listing_type: str = "",
    category: Category | None = None,
    district: District | None = None,
    social_space: SocialSpace | None = None,
    locality: str = "",
    query: str = "",
) -> QuerySet[Listing]:
    """Narrow listings by the public filters and a free-text query."""
    if kind:
        listings = listings.filter(kind=kind)
    if listing_type:
        listings = listings.filter(listing_type=listing_type)
    if category:
        listings = listings.filter(category=category)
    if district:
        listings = listings.filter(district=district)
    if social_space:
        listings = listings.filter(social_space=social_space)
    if locality:
        listings = listings.filter(locality__icontains=locality)
    for word in query.split()[:8]:
        listings = listings.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(category__name__icontains=word)
        )
    return listings


def categories_for(*, municipality, member: Member | None = None) -> QuerySet[Category]:
    """The categories a member (or visitor) may use; minors only those meant for them."""
    categories = Category.objects.filter(municipality=municipality)
    if member is not None and member.is_minor:
        categories = categories.filter(for_minors=True)
    return categories


def member_listings(member: Member) -> QuerySet[Listing]:
    """A member's own listings in every state, for "my listings"."""
    return with_card_data(member.listings.all()).order_by("-created_at")


def members_for_admin(user) -> QuerySet[Member]:
    """Members of the municipalities the user administers."""
    municipalities = municipalities_for_role(user, Role.MUNICIPALITY_ADMIN)
    return Member.objects.filter(municipality__in=municipalities).select_related(
        "user", "municipality", "district"
    )


def listings_in_state(listings: QuerySet[Listing], state: str) -> QuerySet[Listing]:
    """Listings in a state of exchange.states: "expired" is a published listing past its
    date, and "published" means not expired."""
    today = timezone.localdate()
    if state == ListingStatus.EXPIRED:
        return listings.filter(status=ListingStatus.PUBLISHED, valid_until__lt=today)
    if state == ListingStatus.PUBLISHED:
        return listings.filter(status=ListingStatus.PUBLISHED, valid_until__gte=today)
    return listings.filter(status=state)


def listings_for_admin(user) -> QuerySet[Listing]:
    """Listings (in every state) of the municipalities the user administers."""
    municipalities = municipalities_for_role(user, Role.MUNICIPALITY_ADMIN)
    return with_card_data(Listing.objects.filter(municipality__in=municipalities)).select_related(
        "municipality", "proxy_created_by", "proxy_changed_by"
    )


def categories_for_admin(user) -> QuerySet[Category]:
    municipalities = municipalities_for_role(user, Role.MUNICIPALITY_ADMIN)
    return Category.objects.filter(municipality__in=municipalities).select_related("municipality")


def legal_texts_for_admin(user) -> QuerySet[LegalText]:
    """Every version of the texts of the municipalities the user administers."""
    municipalities = municipalities_for_role(user, Role.MUNICIPALITY_ADMIN)
    return LegalText.objects.filter(municipality__in=municipalities).select_related("municipality")


def proxy_clients_for_helper(user) -> QuerySet[ProxyClient]:
    """Proxy clients of the municipalities in which the user is a proxy helper."""
    municipalities = municipalities_for_role(user, Role.PROXY_HELPER)
    return ProxyClient.objects.filter(municipality__in=municipalities).select_related(
        "municipality", "district"
    )


def proxy_listings_for_helper(user) -> QuerySet[Listing]:
    municipalities = municipalities_for_role(user, Role.PROXY_HELPER)
    return with_card_data(
        Listing.objects.filter(municipality__in=municipalities, proxy_client__isnull=False)
    )


# Data rights -----------------------------------------------------------------------------


def memberships_of(user) -> QuerySet[Member]:
    """Every membership of the account, in every municipality."""
    if not user.is_authenticated:
        return Member.objects.none()
    return Member.objects.filter(user=user)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _log_entries_about(objects) -> list[dict]:
    """What the audit log records about these objects: action and time, not who acted."""
    by_type: dict[int, list[str]] = {}
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj)
        by_type.setdefault(content_type.pk, []).append(str(obj.pk))
    if not by_type:
        return []
    condition = Q()
    for content_type_id, object_ids in by_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=object_ids)
    return [
        {"action": entry.action, "timestamp": _iso(entry.timestamp), "object": entry.label}
        for entry in ModelLogEntry.objects.filter(condition).order_by("timestamp")
    ]


def _listing_data(listing: Listing, *, with_responses: bool) -> dict:
    data = {
        "id": listing.pk,
        "kind": listing.kind,
        "listing_type": listing.listing_type,
        "pocket_money_amount": str(listing.pocket_money_amount)
        if listing.pocket_money_amount is not None
        else None,
        "category": listing.category.name,
        "title": listing.title,
        "description": listing.description,
        "district": listing.district.name,
        "locality": listing.locality,
        "social_space": listing.social_space.name if listing.social_space else None,
        "valid_until": _iso(listing.valid_until),
        "status": listing.status,
        "removal_reason": listing.removal_reason,
        "created_at": _iso(listing.created_at),
        "updated_at": _iso(listing.updated_at),
        "published_at": _iso(listing.published_at),
    }
    if with_responses:
        data["responses_received"] = [
            {
                "from": response.sender.display_name,
                "message": response.message,
                "share_email": response.share_email,
                "sent_at": _iso(response.created_at),
            }
            for response in listing.responses.all()
        ]
    return data


def _listings_with_export_data(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    return listings.select_related("category", "district", "social_space").prefetch_related(
        Prefetch("responses", queryset=ListingResponse.objects.select_related("sender"))
    )


def account_data_export(user) -> dict:
    """Everything the exchange holds about an account (DSGVO Art. 15 and 20).

    Profile, every membership with its consents (and their versions), listings with
    the answers they received, answers the member sent, and what the audit log records
    about them, and the reports the account made (moderation.reports).
    """
    memberships = (
        memberships_of(user)
        .select_related("municipality", "district")
        .prefetch_related(
            "consents",
            Prefetch("listings", queryset=_listings_with_export_data(Listing.objects.all())),
            Prefetch(
                "responses",
                queryset=ListingResponse.objects.select_related("listing").order_by("created_at"),
            ),
        )
    )
    exported = []
    logged_objects: list = []
    for member in memberships:
        listings = list(member.listings.all())
        logged_objects += [member, *listings]
        exported.append(
            {
                "municipality": member.municipality.name,
                "district": member.district.name,
                "kind": member.kind,
                "display_name": member.display_name,
                "network_profile": member.network_profile,
                "is_minor": member.is_minor,
                "status": member.status,
                "status_reason": member.status_reason,
                "status_changed_at": _iso(member.status_changed_at),
                "email_confirmed_at": _iso(member.email_confirmed_at),
                "registered_at": _iso(member.created_at),
                "mail_language": member.language,
                "notifications_switched_off": member.notices_off,
                "weekly_digest": member.weekly_digest,
                "consents": [
                    {
                        "document": consent.document,
                        "text_version": consent.text_version,
                        "channel": consent.channel,
                        "given_at": _iso(consent.given_at),
                        "given_by": consent.given_by,
                        "withdrawn_at": _iso(consent.withdrawn_at),
                    }
                    for consent in member.consents.all()
                ],
                "listings": [_listing_data(listing, with_responses=True) for listing in listings],
                "responses_sent": [
                    {
                        "listing_id": response.listing_id,
                        "listing_title": response.listing.title,
                        "message": response.message,
                        "share_email": response.share_email,
                        "sent_at": _iso(response.created_at),
                    }
                    for response in member.responses.all()
                ],
            }
        )
    return {
        "account": {
            "email": user.email,
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "memberships": exported,
        "conversations": conversations_export(user),
        "helps": helps_export(user),
        "reports_made": [
            {
                "municipality": report.municipality.name,
                "reported": report.content_type.model,
                "reported_id": report.object_id,
                "reason": report.reason,
                "details": report.details,
                "state": report.state,
                "decision": report.decision,
                "reported_at": _iso(report.created_at),
            }
            for report in reports.reports_by(user).order_by("created_at")
        ],
        "activity": _log_entries_about(logged_objects),
        "exported_at": _iso(timezone.now()),
    }


def conversations_export(user) -> list[dict]:
    """The account's conversations on either side with every message in them."""
    conversations = (
        Conversation.objects.filter(Q(answerer__user=user) | Q(owner__user=user))
        .select_related("listing", "answerer", "owner", "proxy_client")
        .prefetch_related(Prefetch("messages", queryset=Message.objects.order_by("created_at")))
        .order_by("created_at")
    )
    return [
        {
            "id": conversation.pk,
            "listing_id": conversation.listing_id,
            "listing_title": conversation.listing.title,
            "with": conversation.owner_display_name
            if conversation.answerer.user_id == user.pk
            else conversation.answerer.display_name,
            "started_at": _iso(conversation.created_at),
            "closed_at": _iso(conversation.closed_at),
            "messages": [
                {
                    "from_me": (message.side == "answerer")
                    == (conversation.answerer.user_id == user.pk),
                    "text": message.body,
                    "sent_at": _iso(message.created_at),
                }
                for message in conversation.messages.all()
            ],
        }
        for conversation in conversations
    ]


def helps_export(user) -> dict:
    """Helps the account took part in, feedback on them, blocks and certificates."""
    helps = (
        Help.objects.filter(Q(owner__user=user) | Q(answerer__user=user))
        .prefetch_related("feedback")
        .order_by("agreed_at")
    )
    return {
        "helps": [
            {
                "id": help.pk,
                "category": help.category_name,
                "listing_type": help.listing_type,
                "agreed_at": _iso(help.agreed_at),
                "owner_confirmed_at": _iso(help.owner_confirmed_at),
                "answerer_confirmed_at": _iso(help.answerer_confirmed_at),
                "hours": str(help.hours) if help.hours is not None else None,
                "feedback": [
                    {"side": item.side, "rating": item.rating, "comment": item.comment}
                    for item in help.feedback.all()
                ],
            }
            for help in helps
        ],
        "blocked_members": list(
            MemberBlock.objects.filter(blocker__user=user).values_list(
                "blocked__display_name", flat=True
            )
        ),
        "certificates": [
            {
                "code": certificate.code,
                "issued_at": _iso(certificate.issued_at),
                **certificate.snapshot,
            }
            for certificate in Certificate.objects.filter(member__user=user)
        ],
    }


def proxy_client_data_export(client: ProxyClient) -> dict:
    """Everything held about a proxy client, including what helpers did for them."""
    listings = list(_listings_with_export_data(client.listings.all()).order_by("created_at"))
    listing_type = ContentType.objects.get_for_model(Listing)
    client_type = ContentType.objects.get_for_model(ProxyClient)
    entries = ModelLogEntry.objects.filter(
        Q(content_type=listing_type, object_id__in=[str(listing.pk) for listing in listings])
        | Q(content_type=client_type, object_id=str(client.pk))
    ).order_by("timestamp")
    return {
        "client": {
            "name": client.name,
            "display_name": client.display_name,
            "how_to_reach": client.how_to_reach,
            "municipality": client.municipality.name,
            "district": client.district.name,
            "paper_consent_version": client.paper_consent_version,
            "paper_consent_given_at": _iso(client.paper_consent_given_at),
            "consent_withdrawn_at": _iso(client.consent_withdrawn_at),
            "registered_at": _iso(client.created_at),
        },
        "listings": [_listing_data(listing, with_responses=True) for listing in listings],
        "conversations": [
            {
                "id": conversation.pk,
                "listing_title": conversation.listing.title,
                "with": conversation.answerer.display_name,
                "started_at": _iso(conversation.created_at),
                "closed_at": _iso(conversation.closed_at),
                "messages": [
                    {
                        "from_client": message.side == "owner",
                        "text": message.body,
                        "sent_at": _iso(message.created_at),
                    }
                    for message in conversation.messages.all()
                ],
            }
            for conversation in client.conversations.select_related(
                "listing", "answerer"
            ).prefetch_related("messages")
        ],
        "proxy_actions": [
            {
                "action": entry.action,
                "timestamp": _iso(entry.timestamp),
                "acting_user": entry.data.get("acting_user") or entry.user_id,
                "object": entry.label,
            }
            for entry in entries
        ],
        "exported_at": _iso(timezone.now()),
    }


def exchange_url(municipality_id: int, viewname: str, *args) -> str:
    """An absolute link to a page of the exchange on this municipality's portal, for mails.

    Mails go out from background tasks, which know no request: the address is the one
    of the Site whose root is the municipality's portal (the admin's base URL if none).
    """
    return exchange_base_url(municipality_id) + reverse(viewname, args=args)


def exchange_base_url(municipality_id: int) -> str:
    """The address of the municipality's portal Site, without a trailing slash."""
    portal = tenancy.portal_pages().filter(municipality_id=municipality_id).first()
    site = portal.get_site() if portal is not None else None
    base = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/")


def legal_text_live(municipality, document: str) -> LegalText | None:
    """The version of the terms or the privacy notice that applies now (the newest)."""
    return LegalText.objects.filter(municipality=municipality, document=document).first()


def legal_versions(municipality) -> dict[str, str]:
    """The versions of terms and privacy notice a consent given now records (one query).

    A municipality that has not yet written its own text uses the platform's default
    wording (`exchange.legal_defaults`), of the versions in `DEFAULT_LEGAL_VERSIONS`.
    """
    versions = dict(DEFAULT_LEGAL_VERSIONS)
    # Newest first: the first row of each document is its live version.
    for document, version in reversed(
        LegalText.objects.filter(municipality=municipality).values_list("document", "version")
    ):
        versions[document] = version
    return versions
