"""The mail when the 14-day rule confirms a help: both sides, once, in time."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from exchange import conversations, services
from exchange.models import Help
from exchange.notifications import NoticeKind

from .factories import MemberFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
SUBJECT = "Die Hilfe gilt jetzt als bestätigt"


@pytest.fixture
def answerer(gelsenkirchen):
    return MemberFactory(
        municipality=gelsenkirchen.municipality,
        display_name="Kurt N.",
        user__email="kurt@example.org",
    )


@pytest.fixture
def help(ge_listing, ge_member, answerer):
    conversation = services.listing_respond(
        listing=ge_listing, sender=answerer, message="Ich helfe gern.", share_email=False
    ).conversation
    return conversations.help_accept(conversation=conversation, member=ge_member)


def _confirmed(help, **fields) -> Help:
    Help.objects.filter(pk=help.pk).update(**fields)
    return help


def _settled_mails(mailoutbox):
    return [mail for mail in mailoutbox if mail.subject == SUBJECT]


def test_both_sides_are_told_when_nobody_objected_in_14_days(help, mailoutbox):
    # The owner's listing offers help (ge_listing is an offer): the owner gave it.
    _confirmed(help, answerer_confirmed_at=NOW - timedelta(days=14, hours=1))
    mailoutbox.clear()

    assert conversations.helps_settled_notify(NOW) == 2

    mails = {mail.to[0]: mail for mail in _settled_mails(mailoutbox)}
    assert set(mails) == {"renate@example.org", "kurt@example.org"}
    giver = mails["renate@example.org"]
    assert "Nachweis" in giver.body and "/nachweis/" in giver.body
    assert "Nachweis" not in mails["kurt@example.org"].body
    assert "Kurt N." not in giver.body and "kurt@example.org" not in giver.body


def test_each_side_is_told_only_once(help, mailoutbox):
    _confirmed(help, owner_confirmed_at=NOW - timedelta(days=15))
    conversations.helps_settled_notify(NOW)
    mailoutbox.clear()

    assert conversations.helps_settled_notify(NOW + timedelta(days=1)) == 0
    assert _settled_mails(mailoutbox) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"owner_confirmed_at": NOW - timedelta(days=13, hours=23)},
        {"owner_confirmed_at": NOW - timedelta(days=20), "answerer_objected_at": NOW},
        {
            "owner_confirmed_at": NOW - timedelta(days=20),
            "answerer_confirmed_at": NOW - timedelta(days=19),
        },
        # Its period ended more than a week before: not announced any more.
        {"answerer_confirmed_at": NOW - timedelta(days=22)},
        {},
    ],
    ids=["within-14-days", "objected", "both-confirmed", "long-ago", "unconfirmed"],
)
def test_no_mail_for_helps_the_rule_did_not_just_confirm(help, mailoutbox, fields):
    _confirmed(help, **fields)
    mailoutbox.clear()

    assert conversations.helps_settled_notify(NOW) == 0
    assert _settled_mails(mailoutbox) == []


def test_a_member_who_switched_the_mail_off_gets_none(help, ge_member, mailoutbox):
    ge_member.notices_off = [NoticeKind.HELP_SETTLED.value]
    ge_member.save(update_fields=["notices_off"])
    _confirmed(help, answerer_confirmed_at=NOW - timedelta(days=15))
    mailoutbox.clear()

    conversations.helps_settled_notify(NOW)

    assert [mail.to[0] for mail in _settled_mails(mailoutbox)] == ["kurt@example.org"]


def test_the_command_sends_the_mails_and_says_how_many(help, mailoutbox, capsys):
    _confirmed(help, owner_confirmed_at=timezone.now() - timedelta(days=15))
    mailoutbox.clear()

    call_command("send_help_confirmations")

    assert "2 mails about settled helps sent." in capsys.readouterr().out
    assert len(_settled_mails(mailoutbox)) == 2
