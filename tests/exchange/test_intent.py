"""Concurrency and intent (issue 15 item 3): state changes lock their row and check the
state inside the transaction, moderators decide on the version they saw, and the owner
cannot overwrite a moderator's decision.

Two admins acting "at once" are shown by interleaving: both open the detail screen
(and so carry the same version), then both post. Row locks are shown by the SQL each
service sends: the row is read FOR UPDATE before it is written.
"""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from exchange import services, versions
from exchange.enums import ListingStatus, MemberStatus
from exchange.models import ExchangeSettings
from moderation import reports
from moderation.models import Report, ReportReason, ReportState

from .factories import MemberFactory

pytestmark = pytest.mark.django_db

CHANGED = "inzwischen schon bearbeitet"


def _seen_version(client, url) -> str:
    """The version the detail screen put into its action forms."""
    response = client.get(url)
    assert response.status_code == 200
    return response.context["version"]


def _messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


@pytest.fixture
def pending_listing(ge_listing):
    ge_listing.status = ListingStatus.PENDING
    ge_listing.published_at = None
    ge_listing.save()
    return ge_listing


@pytest.fixture
def second_admin(gelsenkirchen):
    from tests.factories import UserFactory

    return UserFactory(
        username="kommune-ge-2", groups=[gelsenkirchen.groups["municipality_admins"]]
    )


def _admin_client(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


# Two admins, one listing ---------------------------------------------------------------


def test_second_admin_approving_the_same_listing_gets_a_clear_message(
    client, ge_admin, second_admin, pending_listing
):
    detail = reverse("exchange_listings:detail", args=[pending_listing.pk])
    approve = reverse("exchange_listings:action", args=[pending_listing.pk, "approve"])
    first = _admin_client(type(client), ge_admin)
    second = _admin_client(type(client), second_admin)
    first_version = _seen_version(first, detail)
    second_version = _seen_version(second, detail)

    first.post(approve, {"version": first_version})
    response = second.post(approve, {"version": second_version})

    assert CHANGED in _messages(response)
    assert ModelLogEntry.objects.filter(action="exchange.listing.approve").count() == 1


def test_second_admin_removing_an_approved_listing_changes_nothing(
    client, ge_admin, second_admin, pending_listing
):
    detail = reverse("exchange_listings:detail", args=[pending_listing.pk])
    first = _admin_client(type(client), ge_admin)
    second = _admin_client(type(client), second_admin)
    seen = _seen_version(first, detail)
    assert _seen_version(second, detail) == seen

    first.post(
        reverse("exchange_listings:action", args=[pending_listing.pk, "approve"]),
        {"version": seen},
    )
    second.post(
        reverse("exchange_listings:action", args=[pending_listing.pk, "remove"]),
        {"version": seen, "reason": "Werbung"},
    )

    pending_listing.refresh_from_db()
    assert pending_listing.status == ListingStatus.PUBLISHED
    assert not ModelLogEntry.objects.filter(action="exchange.listing.remove").exists()


def test_second_admin_approving_the_same_member_gets_a_clear_message(
    client, gelsenkirchen, ge_admin, second_admin
):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    detail = reverse("exchange_members:detail", args=[member.pk])
    approve = reverse("exchange_members:action", args=[member.pk, "approve"])
    first = _admin_client(type(client), ge_admin)
    second = _admin_client(type(client), second_admin)
    seen = _seen_version(first, detail)
    assert _seen_version(second, detail) == seen

    first.post(approve, {"version": seen})
    response = second.post(approve, {"version": seen})

    assert "Dieses Mitglied wurde inzwischen schon bearbeitet" in _messages(response)
    assert ModelLogEntry.objects.filter(action="exchange.member.approve").count() == 1


# The version the moderator saw ---------------------------------------------------------


def test_approval_of_text_the_member_changed_since_is_refused(client, ge_admin, pending_listing):
    ExchangeSettings.objects.update_or_create(
        municipality=pending_listing.municipality, defaults={"listing_review_required": True}
    )
    client.force_login(ge_admin)
    detail = reverse("exchange_listings:detail", args=[pending_listing.pk])
    seen = _seen_version(client, detail)
    services.listing_update(
        listing=pending_listing,
        by=pending_listing.member.user,
        data={
            **{field: getattr(pending_listing, field) for field in services.LISTING_FIELDS},
            "title": "Jetzt mit ganz anderem Text",
        },
    )
    pending_listing.refresh_from_db()
    assert pending_listing.status == ListingStatus.PENDING

    response = client.post(
        reverse("exchange_listings:action", args=[pending_listing.pk, "approve"]),
        {"version": seen},
        follow=True,
    )

    pending_listing.refresh_from_db()
    assert pending_listing.status == ListingStatus.PENDING
    assert CHANGED in _messages(response)
    # The moderator is shown the new text to decide on.
    assert "Jetzt mit ganz anderem Text" in response.content.decode()


def test_approval_with_the_current_version_goes_through(client, ge_admin, pending_listing):
    client.force_login(ge_admin)
    seen = _seen_version(client, reverse("exchange_listings:detail", args=[pending_listing.pk]))
    client.post(
        reverse("exchange_listings:action", args=[pending_listing.pk, "approve"]),
        {"version": seen},
    )
    pending_listing.refresh_from_db()
    assert pending_listing.status == ListingStatus.PUBLISHED


def test_moderator_text_correction_of_changed_text_is_refused(client, ge_admin, ge_listing):
    client.force_login(ge_admin)
    seen = _seen_version(client, reverse("exchange_listings:detail", args=[ge_listing.pk]))
    ge_listing.description = "Der Text, den die Moderation noch nicht gesehen hat."
    ge_listing.save()

    client.post(
        reverse("exchange_listings:edit_text", args=[ge_listing.pk]),
        {"version": seen, "title": "Korrigiert", "description": "Korrigierter Text."},
    )

    ge_listing.refresh_from_db()
    assert ge_listing.description == "Der Text, den die Moderation noch nicht gesehen hat."


def test_a_made_up_version_is_refused(ge_admin, pending_listing):
    with pytest.raises(versions.ChangedSinceSeen):
        services.listing_approve(listing=pending_listing, by=ge_admin, seen_version="x")
    pending_listing.refresh_from_db()
    assert pending_listing.status == ListingStatus.PENDING


def test_report_decision_on_an_object_changed_since_is_refused(
    client, gelsenkirchen, ge_admin, ge_listing
):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    reports.report_submit(obj=ge_listing, reporter=reporter.user, reason=ReportReason.SPAM)
    client.force_login(ge_admin)
    seen = _seen_version(
        client, reverse("moderation_reports:detail", args=["listing", ge_listing.pk])
    )
    ge_listing.title = "Neuer Titel nach der Meldung"
    ge_listing.save()

    client.post(
        reverse("moderation_reports:decide", args=["listing", ge_listing.pk]),
        {"version": seen, "decision": "remove", "reason": "Werbung"},
    )

    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.PUBLISHED
    assert Report.objects.get().state == ReportState.OPEN


def test_report_decision_locks_the_reported_object(gelsenkirchen, ge_admin, ge_listing):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    reports.report_submit(obj=ge_listing, reporter=reporter.user, reason=ReportReason.SPAM)
    with CaptureQueriesContext(connection) as queries:
        reports.reports_decide(obj=ge_listing, decision="keep", reason="Harmlos.", by=ge_admin)
    assert any(
        'FROM "exchange_listing"' in query["sql"] and "FOR UPDATE" in query["sql"]
        for query in queries.captured_queries
    )


# Row locks -----------------------------------------------------------------------------


def _locks_before_write(queries, table: str) -> bool:
    sqls = [query["sql"] for query in queries.captured_queries]
    lock = next(
        (i for i, sql in enumerate(sqls) if f'FROM "{table}"' in sql and "FOR UPDATE" in sql),
        None,
    )
    write = next((i for i, sql in enumerate(sqls) if sql.startswith(f'UPDATE "{table}"')), None)
    return lock is not None and write is not None and lock < write


@pytest.mark.parametrize(
    ("status", "call"),
    [
        (
            ListingStatus.PENDING,
            lambda listing, by: services.listing_approve(listing=listing, by=by),
        ),
        (
            ListingStatus.PUBLISHED,
            lambda listing, by: services.listing_remove(listing=listing, by=by, reason="x"),
        ),
        (
            ListingStatus.REMOVED,
            lambda listing, by: services.listing_restore(listing=listing, by=by),
        ),
        (
            ListingStatus.PUBLISHED,
            lambda listing, by: services.listing_send_back(listing=listing, by=by, reason="x"),
        ),
        (
            ListingStatus.PUBLISHED,
            lambda listing, by: services.listing_close(listing=listing, by=by),
        ),
    ],
)
def test_listing_state_change_locks_the_row_before_writing(ge_admin, ge_listing, status, call):
    ge_listing.status = status
    ge_listing.save()
    with CaptureQueriesContext(connection) as queries:
        call(ge_listing, ge_admin)
    assert _locks_before_write(queries, "exchange_listing")


def test_restore_with_a_copy_read_before_another_admin_acted_uses_the_stored_row(
    ge_admin, second_admin, pending_listing
):
    services.listing_remove(listing=pending_listing, by=second_admin, reason="Werbung")
    stale = type(pending_listing).objects.get(pk=pending_listing.pk)  # removed from pending
    services.listing_restore(listing=pending_listing, by=second_admin)
    services.listing_approve(listing=pending_listing, by=second_admin)
    services.listing_remove(listing=pending_listing, by=second_admin, reason="Werbung")

    # The copy still remembers "pending" as the state before the removal; the row says
    # "published", and that is where the listing returns.
    services.listing_restore(listing=stale, by=ge_admin)

    pending_listing.refresh_from_db()
    assert pending_listing.status == ListingStatus.PUBLISHED


# The owner and the moderator's decision ------------------------------------------------


def test_owner_cannot_close_a_listing_an_admin_removed(client, ge_admin, ge_listing):
    services.listing_remove(listing=ge_listing, by=ge_admin, reason="Werbung")
    client.force_login(ge_listing.member.user)

    response = client.post(reverse("exchange:listing_close", args=[ge_listing.pk]), follow=True)

    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.REMOVED
    assert "nicht möglich" in _messages(response)


def test_restore_still_works_after_the_owner_tried_to_close(client, ge_admin, ge_listing):
    services.listing_remove(listing=ge_listing, by=ge_admin, reason="Werbung")
    client.force_login(ge_listing.member.user)
    client.post(reverse("exchange:listing_close", args=[ge_listing.pk]))

    services.listing_restore(listing=ge_listing, by=ge_admin)

    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.PUBLISHED


def test_owner_closing_with_a_copy_read_before_the_removal_is_refused(ge_admin, ge_listing):
    owners_copy = type(ge_listing).objects.get(pk=ge_listing.pk)
    services.listing_remove(listing=ge_listing, by=ge_admin, reason="Werbung")

    with pytest.raises(services.states.TransitionNotAllowed):
        services.listing_close(listing=owners_copy, by=ge_listing.member.user)

    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.REMOVED
    assert ge_listing.status_before_removal == ListingStatus.PUBLISHED


def test_owner_cannot_edit_a_listing_an_admin_removed(client, ge_admin, ge_listing):
    services.listing_remove(listing=ge_listing, by=ge_admin, reason="Werbung")
    client.force_login(ge_listing.member.user)

    response = client.post(
        reverse("exchange:listing_edit", args=[ge_listing.pk]), {"title": "Wieder da"}
    )

    assert response.status_code == 403
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.REMOVED


def test_withdrawing_consent_leaves_a_removed_listing_removed(ge_admin, ge_listing):
    services.listing_remove(listing=ge_listing, by=ge_admin, reason="Werbung")
    services.member_consent_withdraw(member=ge_listing.member)
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.REMOVED
