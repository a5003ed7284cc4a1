"""The admins' daily summary and the members' weekly digest: scoped, idempotent, public."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exchange.enums import ListingStatus, MemberStatus
from tests.clock import pin_now

from .factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _run(command: str) -> list:
    mail.outbox.clear()
    call_command(command, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return list(mail.outbox)


# Daily summary -------------------------------------------------------------------------


@pytest.fixture
def ge_waiting(gelsenkirchen):
    """Two members and one listing of Gelsenkirchen waiting for approval."""
    municipality = gelsenkirchen.municipality
    for _ in range(2):
        MemberFactory(municipality=municipality, status=MemberStatus.PENDING)
    ListingFactory(municipality=municipality, status=ListingStatus.PENDING)


def test_summary_tells_the_admins_what_waits(ge_waiting, ge_admin):
    (message,) = _run("send_exchange_summaries")
    assert message.to == [ge_admin.email]
    assert "Anmeldungen zur Prüfung: 2" in message.body
    assert "Einträge zur Prüfung: 1" in message.body


def test_summary_is_sent_once_a_day(ge_waiting, ge_admin):
    _run("send_exchange_summaries")
    assert _run("send_exchange_summaries") == []


def test_summary_is_sent_again_the_next_day(ge_waiting, ge_admin, monkeypatch):
    _run("send_exchange_summaries")
    pin_now(monkeypatch, timezone.now() + timedelta(days=1))
    assert len(_run("send_exchange_summaries")) == 1


def test_summary_goes_only_to_the_admins_of_that_municipality(
    ge_waiting, ge_admin, delbrueck_admin
):
    recipients = [message.to for message in _run("send_exchange_summaries")]
    assert recipients == [[ge_admin.email]]


def test_summary_counts_no_unconfirmed_registrations(gelsenkirchen, ge_admin):
    MemberFactory(
        municipality=gelsenkirchen.municipality,
        status=MemberStatus.PENDING,
        email_confirmed_at=None,
    )
    assert _run("send_exchange_summaries") == []


def test_summary_names_no_member(ge_waiting, ge_admin, gelsenkirchen):
    (message,) = _run("send_exchange_summaries")
    for member in gelsenkirchen.municipality.exchange_members.all():
        assert member.display_name not in message.body
        assert member.user.email not in message.body


# Weekly digest -------------------------------------------------------------------------


@pytest.fixture
def subscriber(gelsenkirchen):
    return MemberFactory(
        municipality=gelsenkirchen.municipality,
        weekly_digest=True,
        user__email="abo@example.org",
    )


def test_digest_lists_new_listings_of_the_members_district(subscriber, gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality, district=subscriber.district)
    (message,) = _run("send_exchange_digests")
    assert message.to == ["abo@example.org"]
    assert listing.title in message.body
    assert f"/eintrag/{listing.pk}/" in message.body


def test_digest_is_sent_once_a_week(subscriber, gelsenkirchen):
    ListingFactory(municipality=gelsenkirchen.municipality, district=subscriber.district)
    _run("send_exchange_digests")
    assert _run("send_exchange_digests") == []


def test_digest_goes_only_to_members_who_asked_for_it(subscriber, gelsenkirchen):
    MemberFactory(municipality=gelsenkirchen.municipality, user__email="ohne@example.org")
    ListingFactory(municipality=gelsenkirchen.municipality, district=subscriber.district)
    assert [message.to for message in _run("send_exchange_digests")] == [["abo@example.org"]]


def test_digest_leaves_out_listings_of_other_districts(subscriber, gelsenkirchen):
    other = gelsenkirchen.municipality.districts.exclude(pk=subscriber.district_id).first()
    ListingFactory(municipality=gelsenkirchen.municipality, district=other, title="Anderswo 1")
    assert _run("send_exchange_digests") == []


def test_digest_leaves_out_listings_nobody_may_see(subscriber, gelsenkirchen):
    municipality = gelsenkirchen.municipality
    ListingFactory(
        municipality=municipality,
        district=subscriber.district,
        status=ListingStatus.PENDING,
        title="Noch nicht geprüft",
    )
    ListingFactory(
        municipality=municipality,
        district=subscriber.district,
        member__status=MemberStatus.BLOCKED,
        title="Von einem gesperrten Mitglied",
    )
    assert _run("send_exchange_digests") == []


def test_digest_leaves_out_listings_older_than_a_week(subscriber, gelsenkirchen):
    ListingFactory(
        municipality=gelsenkirchen.municipality,
        district=subscriber.district,
        published_at=timezone.now() - timedelta(days=8),
    )
    assert _run("send_exchange_digests") == []


def test_digest_names_no_owner(subscriber, gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality, district=subscriber.district)
    (message,) = _run("send_exchange_digests")
    assert listing.member.display_name not in message.body
    assert listing.member.user.email not in message.body


def test_digest_reads_the_listings_once_for_all_subscribers_of_a_district(
    subscriber, gelsenkirchen
):
    ListingFactory(municipality=gelsenkirchen.municipality, district=subscriber.district)
    for _ in range(5):
        MemberFactory(
            municipality=gelsenkirchen.municipality,
            district=subscriber.district,
            weekly_digest=True,
        )
    with CaptureQueriesContext(connection) as queries:
        assert len(_run("send_exchange_digests")) == 6
    listing_reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "exchange_listing"')
    ]
    assert len(listing_reads) == 1


def test_digest_leaves_out_listings_of_a_member_blocked_either_way(subscriber, gelsenkirchen):
    from exchange.models import MemberBlock

    municipality = gelsenkirchen.municipality
    MemberFactory(
        municipality=municipality,
        district=subscriber.district,
        weekly_digest=True,
        user__email="zweites-abo@example.org",
    )
    blocked = ListingFactory(municipality=municipality, district=subscriber.district, title="A1")
    blocking = ListingFactory(municipality=municipality, district=subscriber.district, title="B2")
    MemberBlock.objects.create(blocker=subscriber, blocked=blocked.member)
    MemberBlock.objects.create(blocker=blocking.member, blocked=subscriber)
    mails = {message.to[0]: message.body for message in _run("send_exchange_digests")}
    assert "abo@example.org" not in mails  # both listings are hidden from the subscriber
    assert "A1" in mails["zweites-abo@example.org"]
    assert "B2" in mails["zweites-abo@example.org"]
