"""How long the exchange keeps personal data, and the purgers that remove it after.

The periods are settings (`RETENTION_*_DAYS`, see cms/settings/base.py and the
README's "Data rights and retention"); `manage.py purge_expired_data` runs these
purgers nightly. Everything goes through the erasure services, so a purged record
leaves no trace in answers, the audit log's labels, revisions or the search index.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from cms.core.retention import register_purger

from . import services
from .enums import ListingStatus, MemberStatus
from .models import Conversation, Listing, ListingResponse, Member, ProxyClient


def _before(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


@register_purger("exchange: ended listings")
def purge_ended_listings(now: datetime) -> int:
    """Closed or removed listings, and listings past their end date, after the period."""
    cutoff = _before(now, settings.RETENTION_ENDED_LISTING_DAYS)
    ended = Q(status__in=[ListingStatus.CLOSED, ListingStatus.REMOVED], updated_at__lt=cutoff)
    expired = Q(valid_until__lt=cutoff.date())
    return services.listings_erase(Listing.objects.filter(ended | expired))


@register_purger("exchange: old answers")
def purge_old_responses(now: datetime) -> int:
    """Answers to listings once they are older than the period."""
    cutoff = _before(now, settings.RETENTION_RESPONSE_DAYS)
    return services.responses_erase(ListingResponse.objects.filter(created_at__lt=cutoff))


@register_purger("exchange: old conversations")
def purge_old_conversations(now: datetime) -> int:
    """Conversations whose last message is older than the answers' period (the agreed
    help itself stays as an anonymous record)."""
    cutoff = _before(now, settings.RETENTION_RESPONSE_DAYS)
    old = Q(last_message_at__lt=cutoff) | Q(last_message_at__isnull=True, created_at__lt=cutoff)
    return services.conversations_erase(Conversation.objects.filter(old))


def _members_in_state_since(status: str, now: datetime, days: int):
    return Member.objects.filter(status=status, status_changed_at__lt=_before(now, days))


@register_purger("exchange: withdrawn members")
def purge_withdrawn_members(now: datetime) -> int:
    members = _members_in_state_since(
        MemberStatus.WITHDRAWN, now, settings.RETENTION_WITHDRAWN_MEMBER_DAYS
    )
    return services.members_erase(members=members)


@register_purger("exchange: rejected members")
def purge_rejected_members(now: datetime) -> int:
    members = _members_in_state_since(
        MemberStatus.REJECTED, now, settings.RETENTION_REJECTED_MEMBER_DAYS
    )
    return services.members_erase(members=members)


@register_purger("exchange: blocked members")
def purge_blocked_members(now: datetime) -> int:
    members = _members_in_state_since(
        MemberStatus.BLOCKED, now, settings.RETENTION_BLOCKED_MEMBER_DAYS
    )
    return services.members_erase(members=members)


@register_purger("exchange: unconfirmed registrations")
def purge_unconfirmed_registrations(now: datetime) -> int:
    """Registrations whose e-mail address was never confirmed (the link lasts 3 days)."""
    cutoff = _before(now, settings.RETENTION_UNCONFIRMED_REGISTRATION_DAYS)
    members = Member.objects.filter(email_confirmed_at__isnull=True, created_at__lt=cutoff)
    return services.members_erase(members=members)


@register_purger("exchange: proxy clients who withdrew consent")
def purge_withdrawn_proxy_clients(now: datetime) -> int:
    cutoff = _before(now, settings.RETENTION_WITHDRAWN_MEMBER_DAYS)
    clients = ProxyClient.objects.filter(consent_withdrawn_at__lt=cutoff)
    return services.proxy_clients_erase(clients=clients)
