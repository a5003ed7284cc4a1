"""Reads of the exchange. Every public surface lists and shows listings through here.

`public_listings` is the one place that decides what anyone may see: published, not
expired, and owned by an approved, unblocked member (or by a proxy client whose
consent stands). Blocking a member or letting a listing expire therefore takes effect
on every page, search and feed at once, without any job running.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.places.models import District, SocialSpace
from cms.roles.enums import Role

from .enums import ListingStatus, MemberStatus
from .models import Category, Listing, Member, ProxyClient
from .permissions import member_for_user, municipalities_for_role

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
    )


def listings_visible_to(user) -> QuerySet[Listing]:
    """The public listings as this visitor sees them: minors see only their categories."""
    listings = public_listings()
    member = member_for_user(user)
    if member is not None and member.is_minor:
        listings = listings.filter(category__for_minors=True)
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


def listings_for_admin(user) -> QuerySet[Listing]:
    """Listings (in every state) of the municipalities the user administers."""
    municipalities = municipalities_for_role(user, Role.MUNICIPALITY_ADMIN)
    return with_card_data(Listing.objects.filter(municipality__in=municipalities)).select_related(
        "municipality", "proxy_created_by", "proxy_changed_by"
    )


def categories_for_admin(user) -> QuerySet[Category]:
    municipalities = municipalities_for_role(user, Role.MUNICIPALITY_ADMIN)
    return Category.objects.filter(municipality__in=municipalities).select_related("municipality")


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
