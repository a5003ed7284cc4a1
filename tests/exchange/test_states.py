"""The state rules of members and listings (exchange.states) and the services using them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from exchange import services, states
from exchange.enums import ListingStatus, MemberStatus
from exchange.models import ExchangeSettings, Listing, Member

from .factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _listing_in(state: str) -> Listing:
    if state == ListingStatus.EXPIRED:
        return Listing(status=ListingStatus.PUBLISHED, valid_until=TODAY - timedelta(days=1))
    return Listing(status=state, valid_until=TODAY + timedelta(days=5))


def _allowed_pairs(table):
    return {(source, name) for name, rule in table.items() for source in rule.sources}


MEMBER_PAIRS = [
    (state, name) for state in MemberStatus.values for name in states.MEMBER_TRANSITIONS
]
LISTING_PAIRS = [
    (state, name) for state in ListingStatus.values for name in states.LISTING_TRANSITIONS
]


@pytest.mark.parametrize(("state", "transition"), MEMBER_PAIRS)
def test_member_transition_outside_the_table_is_refused(state, transition):
    member = Member(status=state)
    allowed = (state, transition) in _allowed_pairs(states.MEMBER_TRANSITIONS)
    assert states.can(member, transition) is allowed
    if allowed:
        assert states.apply(member, transition) == member.status
    else:
        with pytest.raises(states.TransitionNotAllowed):
            states.apply(member, transition)
        assert member.status == state


@pytest.mark.parametrize(("state", "transition"), LISTING_PAIRS)
def test_listing_transition_outside_the_table_is_refused(state, transition):
    listing = _listing_in(state)
    stored = listing.status
    rule = states.LISTING_TRANSITIONS[transition]
    allowed = (state, transition) in _allowed_pairs(states.LISTING_TRANSITIONS) and not (
        rule.by_clock
    )
    assert states.can(listing, transition) is allowed
    if allowed:
        assert states.apply(listing, transition, target=rule.targets[0]) == rule.targets[0]
    else:
        with pytest.raises(states.TransitionNotAllowed):
            states.apply(listing, transition, target=rule.targets[0])
        assert listing.status == stored


def test_unknown_transition_is_refused():
    with pytest.raises(states.TransitionNotAllowed):
        states.apply(Member(status=MemberStatus.PENDING), "promote")


def test_target_the_transition_does_not_lead_to_is_refused():
    listing = _listing_in(ListingStatus.DRAFT)
    with pytest.raises(states.TransitionNotAllowed):
        states.apply(listing, "submit", target=ListingStatus.REMOVED)
    assert listing.status == ListingStatus.DRAFT


def test_published_listing_past_its_date_is_expired():
    assert states.listing_state(_listing_in(ListingStatus.EXPIRED)) == ListingStatus.EXPIRED


# Members through the services ------------------------------------------------------------


def test_unblock_of_a_pending_member_is_refused_and_approves_nobody(gelsenkirchen, ge_admin):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    with pytest.raises(ValidationError):
        services.member_unblock(member=member, by=ge_admin)
    member.refresh_from_db()
    assert member.status == MemberStatus.PENDING


def test_posting_unblock_for_a_pending_member_leaves_them_pending(client, gelsenkirchen, ge_admin):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    client.force_login(ge_admin)
    client.post(reverse("exchange_members:action", args=[member.pk, "unblock"]))
    member.refresh_from_db()
    assert member.status == MemberStatus.PENDING


def test_unblock_runs_the_approval_checks_again(gelsenkirchen, ge_admin):
    member = MemberFactory(
        municipality=gelsenkirchen.municipality, status=MemberStatus.BLOCKED, is_minor=True
    )
    with pytest.raises(ValidationError):
        services.member_unblock(member=member, by=ge_admin)
    member.refresh_from_db()
    assert member.status == MemberStatus.BLOCKED


def test_blocking_a_pending_member_is_refused(gelsenkirchen, ge_admin):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    with pytest.raises(ValidationError):
        services.member_block(member=member, by=ge_admin, reason="x")
    member.refresh_from_db()
    assert member.status == MemberStatus.PENDING


def test_service_checks_the_stored_state_not_the_one_in_memory(gelsenkirchen, ge_admin):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    stale = Member.objects.get(pk=member.pk)
    stale.status = MemberStatus.BLOCKED  # what an old form might believe
    with pytest.raises(ValidationError):
        services.member_unblock(member=stale, by=ge_admin)
    assert Member.objects.get(pk=member.pk).status == MemberStatus.PENDING


def test_member_page_offers_only_the_allowed_actions(client, gelsenkirchen, ge_admin):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    client.force_login(ge_admin)
    page = client.get(reverse("exchange_members:detail", args=[member.pk])).content.decode()
    assert reverse("exchange_members:action", args=[member.pk, "approve"]) in page
    assert reverse("exchange_members:action", args=[member.pk, "unblock"]) not in page
    assert reverse("exchange_members:action", args=[member.pk, "block"]) not in page


# Listings through the services -----------------------------------------------------------


def test_approving_a_published_listing_is_refused(ge_listing, ge_admin):
    with pytest.raises(ValidationError):
        services.listing_approve(listing=ge_listing, by=ge_admin)


def test_closed_listing_cannot_be_removed(ge_listing, ge_admin):
    services.listing_close(listing=ge_listing, by=ge_listing.member.user)
    with pytest.raises(ValidationError):
        services.listing_remove(listing=ge_listing, by=ge_admin, reason="x")
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.CLOSED


def test_restore_returns_a_listing_to_the_state_it_had(gelsenkirchen, ge_admin):
    listing = ListingFactory(municipality=gelsenkirchen.municipality, status=ListingStatus.PENDING)
    services.listing_remove(listing=listing, by=ge_admin, reason="Telefonnummer im Text")
    services.listing_restore(listing=listing, by=ge_admin)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PENDING


def test_send_back_makes_a_draft_with_the_comment_and_mails_the_owner(gelsenkirchen, ge_admin):
    listing = ListingFactory(municipality=gelsenkirchen.municipality, status=ListingStatus.PENDING)
    services.listing_send_back(listing=listing, by=ge_admin, reason="Bitte ohne Telefonnummer.")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.DRAFT
    assert listing.sent_back_comment == "Bitte ohne Telefonnummer."
    assert mail.outbox[-1].to == [listing.member.user.email]
    assert "Bitte ohne Telefonnummer." in mail.outbox[-1].body


def test_send_back_of_a_closed_listing_is_refused(ge_listing, ge_admin):
    services.listing_close(listing=ge_listing, by=ge_listing.member.user)
    with pytest.raises(ValidationError):
        services.listing_send_back(listing=ge_listing, by=ge_admin, reason="x")


def test_owner_sees_the_comment_in_my_listings_and_resubmits(client, gelsenkirchen, ge_admin):
    listing = ListingFactory(municipality=gelsenkirchen.municipality, status=ListingStatus.PENDING)
    ExchangeSettings.objects.create(municipality=gelsenkirchen.municipality)
    services.listing_send_back(listing=listing, by=ge_admin, reason="Bitte ohne Telefonnummer.")
    client.force_login(listing.member.user)
    page = client.get(reverse("exchange:my_listings")).content.decode()
    assert "Bitte ohne Telefonnummer." in page
    data = {field: getattr(listing, field) for field in services.LISTING_FIELDS}
    services.listing_update(listing=listing, by=listing.member.user, data=data)
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PUBLISHED
    assert listing.sent_back_comment == ""


def test_expired_listing_is_shown_as_expired_in_my_listings(client, ge_listing):
    Listing.objects.filter(pk=ge_listing.pk).update(valid_until=TODAY - timedelta(days=2))
    client.force_login(ge_listing.member.user)
    page = client.get(reverse("exchange:my_listings")).content.decode()
    assert "Abgelaufen" in page


def test_expired_listing_is_published_again_after_edit_and_resubmit(ge_listing):
    Listing.objects.filter(pk=ge_listing.pk).update(valid_until=TODAY - timedelta(days=2))
    ge_listing.refresh_from_db()
    data = {field: getattr(ge_listing, field) for field in services.LISTING_FIELDS}
    data["valid_until"] = TODAY + timedelta(days=10)
    services.listing_update(listing=ge_listing, by=ge_listing.member.user, data=data)
    ge_listing.refresh_from_db()
    assert states.listing_state(ge_listing) == ListingStatus.PUBLISHED


def test_new_members_first_listings_are_reviewed_where_the_municipality_wants(
    gelsenkirchen, ge_member, ge_category
):
    ExchangeSettings.objects.create(
        municipality=gelsenkirchen.municipality, new_member_review_count=1
    )
    data = {
        "kind": "offer",
        "listing_type": "neighbourly_help",
        "category": ge_category,
        "title": "Hilfe im Garten",
        "description": "Ich helfe samstags beim Rasenmähen im Garten.",
        "district": ge_member.district,
        "locality": "",
        "valid_until": TODAY + timedelta(days=10),
    }
    first = services.listing_create(member=ge_member, data=data)
    assert first.status == ListingStatus.PENDING
    Listing.objects.filter(pk=first.pk).update(
        status=ListingStatus.PUBLISHED, published_at=timezone.now()
    )
    second = services.listing_create(member=ge_member, data=data)
    assert second.status == ListingStatus.PUBLISHED


def test_listing_page_offers_send_back_only_where_allowed(client, ge_admin, ge_listing):
    client.force_login(ge_admin)
    services.listing_close(listing=ge_listing, by=ge_listing.member.user)
    page = client.get(reverse("exchange_listings:detail", args=[ge_listing.pk])).content.decode()
    assert reverse("exchange_listings:action", args=[ge_listing.pk, "send_back"]) not in page
    assert reverse("exchange_listings:action", args=[ge_listing.pk, "remove"]) not in page


def test_admin_filter_expired_shows_published_listings_past_their_date(
    client, ge_admin, ge_listing
):
    Listing.objects.filter(pk=ge_listing.pk).update(valid_until=TODAY - timedelta(days=2))
    client.force_login(ge_admin)
    expired = client.get(reverse("exchange_listings:index"), {"status": "expired"})
    published = client.get(reverse("exchange_listings:index"), {"status": "published"})
    assert ge_listing.title in expired.content.decode()
    assert ge_listing.title not in published.content.decode()


def test_withdrawing_twice_changes_nothing_and_answers_alike(client, gelsenkirchen, delbrueck):
    member = MemberFactory(municipality=gelsenkirchen.municipality)
    MemberFactory(municipality=delbrueck.municipality, user=member.user)
    services.member_consent_withdraw(member=member)
    client.force_login(member.user)
    response = client.post(reverse("exchange:consent_withdraw"))
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.status == MemberStatus.WITHDRAWN
