"""The municipality admin's figures: exact numbers, scoping, panel, report and export."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from exchange import dashboard
from exchange.enums import ListingStatus, MemberStatus
from exchange.models import Listing, Member
from tests.media import role_user

from .factories import CategoryFactory, ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
REPORT_URL = reverse("exchange_dashboard:index")
HOME_URL = reverse("wagtailadmin_home")


def _berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


@pytest.fixture
def known(gelsenkirchen):
    """A known data set in Gelsenkirchen.

    Public: Einkaufen 2 in Schalke and 1 in Hüllen, Garten 1 in Schalke; Fahrdienst none.
    Not public: one pending, one expired, one of a blocked member, one draft.
    """
    municipality = gelsenkirchen.municipality
    schalke = municipality.districts.get(slug="schalke")
    huellen = municipality.districts.get(slug="huellen")
    shopping = CategoryFactory(municipality=municipality, name="Einkaufen")
    garden = CategoryFactory(municipality=municipality, name="Garten")
    CategoryFactory(municipality=municipality, name="Fahrdienst")

    def listing(category, district, **kwargs):
        return ListingFactory(
            municipality=municipality, category=category, district=district, **kwargs
        )

    listing(shopping, schalke)
    listing(shopping, schalke)
    listing(shopping, huellen)
    listing(garden, schalke)
    listing(shopping, schalke, status=ListingStatus.PENDING, title="Wartet: Rasen mähen")
    listing(shopping, schalke, valid_until=timezone.localdate() - datetime.timedelta(days=1))
    listing(shopping, schalke, member__status=MemberStatus.BLOCKED)
    listing(garden, huellen, status=ListingStatus.DRAFT)
    return municipality


def test_listings_by_category_counts_public_listings_of_each_category(known):
    rows = dashboard.listings_by_category(known, today=timezone.localdate())
    assert [(row.label, row.value) for row in rows] == [
        ("Einkaufen", 3),
        ("Fahrdienst", 0),
        ("Garten", 1),
    ]


def test_listings_by_district_counts_public_listings_of_each_district(known):
    rows = dashboard.listings_by_district(known, today=timezone.localdate())
    assert [(row.label, row.value) for row in rows] == [("Hüllen", 1), ("Schalke", 3)]


def test_pending_counts_members_with_confirmed_address_and_listings_in_review(known):
    MemberFactory(municipality=known, status=MemberStatus.PENDING)
    MemberFactory(municipality=known, status=MemberStatus.PENDING, email_confirmed_at=None)
    rows = dashboard.pending_counts(known, today=timezone.localdate())
    assert [row.value for row in rows] == [1, 1]


def test_new_members_per_month_counts_the_last_twelve_months_in_berlin_time(gelsenkirchen):
    municipality = gelsenkirchen.municipality
    created = [
        _berlin(2025, 6, 30, 23, 0),  # before the twelve months
        _berlin(2025, 7, 1, 0, 30),  # first month (still June 30th in UTC)
        _berlin(2026, 3, 14, 12, 0),
        _berlin(2026, 3, 20, 12, 0),
        _berlin(2026, 6, 30, 23, 30),  # last month
        _berlin(2026, 7, 1, 0, 30),  # after today's month
    ]
    for moment in created:
        member = MemberFactory(municipality=municipality)
        Member.objects.filter(pk=member.pk).update(created_at=moment)
    rows = dashboard.new_members_per_month(municipality, today=datetime.date(2026, 6, 15))
    assert len(rows) == 12
    assert (rows[0].label, rows[-1].label) == ("Juli 2025", "Juni 2026")
    assert [row.value for row in rows] == [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1]


def test_new_listings_per_month_leaves_out_drafts(gelsenkirchen):
    municipality = gelsenkirchen.municipality
    for status in (ListingStatus.PUBLISHED, ListingStatus.PENDING, ListingStatus.DRAFT):
        listing = ListingFactory(municipality=municipality, status=status)
        Listing.objects.filter(pk=listing.pk).update(created_at=_berlin(2026, 5, 2, 10, 0))
    rows = dashboard.new_listings_per_month(municipality, today=datetime.date(2026, 6, 15))
    assert [row.value for row in rows][-2:] == [2, 0]


def test_pending_approvals_are_listed_oldest_first_with_their_waiting_start(gelsenkirchen):
    municipality = gelsenkirchen.municipality
    newer_member = MemberFactory(municipality=municipality, status=MemberStatus.PENDING)
    Member.objects.filter(pk=newer_member.pk).update(email_confirmed_at=_berlin(2026, 5, 3, 9))
    oldest_member = MemberFactory(municipality=municipality, status=MemberStatus.PENDING)
    Member.objects.filter(pk=oldest_member.pk).update(email_confirmed_at=_berlin(2026, 5, 1, 9))
    listing = ListingFactory(municipality=municipality, status=ListingStatus.PENDING)
    Listing.objects.filter(pk=listing.pk).update(updated_at=_berlin(2026, 5, 2, 9))
    queue = dashboard.pending_approvals(municipality)
    assert [(item.kind, item.pk) for item in queue] == [
        ("member", oldest_member.pk),
        ("listing", listing.pk),
        ("member", newer_member.pk),
    ]
    assert queue[0].waited(_berlin(2026, 5, 4, 9)) == datetime.timedelta(days=3)


def test_figures_leave_out_another_municipality(known, delbrueck):
    ListingFactory(municipality=delbrueck.municipality, status=ListingStatus.PENDING)
    MemberFactory(municipality=delbrueck.municipality, status=MemberStatus.PENDING)
    pending = dashboard.pending_counts(known, today=timezone.localdate())
    assert [row.value for row in pending] == [0, 1]
    assert [item.title for item in dashboard.pending_approvals(known)] == ["Wartet: Rasen mähen"]


# -- panel and report --------------------------------------------------------------------


def test_dashboard_panel_shows_pending_items_linked_to_their_review(client, known, gelsenkirchen):
    pending = Listing.objects.get(status=ListingStatus.PENDING)
    client.force_login(role_user(gelsenkirchen, "municipality_admin"))
    content = client.get(HOME_URL).content.decode()
    assert reverse("exchange_listings:detail", args=[pending.pk]) in content
    assert "Wartet: Rasen mähen" in content
    assert 'role="img"' in content
    assert "Sichtbare Einträge nach Kategorie" in content


def test_dashboard_panel_of_another_municipality_shows_only_theirs(client, known, delbrueck):
    foreign = ListingFactory(
        municipality=delbrueck.municipality, status=ListingStatus.PENDING, title="Ostenland wartet"
    )
    client.force_login(role_user(delbrueck, "municipality_admin"))
    content = client.get(HOME_URL).content.decode()
    assert "Ostenland wartet" in content
    assert reverse("exchange_listings:detail", args=[foreign.pk]) in content
    assert "Wartet: Rasen mähen" not in content
    assert "Einkaufen" not in content


@pytest.mark.parametrize("role", ["editorial_team", "provider", "district_editor", "proxy_helper"])
def test_other_roles_see_no_exchange_panel_and_no_report(client, known, gelsenkirchen, role):
    client.force_login(role_user(gelsenkirchen, role))
    content = client.get(HOME_URL).content.decode()
    assert "exchange-dashboard-heading" not in content
    assert "Wartet: Rasen mähen" not in content
    response = client.get(REPORT_URL)
    assert response.status_code in (302, 403)  # Wagtail sends a refused admin user home
    assert "Wartet: Rasen mähen" not in response.content.decode()


def test_report_of_another_municipality_is_404(client, gelsenkirchen, delbrueck):
    client.force_login(role_user(gelsenkirchen, "municipality_admin"))
    response = client.get(REPORT_URL, {"kommune": delbrueck.municipality.pk})
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["abc", "-1", "999999", "1.5", "%00"])
def test_report_refuses_a_bad_municipality_parameter_with_404(client, gelsenkirchen, value):
    client.force_login(role_user(gelsenkirchen, "municipality_admin"))
    assert client.get(REPORT_URL, {"kommune": value}).status_code == 404


def test_platform_admin_chooses_the_municipality_of_the_report(client, superuser, known, delbrueck):
    ListingFactory(
        municipality=delbrueck.municipality, status=ListingStatus.PENDING, title="Ostenland wartet"
    )
    client.force_login(superuser)
    content = client.get(REPORT_URL, {"kommune": delbrueck.municipality.pk}).content.decode()
    assert "Ostenland wartet" in content
    assert "Wartet: Rasen mähen" not in content
    assert f'<option value="{known.pk}"' in content


def _csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_has_one_row_per_line_of_every_figure(client, known, gelsenkirchen):
    client.force_login(role_user(gelsenkirchen, "municipality_admin"))
    response = client.get(REPORT_URL, {"export": "csv"})
    assert response.status_code == 200
    rows = _csv_rows(response)
    assert rows[0] == ["Kennzahl", "Bezeichnung", "Anzahl"]
    assert ["Sichtbare Einträge nach Kategorie", "Einkaufen", "3"] in rows
    assert ["Sichtbare Einträge nach Quartier", "Schalke", "3"] in rows
    assert ["Warten auf Freigabe", "Einträge warten auf Freigabe", "1"] in rows
    months = [row for row in rows if row[0] == "Neue Mitglieder pro Monat"]
    assert len(months) == 12
    # Header; pending, categories, districts, members and listings per month; open
    # reports; conversations, matches, confirmed helps and hours per month; feedback.
    assert len(rows) == 1 + 2 + 3 + 2 + 12 + 12 + 3 + 4 * 12 + 6


def test_xlsx_export_opens_with_openpyxl(client, known, gelsenkirchen):
    client.force_login(role_user(gelsenkirchen, "municipality_admin"))
    response = client.get(REPORT_URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert 'filename="nachbarschaftshilfe-gelsenkirchen-' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == ("Kennzahl", "Bezeichnung", "Anzahl")
    assert ("Sichtbare Einträge nach Kategorie", "Einkaufen", 3) in rows


def test_export_of_another_municipality_is_404(client, gelsenkirchen, delbrueck):
    client.force_login(role_user(gelsenkirchen, "municipality_admin"))
    for export in ("csv", "xlsx"):
        response = client.get(REPORT_URL, {"export": export, "kommune": delbrueck.municipality.pk})
        assert response.status_code == 404


def _grow(municipality):
    """More of everything the figures count: categories, listings, pending members."""
    for number in range(4):
        category = CategoryFactory(municipality=municipality, name=f"Mehr {number}")
        ListingFactory(municipality=municipality, category=category)
        ListingFactory(municipality=municipality, status=ListingStatus.PENDING)
        MemberFactory(municipality=municipality, status=MemberStatus.PENDING)


def test_report_query_count_does_not_grow_with_the_data(
    client, known, gelsenkirchen, django_assert_max_num_queries
):
    client.force_login(role_user(gelsenkirchen, "municipality_admin"))
    client.get(REPORT_URL)
    with django_assert_max_num_queries(REPORT_QUERIES):
        client.get(REPORT_URL)
    _grow(known)
    with django_assert_max_num_queries(REPORT_QUERIES):
        assert client.get(REPORT_URL).status_code == 200


def test_dashboard_panel_query_count_does_not_grow_with_the_data(
    client, known, gelsenkirchen, django_assert_max_num_queries
):
    client.force_login(role_user(gelsenkirchen, "municipality_admin"))
    client.get(HOME_URL)
    with django_assert_max_num_queries(HOME_QUERIES):
        client.get(HOME_URL)
    _grow(known)
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get(HOME_URL).status_code == 200


# Session, user, role checks and Wagtail's admin frame, plus the figures: two counts,
# one query for each other figure (exchange/dashboard.py) and one for the pending queue.
REPORT_QUERIES = 40
# Wagtail's start page with its other panels, plus the same figures as the report.
HOME_QUERIES = 51


# Figures of conversations, helps, feedback and reports ---------------------------------


@pytest.fixture
def helped(gelsenkirchen):
    """In Gelsenkirchen this month: three conversations; two agreed helps, one confirmed
    by both sides with 2.5 hours and a 4-star feedback with a safety concern, one
    confirmed by one side only yesterday (still open to objection); one open report of a
    listing and one decided."""
    from django.contrib.contenttypes.models import ContentType

    from exchange.models import Conversation, Feedback, Help
    from moderation.models import Report, ReportState

    municipality = gelsenkirchen.municipality
    now = timezone.now()
    owner = MemberFactory(municipality=municipality)
    listings = [ListingFactory(municipality=municipality, member=owner) for _ in range(3)]
    answerers = [MemberFactory(municipality=municipality) for _ in range(3)]
    for listing, answerer in zip(listings, answerers, strict=True):
        Conversation.objects.create(
            municipality=municipality, listing=listing, answerer=answerer, owner=owner
        )
    common = {"municipality": municipality, "owner": owner, "category_name": "Einkaufen"}
    done = Help.objects.create(
        **common,
        listing_type="time_donation",
        answerer=answerers[0],
        agreed_at=now,
        owner_confirmed_at=now,
        answerer_confirmed_at=now,
        hours="2.50",
    )
    Help.objects.create(
        **common,
        listing_type="neighbourly_help",
        answerer=answerers[1],
        agreed_at=now,
        owner_confirmed_at=now - datetime.timedelta(days=1),
    )
    Feedback.objects.create(help=done, side="owner", rating=4, safety_concern=True)
    listing_type = ContentType.objects.get_for_model(Listing)
    for state, reporter in ((ReportState.OPEN, answerers[0]), (ReportState.DECIDED, answerers[1])):
        Report.objects.create(
            municipality=municipality,
            content_type=listing_type,
            object_id=listings[2].pk,
            reporter=reporter.user,
            reason="other",
            state=state,
        )
    return municipality


def _this_month(rows) -> int:
    return rows[-1].value


def test_conversations_matches_confirmed_helps_and_hours_per_month(helped):
    today = timezone.localdate()
    assert _this_month(dashboard.conversations_per_month(helped, today=today)) == 3
    assert _this_month(dashboard.matches_per_month(helped, today=today)) == 2
    assert _this_month(dashboard.confirmed_helps_per_month(helped, today=today)) == 1
    assert _this_month(dashboard.hours_per_month(helped, today=today)) == 2
    assert sum(row.value for row in dashboard.matches_per_month(helped, today=today)[:-1]) == 0


def test_feedback_summary_counts_ratings_and_safety_concerns(helped):
    rows = dashboard.feedback_summary(helped, today=timezone.localdate())
    assert [(row.label, row.value) for row in rows] == [
        ("5 von 5", 0),
        ("4 von 5", 1),
        ("3 von 5", 0),
        ("2 von 5", 0),
        ("1 von 5", 0),
        ("Mit Sicherheitsbedenken", 1),
    ]


def test_open_reports_count_only_undecided_reports_per_kind(helped):
    rows = dashboard.open_reports(helped, today=timezone.localdate())
    assert [(row.label, row.value) for row in rows] == [
        ("Einträge", 1),
        ("Mitglieder", 0),
        ("Nachrichten", 0),
    ]


def test_help_figures_leave_out_another_municipality(helped, delbrueck):
    today = timezone.localdate()
    other = delbrueck.municipality
    assert _this_month(dashboard.conversations_per_month(other, today=today)) == 0
    assert _this_month(dashboard.matches_per_month(other, today=today)) == 0
    assert all(row.value == 0 for row in dashboard.feedback_summary(other, today=today))
