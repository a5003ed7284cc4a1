"""Retention: the exchange's purgers and the nightly purge_expired_data command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from cms.core.retention import registered_purgers
from exchange import retention, services
from exchange.enums import ListingStatus, MemberStatus
from exchange.models import Listing, ListingResponse, Member, ProxyClient

from .factories import ListingFactory, MemberFactory, ProxyClientFactory

pytestmark = pytest.mark.django_db


def _days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def _age_listing(listing, *, days: int, status=ListingStatus.CLOSED):
    # updated_at is auto_now: set it with an update, which skips auto_now.
    Listing.objects.filter(pk=listing.pk).update(status=status, updated_at=_days_ago(days))


def test_exchange_registers_its_purgers():
    assert "exchange: ended listings" in registered_purgers()
    assert "exchange: withdrawn members" in registered_purgers()


def test_closed_listing_is_purged_after_the_period(settings, gelsenkirchen):
    old, recent = ListingFactory.create_batch(2, municipality=gelsenkirchen.municipality)
    _age_listing(old, days=settings.RETENTION_ENDED_LISTING_DAYS + 1)
    _age_listing(recent, days=settings.RETENTION_ENDED_LISTING_DAYS - 1)
    assert retention.purge_ended_listings(timezone.now()) == 1
    assert list(Listing.objects.values_list("pk", flat=True)) == [recent.pk]


def test_published_listing_is_not_purged(settings, gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality)
    _age_listing(listing, days=1000, status=ListingStatus.PUBLISHED)
    assert retention.purge_ended_listings(timezone.now()) == 0


def test_expired_listing_is_purged_after_the_period(settings, gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality)
    Listing.objects.filter(pk=listing.pk).update(
        valid_until=timezone.localdate() - timedelta(days=settings.RETENTION_ENDED_LISTING_DAYS + 2)
    )
    assert retention.purge_ended_listings(timezone.now()) == 1


def test_old_answers_are_purged(settings, gelsenkirchen, ge_listing):
    sender = MemberFactory(municipality=gelsenkirchen.municipality)
    old = ListingResponse.objects.create(listing=ge_listing, sender=sender, message="Alt")
    ListingResponse.objects.create(listing=ge_listing, sender=sender, message="Neu")
    ListingResponse.objects.filter(pk=old.pk).update(
        created_at=_days_ago(settings.RETENTION_RESPONSE_DAYS + 1)
    )
    assert retention.purge_old_responses(timezone.now()) == 1
    assert list(ListingResponse.objects.values_list("message", flat=True)) == ["Neu"]


@pytest.mark.parametrize(
    ("status", "setting", "purger"),
    [
        (MemberStatus.WITHDRAWN, "RETENTION_WITHDRAWN_MEMBER_DAYS", "purge_withdrawn_members"),
        (MemberStatus.REJECTED, "RETENTION_REJECTED_MEMBER_DAYS", "purge_rejected_members"),
        (MemberStatus.BLOCKED, "RETENTION_BLOCKED_MEMBER_DAYS", "purge_blocked_members"),
    ],
)
def test_members_in_an_ended_state_are_purged_with_their_account(
    settings, gelsenkirchen, status, setting, purger
):
    days = getattr(settings, setting)
    old = MemberFactory(
        municipality=gelsenkirchen.municipality,
        status=status,
        status_changed_at=_days_ago(days + 1),
    )
    recent = MemberFactory(
        municipality=gelsenkirchen.municipality,
        status=status,
        status_changed_at=_days_ago(days - 1),
    )
    assert getattr(retention, purger)(timezone.now()) == 1
    assert list(Member.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not get_user_model().objects.filter(pk=old.user_id).exists()


def test_purged_membership_keeps_an_account_with_a_membership_elsewhere(
    settings, gelsenkirchen, delbrueck
):
    withdrawn = MemberFactory(
        municipality=gelsenkirchen.municipality,
        status=MemberStatus.WITHDRAWN,
        status_changed_at=_days_ago(settings.RETENTION_WITHDRAWN_MEMBER_DAYS + 1),
    )
    MemberFactory(municipality=delbrueck.municipality, user=withdrawn.user)
    retention.purge_withdrawn_members(timezone.now())
    assert get_user_model().objects.filter(pk=withdrawn.user_id).exists()


def test_unconfirmed_registrations_are_purged(settings, gelsenkirchen):
    member = services.member_register(
        email="nie-bestaetigt@example.org",
        password="lang-genug-2025",
        display_name="Nie B.",
        municipality=gelsenkirchen.municipality,
        district=gelsenkirchen.municipality.districts.first(),
        kind="person",
    )
    Member.objects.filter(pk=member.pk).update(
        created_at=_days_ago(settings.RETENTION_UNCONFIRMED_REGISTRATION_DAYS + 1)
    )
    assert retention.purge_unconfirmed_registrations(timezone.now()) == 1
    assert not get_user_model().objects.filter(username="nie-bestaetigt@example.org").exists()


def test_proxy_client_who_withdrew_consent_is_purged(settings, gelsenkirchen):
    client = ProxyClientFactory(
        municipality=gelsenkirchen.municipality,
        consent_withdrawn_at=_days_ago(settings.RETENTION_WITHDRAWN_MEMBER_DAYS + 1),
    )
    ListingFactory(municipality=gelsenkirchen.municipality, member=None, proxy_client=client)
    assert retention.purge_withdrawn_proxy_clients(timezone.now()) == 1
    assert not ProxyClient.objects.exists()
    assert not Listing.objects.exists()


def test_command_prints_each_purger_and_removes(settings, gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality)
    _age_listing(listing, days=settings.RETENTION_ENDED_LISTING_DAYS + 1)
    out = StringIO()
    call_command("purge_expired_data", stdout=out)
    assert "exchange: ended listings: 1" in out.getvalue()
    assert "exchange: withdrawn members: 0" in out.getvalue()
    assert not Listing.objects.exists()


def test_command_dry_run_counts_and_changes_nothing(settings, gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality)
    _age_listing(listing, days=settings.RETENTION_ENDED_LISTING_DAYS + 1)
    out = StringIO()
    call_command("purge_expired_data", "--dry-run", stdout=out)
    assert "exchange: ended listings: 1" in out.getvalue()
    assert "dry run" in out.getvalue()
    assert Listing.objects.filter(pk=listing.pk).exists()
