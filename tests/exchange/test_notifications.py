"""Notifications: every kind renders, the member's choices and language, one per hour."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks import default_task_backend

from exchange import services
from exchange.enums import ListingStatus, MemberStatus
from exchange.models import NoticeSent
from exchange.notifications import ACCOUNT_KINDS, SWITCHABLE_KINDS, NoticeKind, notify

from .factories import ListingFactory, MemberFactory, ProxyClientFactory

pytestmark = pytest.mark.django_db

# A context with every key any template uses (exchange.notifications' docstring).
FULL_CONTEXT = {
    "name": "Renate S.",
    "link": "http://testserver/nachbarschaftshilfe/",
    "listing_title": "Hilfe beim Einkaufen",
    "conversation_id": 7,
    "municipality": "Gelsenkirchen",
    "reason": "Werbung",
    "comment": "Bitte ohne Telefonnummer.",
    "decision": "Eintrag entfernt",
    "sender": "Paul K.",
    "message": "Ich kann am Dienstag helfen & komme gern.",
    "share_email": 0,
    "client": "Frau K.",
    "new_email": "r…@example.org",
    "register_link": "http://testserver/r/",
    "resend_link": "http://testserver/s/",
    "pending_members": 2,
    "pending_listings": 3,
    "district": "Schalke",
    "listings": [{"title": "Rasen mähen", "kind": "Angebot", "link": "http://testserver/e/1/"}],
}


@pytest.fixture
def member(gelsenkirchen):
    return MemberFactory(municipality=gelsenkirchen.municipality, user__email="renate@example.org")


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_every_kind_is_sent_with_a_subject_and_its_text(member, kind):
    mail.outbox.clear()
    notify(kind, member=member, context=FULL_CONTEXT)
    (message,) = mail.outbox
    assert message.to == ["renate@example.org"]
    assert message.subject.strip()
    assert "\n" not in message.subject
    assert "&amp;" not in message.body


def test_a_switched_off_kind_is_not_sent(member):
    member.notices_off = [NoticeKind.LISTING_APPROVED.value]
    member.save()
    notify(NoticeKind.LISTING_APPROVED, member=member, context=FULL_CONTEXT)
    assert mail.outbox == []


def test_other_kinds_still_arrive_when_one_is_switched_off(member):
    member.notices_off = [NoticeKind.LISTING_APPROVED.value]
    member.save()
    notify(NoticeKind.LISTING_REMOVED, member=member, context=FULL_CONTEXT)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("kind", sorted(ACCOUNT_KINDS))
def test_account_mails_cannot_be_switched_off(member, kind):
    member.notices_off = [kind.value for kind in NoticeKind]
    member.save()
    notify(kind, member=member, context=FULL_CONTEXT)
    assert len(mail.outbox) == 1


def test_no_account_kind_is_offered_as_a_switch():
    assert not ACCOUNT_KINDS & set(SWITCHABLE_KINDS)


def test_mail_is_written_in_the_members_language(member):
    member.language = "en"
    member.save()
    notify(NoticeKind.LISTING_APPROVED, member=member, context=FULL_CONTEXT)
    assert mail.outbox[0].extra_headers["Content-Language"] == "en"


def test_mail_without_a_chosen_language_is_in_the_sites_language(member):
    notify(NoticeKind.LISTING_APPROVED, member=member, context=FULL_CONTEXT)
    assert mail.outbox[0].extra_headers["Content-Language"] == "de"


def test_new_message_mails_at_most_once_per_conversation_per_hour(member):
    for _ in range(3):
        notify(NoticeKind.NEW_MESSAGE, member=member, context={**FULL_CONTEXT})
    assert len(mail.outbox) == 1


def test_new_message_of_another_conversation_is_mailed_within_the_hour(member):
    notify(NoticeKind.NEW_MESSAGE, member=member, context={**FULL_CONTEXT, "conversation_id": 1})
    notify(NoticeKind.NEW_MESSAGE, member=member, context={**FULL_CONTEXT, "conversation_id": 2})
    assert len(mail.outbox) == 2


def test_new_message_is_mailed_again_after_an_hour(member):
    notify(NoticeKind.NEW_MESSAGE, member=member, context=FULL_CONTEXT)
    NoticeSent.objects.update(sent_at=NoticeSent.objects.get().sent_at - timedelta(minutes=61))
    notify(NoticeKind.NEW_MESSAGE, member=member, context=FULL_CONTEXT)
    assert len(mail.outbox) == 2


def test_new_message_mail_carries_no_message_text(member):
    notify(NoticeKind.NEW_MESSAGE, member=member, context=FULL_CONTEXT)
    assert FULL_CONTEXT["message"] not in mail.outbox[0].body


# Wired into the services --------------------------------------------------------------


def test_approving_a_member_mails_them(gelsenkirchen, ge_admin):
    pending = MemberFactory(
        municipality=gelsenkirchen.municipality,
        status=MemberStatus.PENDING,
        user__email="neu@example.org",
    )
    services.member_approve(member=pending, by=ge_admin)
    (message,) = mail.outbox
    assert message.to == ["neu@example.org"]
    assert "freigegeben" in message.subject
    assert reverse("exchange:my_listings") in message.body


def test_rejecting_a_member_mails_them_the_reason(gelsenkirchen, ge_admin):
    pending = MemberFactory(
        municipality=gelsenkirchen.municipality,
        status=MemberStatus.PENDING,
        user__email="neu@example.org",
    )
    services.member_reject(member=pending, by=ge_admin, reason="Wohnt nicht hier.")
    (message,) = mail.outbox
    assert "Wohnt nicht hier." in message.body


def test_approving_a_listing_mails_its_owner(ge_listing, ge_admin):
    ge_listing.status = ListingStatus.PENDING
    ge_listing.save()
    services.listing_approve(listing=ge_listing, by=ge_admin)
    (message,) = mail.outbox
    assert message.to == ["renate@example.org"]
    assert ge_listing.title in message.subject


def test_removing_a_listing_mails_its_owner_the_reason(ge_listing, ge_admin):
    services.listing_remove(listing=ge_listing, by=ge_admin, reason="Werbung ist nicht erlaubt.")
    (message,) = mail.outbox
    assert "Werbung ist nicht erlaubt." in message.body


def test_removing_a_proxy_listing_mails_the_helper(gelsenkirchen, ge_admin, ge_helper):
    client = ProxyClientFactory(municipality=gelsenkirchen.municipality)
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        member=None,
        proxy_client=client,
        proxy_created_by=ge_helper,
    )
    services.listing_remove(listing=listing, by=ge_admin, reason="Doppelt.")
    (message,) = mail.outbox
    assert message.to == [ge_helper.email]


def test_a_member_who_switched_off_removals_gets_no_removal_mail(ge_listing, ge_admin):
    ge_listing.member.notices_off = [NoticeKind.LISTING_REMOVED.value]
    ge_listing.member.save()
    services.listing_remove(listing=ge_listing, by=ge_admin, reason="Werbung.")
    assert mail.outbox == []


def test_answer_mail_never_passes_on_the_senders_address(ge_listing, gelsenkirchen):
    # Shared contact details go into the conversation, never into a mail.
    sender = MemberFactory(municipality=gelsenkirchen.municipality, user__email="paul@example.org")
    services.listing_respond(
        listing=ge_listing, sender=sender, message="Ich helfe gern.", share_email=True
    )
    (notice,) = mail.outbox
    assert "paul@example.org" not in str(notice.message())
    assert not notice.reply_to


def test_notify_only_enqueues_a_task_and_sends_nothing_itself(member, settings):
    # The dummy backend keeps what was enqueued and runs nothing (django-tasks resets
    # its backends when TASKS changes).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notify(NoticeKind.LISTING_APPROVED, member=member, context=FULL_CONTEXT)
    assert mail.outbox == []
    (result,) = default_task_backend.results
    assert result.args == [NoticeKind.LISTING_APPROVED.value, FULL_CONTEXT]
