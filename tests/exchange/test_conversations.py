"""Conversations: Meine Nachrichten, replies, contact sharing, closing, blocking, limits."""

import pytest
from django.core import mail
from django.urls import reverse

from exchange import conversations, services
from exchange.models import Conversation, MemberBlock, Message

from .factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exchange:conversation_list")


def _url(name, conversation):
    return reverse(f"exchange:{name}", args=[conversation.pk])


@pytest.fixture
def answerer(gelsenkirchen):
    return MemberFactory(
        municipality=gelsenkirchen.municipality, display_name="Kurt N.", user__email="kurt@ex.org"
    )


@pytest.fixture
def conversation(ge_listing, answerer):
    message = services.listing_respond(
        listing=ge_listing,
        sender=answerer,
        message="Ich helfe gern am Dienstag.",
        share_email=False,
    )
    return message.conversation


def test_answer_opens_one_conversation_and_a_second_answer_joins_it(ge_listing, answerer):
    first = services.listing_respond(
        listing=ge_listing, sender=answerer, message="Erste Nachricht hier.", share_email=False
    )
    second = services.listing_respond(
        listing=ge_listing, sender=answerer, message="Zweite Nachricht hier.", share_email=False
    )
    assert first.conversation_id == second.conversation_id
    assert Conversation.objects.count() == 1


def test_both_sides_see_the_conversation_in_my_messages(client, conversation, ge_member, answerer):
    for member in (ge_member, answerer):
        client.force_login(member.user)
        assert _url("conversation_detail", conversation) in client.get(LIST_URL).content.decode()


def test_owner_sees_unread_count_until_reading(client, conversation, ge_member):
    client.force_login(ge_member.user)
    [row] = client.get(LIST_URL).context["conversations"]
    assert row.unread == 1
    client.get(_url("conversation_detail", conversation))
    [row] = client.get(LIST_URL).context["conversations"]
    assert row.unread == 0


def test_own_messages_do_not_count_as_unread(client, conversation, answerer):
    client.force_login(answerer.user)
    [row] = client.get(LIST_URL).context["conversations"]
    assert row.unread == 0


def test_my_messages_list_has_constant_queries(
    client, gelsenkirchen, ge_member, django_assert_max_num_queries
):
    for _ in range(4):
        listing = ListingFactory(municipality=gelsenkirchen.municipality, member=ge_member)
        other = MemberFactory(municipality=gelsenkirchen.municipality)
        services.listing_respond(
            listing=listing, sender=other, message="Hallo zusammen!", share_email=False
        )
    client.force_login(ge_member.user)
    with django_assert_max_num_queries(30) as few:
        client.get(LIST_URL)
    listing = ListingFactory(municipality=gelsenkirchen.municipality, member=ge_member)
    for _ in range(3):
        other = MemberFactory(municipality=gelsenkirchen.municipality)
        services.listing_respond(
            listing=listing, sender=other, message="Noch jemand!", share_email=False
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST_URL)


def test_owner_replies_and_answerer_is_told_by_mail_without_the_text(
    client, conversation, ge_member, answerer
):
    mail.outbox.clear()
    client.force_login(ge_member.user)
    response = client.post(
        _url("conversation_detail", conversation), {"body": "Gern, bis Dienstag."}
    )
    assert response.status_code == 302
    assert conversation.messages.last().body == "Gern, bis Dienstag."
    (notice,) = mail.outbox
    assert notice.to == [answerer.user.email]
    assert "bis Dienstag" not in notice.body
    assert ge_member.user.email not in notice.body


def test_new_message_mail_at_most_once_an_hour_per_conversation(conversation, ge_member):
    mail.outbox.clear()
    conversations.message_send(conversation=conversation, member=ge_member, body="Eins")
    conversations.message_send(conversation=conversation, member=ge_member, body="Zwei")
    assert len(mail.outbox) == 1


def test_third_member_gets_404_on_every_conversation_url(client, gelsenkirchen, conversation):
    third = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(third.user)
    assert client.get(_url("conversation_detail", conversation)).status_code == 404
    for name in (
        "conversation_detail",
        "conversation_share_contact",
        "conversation_close",
        "conversation_block",
        "conversation_accept",
        "help_confirm",
    ):
        assert client.post(_url(name, conversation), {"body": "Hallo"}).status_code == 404
    assert conversation.messages.count() == 1


def test_third_members_list_does_not_show_the_conversation(client, gelsenkirchen, conversation):
    third = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(third.user)
    assert not client.get(LIST_URL).context["conversations"]


def test_conversation_page_shows_no_address_of_the_other_side(
    client, conversation, ge_member, answerer
):
    client.force_login(answerer.user)
    content = client.get(_url("conversation_detail", conversation)).content.decode()
    assert ge_member.user.email not in content


def test_share_contact_posts_the_members_email_in_the_conversation(
    client, conversation, answerer, ge_member
):
    client.force_login(answerer.user)
    client.post(_url("conversation_share_contact", conversation))
    client.force_login(ge_member.user)
    content = client.get(_url("conversation_detail", conversation)).content.decode()
    assert answerer.user.email in content


def test_closed_conversation_refuses_messages_from_the_other_side(
    client, conversation, ge_member, answerer
):
    client.force_login(ge_member.user)
    client.post(_url("conversation_close", conversation))
    client.force_login(answerer.user)
    page = client.get(_url("conversation_detail", conversation))
    assert page.context["form"] is None
    assert "beendet" in page.content.decode()
    client.post(_url("conversation_detail", conversation), {"body": "Noch etwas?"})
    assert conversation.messages.count() == 1


def test_block_closes_the_conversation_and_stops_new_ones(
    client, gelsenkirchen, conversation, ge_member, answerer, ge_listing
):
    client.force_login(ge_member.user)
    client.post(_url("conversation_block", conversation))
    conversation.refresh_from_db()
    assert conversation.is_closed
    assert MemberBlock.objects.filter(blocker=ge_member, blocked=answerer).exists()
    with pytest.raises(Exception):  # noqa: B017 (ValidationError or PermissionDenied)
        services.listing_respond(
            listing=ge_listing, sender=answerer, message="Noch einmal", share_email=False
        )
    assert Conversation.objects.count() == 1


def test_blocked_member_cannot_write(client, conversation, ge_member, answerer):
    conversations.member_block_by_member(blocker=ge_member, blocked=answerer)
    client.force_login(answerer.user)
    client.post(_url("conversation_detail", conversation), {"body": "Hallo?"})
    assert not Message.objects.filter(body="Hallo?").exists()


def test_block_hides_listings_both_ways_in_list_detail_and_search(
    client, gelsenkirchen, ge_member, answerer, ge_listing
):
    answerers_listing = ListingFactory(municipality=gelsenkirchen.municipality, member=answerer)
    conversations.member_block_by_member(blocker=ge_member, blocked=answerer)
    for viewer, hidden in ((ge_member, answerers_listing), (answerer, ge_listing)):
        client.force_login(viewer.user)
        listing_list = client.get(reverse("exchange:listing_list")).content.decode()
        assert hidden.title not in listing_list
        search = client.get(reverse("exchange:listing_list"), {"q": hidden.title})
        assert hidden not in search.context["page_obj"].object_list
        detail = reverse("exchange:listing_detail", args=[hidden.pk])
        assert client.get(detail).status_code == 404


def test_block_leaves_listings_visible_to_others(client, gelsenkirchen, ge_member, answerer):
    answerers_listing = ListingFactory(municipality=gelsenkirchen.municipality, member=answerer)
    conversations.member_block_by_member(blocker=ge_member, blocked=answerer)
    assert (
        client.get(reverse("exchange:listing_detail", args=[answerers_listing.pk])).status_code
        == 200
    )


def test_message_limit_answers_429_in_german(client, settings, conversation, answerer):
    settings.QUARTIER_MESSAGE_MAX_PER_WINDOW = 2
    client.force_login(answerer.user)
    url = _url("conversation_detail", conversation)
    client.post(url, {"body": "Eins"})
    client.post(url, {"body": "Zwei"})
    response = client.post(url, {"body": "Drei"})
    assert response.status_code == 429
    assert "Nachrichten" in response.content.decode()
    assert not Message.objects.filter(body="Drei").exists()


def test_plain_text_only_in_messages(client, conversation, answerer):
    client.force_login(answerer.user)
    client.post(
        _url("conversation_detail", conversation), {"body": "<b>fett</b> <script>x</script>"}
    )
    assert not Message.objects.filter(body__contains="<script>").exists()


def test_overlong_message_is_refused_with_a_message(client, conversation, answerer):
    client.force_login(answerer.user)
    response = client.post(_url("conversation_detail", conversation), {"body": "x" * 2001})
    assert response.status_code == 200
    assert response.context["form"].errors["body"]
    assert conversation.messages.count() == 1


def test_member_of_another_municipality_cannot_answer(delbrueck, ge_listing):
    stranger = MemberFactory(municipality=delbrueck.municipality)
    with pytest.raises(Exception):  # noqa: B017
        services.listing_respond(
            listing=ge_listing, sender=stranger, message="Hallo dort", share_email=False
        )
    assert not Conversation.objects.exists()
