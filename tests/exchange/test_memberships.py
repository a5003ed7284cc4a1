"""Memberships count per municipality; blocked, rejected and withdrawn members stay out."""

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Site

from exchange import services
from exchange.enums import ConsentDocument, MemberStatus
from exchange.models import Conversation, Listing, ListingResponse, Member
from tests.factories import TEST_PASSWORD

from .factories import MemberFactory
from .test_views import _listing_data

pytestmark = pytest.mark.django_db

DELBRUECK_HOST = "delbrueck.localhost"


@pytest.fixture
def delbrueck_site(delbrueck):
    return Site.objects.create(hostname=DELBRUECK_HOST, port=80, root_page=delbrueck.portal)


@pytest.fixture
def delbrueck_member(delbrueck):
    """A member approved in Delbrück only."""
    return MemberFactory(municipality=delbrueck.municipality, user__email="ortrud@example.org")


def _sign_in(client, user, **extra):
    return client.post(
        reverse("exchange:login"), {"username": user.username, "password": TEST_PASSWORD}, **extra
    )


def test_member_approved_elsewhere_gets_no_answer_form_here(client, delbrueck_member, ge_listing):
    client.force_login(delbrueck_member.user)
    response = client.get(reverse("exchange:listing_detail", args=[ge_listing.pk]))
    assert response.status_code == 200
    assert response.context["form"] is None


def test_member_approved_elsewhere_cannot_answer_here(client, delbrueck_member, ge_listing):
    client.force_login(delbrueck_member.user)
    response = client.post(
        reverse("exchange:listing_detail", args=[ge_listing.pk]),
        {"message": "Ich kann Ihnen gern helfen, melden Sie sich."},
    )
    assert response.status_code == 403
    assert not ListingResponse.objects.exists()


def test_member_approved_elsewhere_cannot_post_here(
    client, gelsenkirchen, delbrueck_member, ge_category
):
    client.force_login(delbrueck_member.user)
    district = gelsenkirchen.municipality.districts.first()
    response = client.post(reverse("exchange:listing_create"), _listing_data(ge_category, district))
    assert response.status_code == 403
    assert not Listing.objects.filter(title="Hilfe im Garten").exists()


def test_member_elsewhere_is_offered_to_apply_here(client, delbrueck_member):
    client.force_login(delbrueck_member.user)
    response = client.get(reverse("exchange:my_listings"))
    assert response.status_code == 302
    assert response["Location"] == reverse("exchange:membership_apply")


def test_application_here_creates_pending_membership_with_consents(
    client, gelsenkirchen, delbrueck_member
):
    client.force_login(delbrueck_member.user)
    district = gelsenkirchen.municipality.districts.first()
    response = client.post(
        reverse("exchange:membership_apply"),
        {
            "display_name": "Ortrud B.",
            "district": district.pk,
            "accept_terms": "on",
            "accept_privacy": "on",
        },
    )
    assert response.status_code == 302
    membership = Member.objects.get(
        user=delbrueck_member.user, municipality=gelsenkirchen.municipality
    )
    assert membership.status == MemberStatus.PENDING
    assert set(membership.consents.values_list("document", flat=True)) == {
        ConsentDocument.TERMS,
        ConsentDocument.PRIVACY,
    }
    assert Member.objects.get(pk=delbrueck_member.pk).status == MemberStatus.APPROVED


def test_application_without_consent_changes_nothing(client, gelsenkirchen, delbrueck_member):
    client.force_login(delbrueck_member.user)
    district = gelsenkirchen.municipality.districts.first()
    response = client.post(
        reverse("exchange:membership_apply"), {"display_name": "Ortrud B.", "district": district.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["accept_terms"]
    assert Member.objects.filter(user=delbrueck_member.user).count() == 1


def test_applicant_answers_here_after_approval_here(
    client, gelsenkirchen, delbrueck_member, ge_admin, ge_listing
):
    membership = services.membership_apply(
        user=delbrueck_member.user,
        municipality=gelsenkirchen.municipality,
        district=gelsenkirchen.municipality.districts.first(),
        display_name="Ortrud B.",
    )
    services.member_approve(member=membership, by=ge_admin)
    client.force_login(delbrueck_member.user)
    client.post(
        reverse("exchange:listing_detail", args=[ge_listing.pk]),
        {"message": "Ich kann Ihnen gern helfen, melden Sie sich."},
    )
    assert Conversation.objects.get().answerer == membership


def test_one_account_holds_one_membership_per_municipality(gelsenkirchen, ge_member):
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(municipality=gelsenkirchen.municipality, user=ge_member.user)


@pytest.mark.parametrize(
    "status", [MemberStatus.BLOCKED, MemberStatus.REJECTED, MemberStatus.WITHDRAWN]
)
def test_refused_member_cannot_sign_in(client, gelsenkirchen, status):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=status)
    response = _sign_in(client, member.user)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "nicht anmelden" in response.content.decode()


def test_refused_member_with_wrong_password_learns_nothing_of_the_state(client, gelsenkirchen):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.BLOCKED)
    response = client.post(
        reverse("exchange:login"), {"username": member.user.username, "password": "falsch-123"}
    )
    assert "nicht anmelden" not in response.content.decode()
    assert response.context["form"].errors["__all__"]


@pytest.mark.parametrize("status", [MemberStatus.PENDING, MemberStatus.APPROVED])
def test_member_in_standing_signs_in(client, gelsenkirchen, status):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=status)
    assert _sign_in(client, member.user).status_code == 302


def test_member_blocked_here_but_approved_elsewhere_cannot_sign_in_here(
    client, gelsenkirchen, delbrueck_member
):
    MemberFactory(
        municipality=gelsenkirchen.municipality,
        user=delbrueck_member.user,
        status=MemberStatus.BLOCKED,
    )
    assert _sign_in(client, delbrueck_member.user).status_code == 200
    assert "_auth_user_id" not in client.session


def test_member_blocked_here_signs_in_where_approved(
    client, gelsenkirchen, delbrueck_member, delbrueck_site
):
    MemberFactory(
        municipality=gelsenkirchen.municipality,
        user=delbrueck_member.user,
        status=MemberStatus.BLOCKED,
    )
    response = _sign_in(client, delbrueck_member.user, HTTP_HOST=DELBRUECK_HOST)
    assert response.status_code == 302


def test_member_of_another_municipality_signs_in_here_to_apply(client, delbrueck_member):
    assert _sign_in(client, delbrueck_member.user).status_code == 302


def test_rejecting_a_member_ends_their_sessions(client, gelsenkirchen, ge_admin):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    client.force_login(member.user)
    services.member_reject(member=member, by=ge_admin, reason="Unvollständig")
    assert not Session.objects.exists()
    assert client.get(reverse("exchange:my_listings")).status_code == 302


def test_withdrawn_consent_leaves_member_withdrawn_not_approved(ge_member):
    services.member_consent_withdraw(member=ge_member)
    ge_member.refresh_from_db()
    assert ge_member.status == MemberStatus.WITHDRAWN
    assert not ge_member.is_approved


def test_withdrawn_member_cannot_be_approved_again(ge_member, ge_admin):
    services.member_consent_withdraw(member=ge_member)
    ge_member.refresh_from_db()
    with pytest.raises(ValidationError):
        services.member_unblock(member=ge_member, by=ge_admin)
    ge_member.refresh_from_db()
    assert ge_member.status == MemberStatus.WITHDRAWN


def test_withdrawal_here_keeps_the_account_for_membership_elsewhere(
    gelsenkirchen, delbrueck_member
):
    here = MemberFactory(municipality=gelsenkirchen.municipality, user=delbrueck_member.user)
    services.member_consent_withdraw(member=here)
    delbrueck_member.user.refresh_from_db()
    assert delbrueck_member.user.is_active
    assert Member.objects.get(pk=delbrueck_member.pk).status == MemberStatus.APPROVED
