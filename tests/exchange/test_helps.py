"""Agreed, done, thanked: accepting a helper, confirming, the 14-day rule, feedback, hours."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange import conversations, services
from exchange.enums import ListingStatus, ListingType
from exchange.models import Feedback, Help
from exchange.models_conversations import HelpStatus

from .factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def answerer(gelsenkirchen):
    return MemberFactory(municipality=gelsenkirchen.municipality, display_name="Kurt N.")


@pytest.fixture
def conversation(ge_listing, answerer):
    return services.listing_respond(
        listing=ge_listing, sender=answerer, message="Ich brauche Hilfe.", share_email=False
    ).conversation


@pytest.fixture
def help(conversation, ge_member):
    return conversations.help_accept(conversation=conversation, member=ge_member)


def _url(name, conversation):
    return reverse(f"exchange:{name}", args=[conversation.pk])


# help_status at the boundaries ----------------------------------------------------------


def _help(**confirmations) -> Help:
    return Help(agreed_at=NOW - timedelta(days=30), **confirmations)


def test_help_status_without_confirmation_is_agreed():
    assert conversations.help_status(_help(), NOW) == HelpStatus.AGREED


def test_help_status_with_both_confirmations_is_confirmed():
    help = _help(owner_confirmed_at=NOW, answerer_confirmed_at=NOW)
    assert conversations.help_status(help, NOW) == HelpStatus.CONFIRMED


def test_help_status_one_side_just_before_14_days_is_awaiting():
    help = _help(owner_confirmed_at=NOW - timedelta(days=14) + timedelta(seconds=1))
    assert conversations.help_status(help, NOW) == HelpStatus.AWAITING


def test_help_status_one_side_at_14_days_is_confirmed():
    help = _help(answerer_confirmed_at=NOW - timedelta(days=14))
    assert conversations.help_status(help, NOW) == HelpStatus.CONFIRMED


def test_help_status_with_objection_is_disputed_after_14_days():
    help = _help(
        owner_confirmed_at=NOW - timedelta(days=20), answerer_objected_at=NOW - timedelta(days=19)
    )
    assert conversations.help_status(help, NOW) == HelpStatus.DISPUTED


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"owner_confirmed_at": NOW - timedelta(days=13)},
        {"owner_confirmed_at": NOW - timedelta(days=14)},
        {"answerer_confirmed_at": NOW - timedelta(days=15)},
        {"owner_confirmed_at": NOW - timedelta(days=20), "answerer_objected_at": NOW},
        {"owner_confirmed_at": NOW, "answerer_confirmed_at": NOW},
    ],
)
def test_database_rule_agrees_with_help_status(gelsenkirchen, fields):
    help = Help.objects.create(
        municipality=gelsenkirchen.municipality,
        listing_type=ListingType.NEIGHBOURLY_HELP,
        category_name="Einkaufen",
        agreed_at=NOW - timedelta(days=30),
        **fields,
    )
    in_db = Help.objects.filter(conversations.confirmed_helps_q(NOW), pk=help.pk).exists()
    assert in_db == (conversations.help_status(help, NOW) == HelpStatus.CONFIRMED)


# Accepting ------------------------------------------------------------------------------


def test_owner_accepts_and_listing_becomes_matched(client, conversation, ge_member, ge_listing):
    client.force_login(ge_member.user)
    client.post(_url("conversation_accept", conversation))
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.MATCHED
    assert Help.objects.get(conversation=conversation).answerer == conversation.answerer


def test_answerer_cannot_accept(client, conversation, answerer, ge_listing):
    client.force_login(answerer.user)
    client.post(_url("conversation_accept", conversation))
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.PUBLISHED
    assert not Help.objects.exists()


def test_accept_twice_is_refused(help, conversation, ge_member):
    with pytest.raises(ValidationError):
        conversations.help_accept(conversation=conversation, member=ge_member)
    assert Help.objects.count() == 1


def test_accept_of_a_closed_listing_is_refused(conversation, ge_member, ge_listing):
    services.listing_close(listing=ge_listing, by=ge_member.user)
    with pytest.raises(ValidationError):
        conversations.help_accept(conversation=conversation, member=ge_member)


def test_matched_listing_leaves_the_public_list_and_detail(client, help, ge_listing):
    assert ge_listing.title not in client.get(reverse("exchange:listing_list")).content.decode()
    detail = reverse("exchange:listing_detail", args=[ge_listing.pk])
    assert client.get(detail).status_code == 404


def test_matched_listing_detail_shows_vermittelt_to_both_sides(
    client, help, ge_listing, ge_member, answerer
):
    detail = reverse("exchange:listing_detail", args=[ge_listing.pk])
    for member in (ge_member, answerer):
        client.force_login(member.user)
        response = client.get(detail)
        assert response.status_code == 200
        assert "Vermittelt" in response.content.decode()


def test_matched_listing_detail_is_404_for_a_third_member(client, gelsenkirchen, help, ge_listing):
    client.force_login(MemberFactory(municipality=gelsenkirchen.municipality).user)
    assert client.get(reverse("exchange:listing_detail", args=[ge_listing.pk])).status_code == 404


def test_matched_listing_cannot_be_edited(client, help, ge_member, ge_listing):
    client.force_login(ge_member.user)
    assert client.get(reverse("exchange:listing_edit", args=[ge_listing.pk])).status_code == 403


# Confirming -----------------------------------------------------------------------------


def test_each_side_confirms_and_help_counts(client, help, conversation, ge_member, answerer):
    for member in (ge_member, answerer):
        client.force_login(member.user)
        client.post(_url("help_confirm", conversation))
    help.refresh_from_db()
    assert conversations.help_status(help, timezone.now()) == HelpStatus.CONFIRMED


def test_confirm_twice_is_refused(help, ge_member):
    conversations.help_confirm(help=help, member=ge_member)
    with pytest.raises(ValidationError):
        conversations.help_confirm(help=help, member=ge_member)


def test_third_member_cannot_confirm(gelsenkirchen, help):
    with pytest.raises(PermissionDenied):
        conversations.help_confirm(
            help=help, member=MemberFactory(municipality=gelsenkirchen.municipality)
        )


def test_other_side_objects_within_14_days(help, ge_member, answerer):
    conversations.help_confirm(help=help, member=ge_member)
    conversations.help_object(help=help, member=answerer)
    help.refresh_from_db()
    assert conversations.help_status(help, timezone.now() + timedelta(days=20)) == (
        HelpStatus.DISPUTED
    )


def test_objection_after_14_days_is_refused(help, ge_member, answerer):
    conversations.help_confirm(help=help, member=ge_member)
    Help.objects.filter(pk=help.pk).update(owner_confirmed_at=timezone.now() - timedelta(days=15))
    with pytest.raises(ValidationError):
        conversations.help_object(help=help, member=answerer)


def test_hours_recorded_for_time_donation(gelsenkirchen, ge_member, answerer):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        member=ge_member,
        listing_type=ListingType.TIME_DONATION,
    )
    conversation = services.listing_respond(
        listing=listing, sender=answerer, message="Gern.", share_email=False
    ).conversation
    help = conversations.help_accept(conversation=conversation, member=ge_member)
    conversations.help_confirm(help=help, member=ge_member, hours="1,5")
    help.refresh_from_db()
    assert help.hours == Decimal("1.5")


@pytest.mark.parametrize("hours", ["0", "0,1", "24,25", "abc", "1,3", "-2", "NaN"])
def test_bad_hours_are_refused_with_a_message(client, gelsenkirchen, ge_member, answerer, hours):
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        member=ge_member,
        listing_type=ListingType.POCKET_MONEY_JOB,
    )
    conversation = services.listing_respond(
        listing=listing, sender=answerer, message="Gern.", share_email=False
    ).conversation
    help = conversations.help_accept(conversation=conversation, member=ge_member)
    client.force_login(ge_member.user)
    response = client.post(_url("help_confirm", conversation), {"hours": hours}, follow=True)
    assert response.status_code == 200
    help.refresh_from_db()
    assert help.owner_confirmed_at is None
    assert help.hours is None


def test_hours_refused_for_neighbourly_help(help, ge_member):
    with pytest.raises(ValidationError):
        conversations.help_confirm(help=help, member=ge_member, hours="2")


# Feedback -------------------------------------------------------------------------------


def test_feedback_before_confirming_is_refused(help, ge_member):
    with pytest.raises(ValidationError):
        conversations.feedback_give(help=help, member=ge_member, rating=5)


def test_feedback_only_once_per_side(help, ge_member):
    conversations.help_confirm(help=help, member=ge_member)
    conversations.feedback_give(help=help, member=ge_member, rating=5)
    with pytest.raises(ValidationError):
        conversations.feedback_give(help=help, member=ge_member, rating=4)


def test_rating_outside_1_to_5_is_refused(client, help, conversation, ge_member):
    conversations.help_confirm(help=help, member=ge_member)
    client.force_login(ge_member.user)
    response = client.post(_url("help_feedback", conversation), {"rating": "7"})
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_received_feedback_is_shown_to_the_member_it_is_about(client, help, ge_member, answerer):
    conversations.help_confirm(help=help, member=answerer)
    conversations.feedback_give(help=help, member=answerer, rating=5, comment="Sehr hilfsbereit")
    client.force_login(ge_member.user)
    assert "Sehr hilfsbereit" in client.get(reverse("exchange:feedback_received")).content.decode()
    client.force_login(answerer.user)
    assert (
        "Sehr hilfsbereit" not in client.get(reverse("exchange:feedback_received")).content.decode()
    )


def test_safety_concern_goes_to_admins_not_to_the_other_member(
    client, help, ge_member, answerer, ge_admin
):
    conversations.help_confirm(help=help, member=answerer)
    conversations.feedback_give(
        help=help,
        member=answerer,
        rating=1,
        safety_concern=True,
        safety_note="Er war aufdringlich",
    )
    assert ModelLogEntry.objects.filter(action="exchange.help.safety_concern").exists()
    client.force_login(ge_member.user)
    assert "aufdringlich" not in client.get(reverse("exchange:feedback_received")).content.decode()
    client.force_login(ge_admin)
    admin_page = client.get(reverse("exchange_feedback:index")).content.decode()
    assert "aufdringlich" in admin_page


def test_admin_of_another_municipality_does_not_see_the_feedback(
    client, help, answerer, delbrueck_admin
):
    conversations.help_confirm(help=help, member=answerer)
    conversations.feedback_give(help=help, member=answerer, rating=4, comment="Pünktlich da")
    client.force_login(delbrueck_admin)
    assert "Pünktlich" not in client.get(reverse("exchange_feedback:index")).content.decode()


def test_public_listing_page_shows_no_rating_or_comment(
    client, gelsenkirchen, help, ge_member, answerer
):
    conversations.help_confirm(help=help, member=answerer)
    conversations.feedback_give(help=help, member=answerer, rating=5, comment="Ganz toll")
    other = ListingFactory(municipality=gelsenkirchen.municipality, member=ge_member)
    content = client.get(reverse("exchange:listing_detail", args=[other.pk])).content.decode()
    assert "Ganz toll" not in content
    assert "5 von 5" not in content


# Proxy helpers --------------------------------------------------------------------------


@pytest.fixture
def proxy_conversation(gelsenkirchen, ge_helper, answerer):
    from .factories import ProxyClientFactory

    proxy_client = ProxyClientFactory(municipality=gelsenkirchen.municipality)
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        member=None,
        proxy_client=proxy_client,
        proxy_created_by=ge_helper,
    )
    return services.listing_respond(
        listing=listing, sender=answerer, message="Ich kann helfen.", share_email=False
    ).conversation


def test_helper_sees_and_answers_for_the_client_logged(client, proxy_conversation, ge_helper):
    client.force_login(ge_helper)
    url = reverse("exchange_proxy:conversation_detail", args=[proxy_conversation.pk])
    assert "Ich kann helfen." in client.get(url).content.decode()
    client.post(url, {"body": "Frau K. freut sich, Dienstag passt."})
    message = proxy_conversation.messages.last()
    assert message.proxy_author == ge_helper
    assert ModelLogEntry.objects.filter(
        action="exchange.conversation.proxy_message", user=ge_helper
    ).exists()


def test_helper_accepts_and_confirms_for_the_client_logged(client, proxy_conversation, ge_helper):
    client.force_login(ge_helper)
    action = "exchange_proxy:conversation_action"
    client.post(reverse(action, args=[proxy_conversation.pk, "vermitteln"]))
    client.post(reverse(action, args=[proxy_conversation.pk, "bestaetigen"]))
    help = Help.objects.get(conversation=proxy_conversation)
    assert help.owner_confirmed_at is not None
    assert ModelLogEntry.objects.filter(action="exchange.help.proxy_confirm").exists()


def test_helper_of_another_municipality_gets_404(client, delbrueck, proxy_conversation):
    from tests.factories import UserFactory

    helper = UserFactory(username="helfer-db", groups=[delbrueck.groups["proxy_helpers"]])
    client.force_login(helper)
    url = reverse("exchange_proxy:conversation_detail", args=[proxy_conversation.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Hallo"}).status_code == 404


def test_admin_without_helper_role_cannot_read_client_conversations(
    client, proxy_conversation, ge_admin
):
    client.force_login(ge_admin)
    url = reverse("exchange_proxy:conversation_detail", args=[proxy_conversation.pk])
    response = client.get(url)
    # Wagtail's admin answers a refusal with a redirect to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_client_export_holds_the_clients_conversations(client, proxy_conversation, ge_helper):
    client.force_login(ge_helper)
    url = reverse("exchange_proxy:export", args=[proxy_conversation.proxy_client_id])
    data = client.get(url).json()
    [conversation] = data["conversations"]
    assert conversation["messages"][0]["text"] == "Ich kann helfen."
