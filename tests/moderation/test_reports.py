"""Reports (moderation.reports): hide at the threshold, keep, decisions, anonymity, scope."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exchange import selectors, services
from exchange.enums import ListingStatus, MemberStatus
from moderation import reports
from moderation.models import Report, ReportDecision, ReportReason, ReportState
from tests.exchange.factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _reporters(municipality, count: int):
    return [MemberFactory(municipality=municipality) for _ in range(count)]


def _report(listing, members, reason=ReportReason.SPAM):
    for member in members:
        reports.report_submit(obj=listing, reporter=member.user, reason=reason)


def _visible(listing) -> bool:
    return selectors.public_listings().filter(pk=listing.pk).exists()


def _decide_url(listing):
    return reverse("moderation_reports:decide", args=["listing", listing.pk])


# Hiding at the threshold -------------------------------------------------------------


def test_two_reporters_do_not_hide_a_listing_at_the_default_threshold(gelsenkirchen, ge_listing):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 2))
    assert _visible(ge_listing)


def test_three_reporters_hide_a_listing_at_the_default_threshold(gelsenkirchen, ge_listing):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    assert not _visible(ge_listing)


def test_two_reporters_hide_a_listing_where_the_threshold_is_two(
    settings, gelsenkirchen, ge_listing
):
    settings.MODERATION_REPORT_HIDE_THRESHOLD = 2
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 2))
    assert not _visible(ge_listing)


def test_hidden_listing_is_gone_from_the_site_and_the_api(client, gelsenkirchen, ge_listing):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    assert client.get(reverse("exchange:listing_detail", args=[ge_listing.pk])).status_code == 404
    api = client.get("/api/v1/listings/").json()
    assert ge_listing.pk not in [item["id"] for item in api["results"]]


def test_same_member_reports_an_object_only_once(gelsenkirchen, ge_listing):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    _report(ge_listing, [reporter])
    with pytest.raises(ValidationError):
        _report(ge_listing, [reporter])
    assert Report.objects.count() == 1


def test_owner_cannot_report_their_own_listing(ge_listing):
    with pytest.raises(ValidationError):
        reports.report_submit(obj=ge_listing, reporter=ge_listing.member.user, reason="spam")
    assert not Report.objects.exists()


# Keep ------------------------------------------------------------------------------------


def test_keep_makes_a_hidden_listing_visible_again(gelsenkirchen, ge_listing, ge_admin):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    reports.reports_decide(obj=ge_listing, decision="keep", reason="Harmlos.", by=ge_admin)
    assert _visible(ge_listing)


def test_more_reports_after_keep_do_not_hide_the_listing(gelsenkirchen, ge_listing, ge_admin):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    reports.reports_decide(obj=ge_listing, decision="keep", reason="Harmlos.", by=ge_admin)
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    assert _visible(ge_listing)


def test_editing_after_keep_lets_new_reports_hide_the_listing_again(
    gelsenkirchen, ge_listing, ge_admin
):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    reports.reports_decide(obj=ge_listing, decision="keep", reason="Harmlos.", by=ge_admin)
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    data = {field: getattr(ge_listing, field) for field in services.LISTING_FIELDS}
    data["description"] = "Jetzt mit einem ganz anderen Text als vorher, bitte lesen."
    services.listing_update(listing=ge_listing, by=ge_listing.member.user, data=data)
    assert not _visible(ge_listing)


# Decisions ---------------------------------------------------------------------------------


def test_remove_decision_removes_the_listing_and_mails_the_reason(
    gelsenkirchen, ge_listing, ge_admin
):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 1))
    reports.reports_decide(obj=ge_listing, decision="remove", reason="Werbung.", by=ge_admin)
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.REMOVED
    owner_mails = [m for m in mail.outbox if m.to == [ge_listing.member.user.email]]
    assert "Werbung." in owner_mails[-1].body
    assert ModelLogEntry.objects.filter(action="moderation.report.remove").exists()


def test_decision_closes_every_open_report(gelsenkirchen, ge_listing, ge_admin):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 2))
    reports.reports_decide(obj=ge_listing, decision="warn", reason="Bitte freundlich.", by=ge_admin)
    assert set(Report.objects.values_list("state", "decision")) == {
        (ReportState.DECIDED, ReportDecision.WARN)
    }


def test_block_decision_blocks_the_owner(gelsenkirchen, ge_listing, ge_admin):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 1))
    reports.reports_decide(obj=ge_listing, decision="block", reason="Betrug.", by=ge_admin)
    ge_listing.member.refresh_from_db()
    assert ge_listing.member.status == MemberStatus.BLOCKED


def test_decision_needs_a_reason(gelsenkirchen, ge_listing, ge_admin):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 1))
    with pytest.raises(ValidationError):
        reports.reports_decide(obj=ge_listing, decision="remove", reason=" ", by=ge_admin)
    assert Report.objects.get().state == ReportState.OPEN


def test_member_can_be_reported_and_warned(gelsenkirchen, ge_member, ge_admin):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    reports.report_submit(obj=ge_member, reporter=reporter.user, reason="offensive")
    reports.reports_decide(obj=ge_member, decision="warn", reason="Ton.", by=ge_admin)
    assert any(m.to == [ge_member.user.email] and "Ton." in m.body for m in mail.outbox)


# Anonymity -----------------------------------------------------------------------------------


def test_reported_member_never_learns_who_reported(gelsenkirchen, ge_listing, ge_admin, client):
    reporter = MemberFactory(
        municipality=gelsenkirchen.municipality,
        display_name="Meldende Margot",
        user__email="margot@example.org",
    )
    reports.report_submit(obj=ge_listing, reporter=reporter.user, reason="spam", details="x")
    reports.reports_decide(obj=ge_listing, decision="warn", reason="Bitte nicht.", by=ge_admin)
    owner = ge_listing.member.user
    owner_mails = [m for m in mail.outbox if m.to == [owner.email]]
    assert owner_mails
    for message in owner_mails:
        assert "Margot" not in message.body and "margot@" not in message.body
    client.force_login(owner)
    for url in (reverse("exchange:my_listings"), reverse("exchange:account_export")):
        page = client.get(url).content.decode()
        assert "Margot" not in page and "margot@" not in page


def test_moderator_sees_who_reported(client, gelsenkirchen, ge_listing, ge_admin):
    reporter = MemberFactory(
        municipality=gelsenkirchen.municipality, user__username="margot@example.org"
    )
    reports.report_submit(obj=ge_listing, reporter=reporter.user, reason="spam")
    client.force_login(ge_admin)
    url = reverse("moderation_reports:detail", args=["listing", ge_listing.pk])
    assert "margot@example.org" in client.get(url).content.decode()


# The queue ------------------------------------------------------------------------------------


def test_queue_lists_oldest_first_and_only_own_municipality(
    client, gelsenkirchen, ge_admin, delbrueck_listing
):
    older = ListingFactory(municipality=gelsenkirchen.municipality, title="Zuerst gemeldet")
    newer = ListingFactory(municipality=gelsenkirchen.municipality, title="Später gemeldet")
    _report(older, _reporters(gelsenkirchen.municipality, 1))
    _report(newer, _reporters(gelsenkirchen.municipality, 1))
    _report(delbrueck_listing, _reporters(delbrueck_listing.municipality, 1))
    client.force_login(ge_admin)
    page = client.get(reverse("moderation_reports:index")).content.decode()
    assert page.index("Zuerst gemeldet") < page.index("Später gemeldet")
    assert delbrueck_listing.title not in page


def test_queue_query_count_does_not_grow_with_reports(
    client, gelsenkirchen, ge_admin, django_assert_max_num_queries
):
    client.force_login(ge_admin)
    for _ in range(2):
        _report(
            ListingFactory(municipality=gelsenkirchen.municipality),
            _reporters(gelsenkirchen.municipality, 1),
        )
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("moderation_reports:index"))
    for _ in range(5):
        _report(
            ListingFactory(municipality=gelsenkirchen.municipality),
            _reporters(gelsenkirchen.municipality, 2),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("moderation_reports:index"))


def test_admin_of_another_municipality_gets_404_for_a_report(
    client, delbrueck_admin, ge_listing, gelsenkirchen
):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 1))
    client.force_login(delbrueck_admin)
    assert (
        client.get(
            reverse("moderation_reports:detail", args=["listing", ge_listing.pk])
        ).status_code
        == 404
    )
    response = client.post(_decide_url(ge_listing), {"decision": "remove", "reason": "x"})
    assert response.status_code == 404
    assert Report.objects.get().state == ReportState.OPEN


def test_unknown_kind_is_404(client, ge_admin):
    client.force_login(ge_admin)
    url = reverse("moderation_reports:detail", args=["article", 1])
    assert client.get(url).status_code == 404


def test_moderator_decides_through_the_admin(client, gelsenkirchen, ge_listing, ge_admin):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    client.force_login(ge_admin)
    client.post(_decide_url(ge_listing), {"decision": "keep", "reason": "Alles in Ordnung."})
    assert _visible(ge_listing)


def test_bad_decision_changes_nothing(client, gelsenkirchen, ge_listing, ge_admin):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 1))
    client.force_login(ge_admin)
    response = client.post(_decide_url(ge_listing), {"decision": "explode", "reason": "x"})
    assert response.status_code == 302
    assert Report.objects.get().state == ReportState.OPEN


# From the public site -----------------------------------------------------------------------


def test_member_reports_a_listing_from_the_public_page(client, gelsenkirchen, ge_listing):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(reporter.user)
    url = reverse("exchange:report_listing", args=[ge_listing.pk])
    response = client.post(url, {"reason": "spam", "details": ""})
    assert response.status_code == 302
    assert Report.objects.get().reporter == reporter.user


def test_other_reason_needs_a_few_words(client, gelsenkirchen, ge_listing):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(reporter.user)
    url = reverse("exchange:report_listing", args=[ge_listing.pk])
    response = client.post(url, {"reason": "other", "details": ""})
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_pending_member_cannot_report(client, gelsenkirchen, ge_listing):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    client.force_login(reporter.user)
    url = reverse("exchange:report_listing", args=[ge_listing.pk])
    assert client.post(url, {"reason": "spam"}).status_code == 403
    assert not Report.objects.exists()


def test_member_reports_a_member(client, gelsenkirchen, ge_member):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(reporter.user)
    client.post(reverse("exchange:report_member", args=[ge_member.pk]), {"reason": "offensive"})
    assert Report.objects.get().object_id == ge_member.pk


# Data rights ---------------------------------------------------------------------------------


def test_reports_made_are_in_the_data_export(client, gelsenkirchen, ge_listing):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    reports.report_submit(obj=ge_listing, reporter=reporter.user, reason="spam", details="Werbung")
    client.force_login(reporter.user)
    export = client.get(reverse("exchange:account_export")).json()
    assert export["reports_made"][0]["details"] == "Werbung"


def test_account_erasure_deletes_the_reports_made(gelsenkirchen, ge_listing):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    reports.report_submit(obj=ge_listing, reporter=reporter.user, reason="spam", details="x")
    services.account_erase(user=reporter.user)
    assert not Report.objects.exists()


def test_erasing_the_reported_member_deletes_reports_about_them(gelsenkirchen, ge_listing):
    reporter = MemberFactory(municipality=gelsenkirchen.municipality)
    reports.report_submit(obj=ge_listing, reporter=reporter.user, reason="spam")
    reports.report_submit(obj=ge_listing.member, reporter=reporter.user, reason="spam")
    services.account_erase(user=ge_listing.member.user)
    assert not Report.objects.exists()


def test_listing_hidden_by_reports_is_a_tombstone_in_the_api_sync(
    client, gelsenkirchen, ge_listing
):
    since = timezone.now()
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    answer = client.get("/api/v1/listings/", {"updated_since": since.isoformat()}).json()
    assert [tombstone["id"] for tombstone in answer["tombstones"]] == [ge_listing.pk]


def test_listing_shown_again_after_keep_comes_back_in_the_api_sync(
    client, gelsenkirchen, ge_listing, ge_admin
):
    _report(ge_listing, _reporters(gelsenkirchen.municipality, 3))
    since = timezone.now()
    reports.reports_decide(obj=ge_listing, decision="keep", reason="Harmlos.", by=ge_admin)
    answer = client.get("/api/v1/listings/", {"updated_since": since.isoformat()}).json()
    assert ge_listing.pk in [item["id"] for item in answer["results"]]


def test_report_form_is_refused_for_ones_own_listing(client, ge_listing):
    client.force_login(ge_listing.member.user)
    url = reverse("exchange:report_listing", args=[ge_listing.pk])
    assert client.get(url).status_code == 403
