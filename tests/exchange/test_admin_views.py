"""The exchange's admin screens: scoped to the admin's own municipality, audited."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from wagtail.models import ModelLogEntry

from exchange.enums import ListingStatus, MemberStatus
from exchange.models import Category, Listing, Member, ProxyClient
from exchange.selectors import public_listings

from .factories import CategoryFactory, ListingFactory, MemberFactory, ProxyClientFactory

pytestmark = pytest.mark.django_db


def _snapshot():
    """What a forbidden request must not change."""
    return (
        list(Member.objects.order_by("pk").values_list("pk", "status")),
        list(Listing.objects.order_by("pk").values_list("pk", "status", "title")),
        list(Category.objects.order_by("pk").values_list("pk", "name")),
        ModelLogEntry.objects.count(),
    )


def _foreign_admin_urls(listing, category):
    member = listing.member
    return [
        ("get", reverse("exchange_members:detail", args=[member.pk]), {}),
        ("post", reverse("exchange_members:action", args=[member.pk, "approve"]), {}),
        ("post", reverse("exchange_members:action", args=[member.pk, "reject"]), {"reason": "x"}),
        ("post", reverse("exchange_members:action", args=[member.pk, "block"]), {"reason": "x"}),
        ("post", reverse("exchange_members:action", args=[member.pk, "unblock"]), {}),
        ("get", reverse("exchange_listings:detail", args=[listing.pk]), {}),
        ("post", reverse("exchange_listings:action", args=[listing.pk, "approve"]), {}),
        ("post", reverse("exchange_listings:action", args=[listing.pk, "remove"]), {"reason": "x"}),
        ("post", reverse("exchange_listings:action", args=[listing.pk, "restore"]), {}),
        ("get", reverse("exchange_categories:edit", args=[category.pk]), {}),
        ("post", reverse("exchange_categories:edit", args=[category.pk]), {"name": "Neu"}),
        ("get", reverse("exchange_categories:delete", args=[category.pk]), {}),
        ("post", reverse("exchange_categories:delete", args=[category.pk]), {}),
    ]


def test_admin_of_one_municipality_gets_404_for_every_id_of_another(
    client, ge_admin, delbrueck_listing
):
    delbrueck_listing.status = ListingStatus.PENDING
    delbrueck_listing.save()
    empty_category = CategoryFactory(municipality=delbrueck_listing.municipality)
    client.force_login(ge_admin)
    before = _snapshot()
    for method, url, data in _foreign_admin_urls(delbrueck_listing, empty_category):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
    assert _snapshot() == before


def test_admin_lists_show_nothing_of_another_municipality(
    client, ge_admin, ge_listing, delbrueck_listing
):
    client.force_login(ge_admin)
    members = client.get(reverse("exchange_members:index"), {"status": "all"}).content.decode()
    listings = client.get(reverse("exchange_listings:index"), {"status": "all"}).content.decode()
    categories = client.get(reverse("exchange_categories:index")).content.decode()
    assert ge_listing.member.display_name in members
    assert delbrueck_listing.member.display_name not in members
    assert ge_listing.title in listings
    assert delbrueck_listing.title not in listings
    assert delbrueck_listing.category.name not in categories


def test_admin_cannot_create_a_category_for_another_municipality(client, ge_admin, delbrueck):
    client.force_login(ge_admin)
    response = client.post(
        reverse("exchange_categories:add"),
        {"municipality": delbrueck.municipality.pk, "name": "Fremd"},
    )
    assert response.status_code == 200
    assert not Category.objects.filter(name="Fremd").exists()


def test_admin_creates_a_category_in_own_municipality(client, ge_admin, gelsenkirchen):
    client.force_login(ge_admin)
    response = client.post(
        reverse("exchange_categories:add"),
        {"municipality": gelsenkirchen.municipality.pk, "name": "Gartenhilfe", "for_minors": "on"},
    )
    assert response.status_code == 302
    category = Category.objects.get(name="Gartenhilfe")
    assert category.for_minors
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(category.pk))


def test_admin_approves_a_member_and_the_approval_is_logged(client, ge_admin, gelsenkirchen):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    client.force_login(ge_admin)
    client.post(reverse("exchange_members:action", args=[member.pk, "approve"]))
    member.refresh_from_db()
    assert member.status == MemberStatus.APPROVED
    entry = ModelLogEntry.objects.get(action="exchange.member.approve")
    assert entry.user == ge_admin
    assert entry.object_id == str(member.pk)


def test_approval_queue_lists_pending_members_with_confirmed_email(client, ge_admin, gelsenkirchen):
    confirmed = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    unconfirmed = MemberFactory(
        municipality=gelsenkirchen.municipality,
        status=MemberStatus.PENDING,
        email_confirmed_at=None,
    )
    client.force_login(ge_admin)
    content = client.get(reverse("exchange_members:index")).content.decode()
    assert confirmed.display_name in content
    assert unconfirmed.display_name not in content


def test_minor_without_parental_consent_cannot_be_approved(client, ge_admin, gelsenkirchen):
    minor = MemberFactory(
        municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING, is_minor=True
    )
    client.force_login(ge_admin)
    client.post(reverse("exchange_members:action", args=[minor.pk, "approve"]))
    minor.refresh_from_db()
    assert minor.status == MemberStatus.PENDING


def test_blocking_hides_all_listings_and_ends_sessions_at_once(
    client, ge_admin, gelsenkirchen, ge_listing
):
    member = ge_listing.member
    ListingFactory(municipality=gelsenkirchen.municipality, member=member)
    from django.test import Client

    member_client = Client()
    member_client.force_login(member.user)
    assert member_client.get(reverse("exchange:my_listings")).status_code == 200
    assert public_listings().filter(member=member).count() == 2

    client.force_login(ge_admin)
    client.post(
        reverse("exchange_members:action", args=[member.pk, "block"]), {"reason": "Werbung"}
    )

    assert not public_listings().filter(member=member).exists()
    sessions = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(member.user.pk) not in sessions
    assert member_client.get(reverse("exchange:my_listings")).status_code == 302
    assert ModelLogEntry.objects.get(action="exchange.member.block").data["reason"] == "Werbung"


def test_admin_removes_a_listing_with_a_reason(client, ge_admin, ge_listing):
    client.force_login(ge_admin)
    client.post(
        reverse("exchange_listings:action", args=[ge_listing.pk, "remove"]),
        {"reason": "Telefonnummer im Text"},
    )
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.REMOVED
    assert ge_listing.removal_reason == "Telefonnummer im Text"
    assert not public_listings().exists()
    assert ModelLogEntry.objects.filter(action="exchange.listing.remove").exists()


def test_removing_a_listing_without_a_reason_changes_nothing(client, ge_admin, ge_listing):
    client.force_login(ge_admin)
    client.post(reverse("exchange_listings:action", args=[ge_listing.pk, "remove"]), {})
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.PUBLISHED


def test_admin_restores_a_removed_listing(client, ge_admin, ge_listing):
    ge_listing.status = ListingStatus.REMOVED
    ge_listing.save()
    client.force_login(ge_admin)
    client.post(reverse("exchange_listings:action", args=[ge_listing.pk, "restore"]))
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.PUBLISHED
    assert ModelLogEntry.objects.filter(action="exchange.listing.restore").exists()


def test_admin_approves_a_listing_waiting_for_review(client, ge_admin, ge_listing):
    ge_listing.status = ListingStatus.PENDING
    ge_listing.save()
    client.force_login(ge_admin)
    client.post(reverse("exchange_listings:action", args=[ge_listing.pk, "approve"]))
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.PUBLISHED


@pytest.mark.parametrize("role", ["editor", "provider_a", "ge_helper"])
def test_other_roles_cannot_open_the_moderation_screens(client, request, role, ge_listing):
    client.force_login(request.getfixturevalue(role))
    for url in (
        reverse("exchange_members:index"),
        reverse("exchange_listings:detail", args=[ge_listing.pk]),
    ):
        assert client.get(url).status_code in (302, 403)
    response = client.post(
        reverse("exchange_listings:action", args=[ge_listing.pk, "remove"]), {"reason": "x"}
    )
    assert response.status_code in (302, 403)
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.PUBLISHED


def test_exchange_menu_is_shown_to_municipality_admins(client, ge_admin):
    client.force_login(ge_admin)
    assert (
        reverse("exchange_members:index")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_exchange_menu_is_hidden_from_editors(client, editor):
    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("exchange_members:index") not in content


def test_superuser_moderates_every_municipality(client, superuser, delbrueck_listing):
    client.force_login(superuser)
    response = client.get(reverse("exchange_listings:detail", args=[delbrueck_listing.pk]))
    assert response.status_code == 200


def _codenames(group) -> set[str]:
    return set(group.permissions.values_list("codename", flat=True))


def test_municipality_admin_group_has_admin_access_and_its_info_box_and_sponsors_only(
    gelsenkirchen,
):
    noticeboard = {
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("infobox", "sponsor")
    }
    assert _codenames(gelsenkirchen.groups["municipality_admins"]) == {"access_admin", *noticeboard}


def test_proxy_helper_group_has_admin_access_only(gelsenkirchen):
    assert _codenames(gelsenkirchen.groups["proxy_helpers"]) == {"access_admin"}


# Proxy helpers -------------------------------------------------------------------------


def _proxy_listing_data(category, district):
    from .test_views import _listing_data

    return _listing_data(category, district)


def test_proxy_helper_registers_a_client_with_paper_consent(client, ge_helper, gelsenkirchen):
    client.force_login(ge_helper)
    schalke = gelsenkirchen.municipality.districts.get(slug="schalke")
    response = client.post(
        reverse("exchange_proxy:add"),
        {
            "municipality": gelsenkirchen.municipality.pk,
            "district": schalke.pk,
            "name": "Helga Krämer",
            "display_name": "Frau K.",
            "how_to_reach": "Über das Stadtteilbüro",
            "paper_consent_given_at": "2025-01-10",
            "paper_consent": "on",
        },
    )
    assert response.status_code == 302
    proxy_client = ProxyClient.objects.get(name="Helga Krämer")
    assert proxy_client.registered_by == ge_helper
    assert proxy_client.paper_consent_version


def test_proxy_helper_posts_a_listing_attributed_to_them(
    client, ge_helper, gelsenkirchen, ge_category
):
    proxy_client = ProxyClientFactory(municipality=gelsenkirchen.municipality)
    client.force_login(ge_helper)
    response = client.post(
        reverse("exchange_proxy:listing_add", args=[proxy_client.pk]),
        _proxy_listing_data(ge_category, proxy_client.district),
    )
    assert response.status_code == 302
    listing = Listing.objects.get(proxy_client=proxy_client)
    assert listing.proxy_created_by == ge_helper
    assert listing.member is None
    entry = ModelLogEntry.objects.get(action="exchange.listing.proxy_create")
    assert entry.user == ge_helper
    assert entry.data["proxy_client_id"] == proxy_client.pk


def test_proxy_helper_closing_a_listing_is_attributed(client, ge_helper, gelsenkirchen):
    proxy_client = ProxyClientFactory(municipality=gelsenkirchen.municipality)
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality, member=None, proxy_client=proxy_client
    )
    client.force_login(ge_helper)
    client.post(reverse("exchange_proxy:listing_close", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.status == ListingStatus.CLOSED
    assert listing.proxy_changed_by == ge_helper
    entry = ModelLogEntry.objects.get(action="exchange.listing.proxy_close")
    assert entry.data["acting_user_id"] == ge_helper.pk
    assert entry.data["proxy_client"] == proxy_client.name


def test_proxy_helper_edit_is_attributed(client, ge_helper, gelsenkirchen, ge_category):
    proxy_client = ProxyClientFactory(municipality=gelsenkirchen.municipality)
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality,
        member=None,
        proxy_client=proxy_client,
        category=ge_category,
    )
    client.force_login(ge_helper)
    client.post(
        reverse("exchange_proxy:listing_edit", args=[listing.pk]),
        _proxy_listing_data(ge_category, proxy_client.district),
    )
    listing.refresh_from_db()
    assert listing.title == "Hilfe im Garten"
    assert listing.proxy_changed_by == ge_helper
    assert ModelLogEntry.objects.filter(
        action="exchange.listing.proxy_edit", user=ge_helper
    ).exists()


def test_proxy_helper_gets_404_for_clients_of_another_municipality(
    client, ge_helper, delbrueck, ge_category
):
    proxy_client = ProxyClientFactory(municipality=delbrueck.municipality)
    listing = ListingFactory(
        municipality=delbrueck.municipality, member=None, proxy_client=proxy_client
    )
    client.force_login(ge_helper)
    before = _snapshot()
    for method, url in (
        ("get", reverse("exchange_proxy:detail", args=[proxy_client.pk])),
        ("get", reverse("exchange_proxy:listing_add", args=[proxy_client.pk])),
        ("post", reverse("exchange_proxy:listing_add", args=[proxy_client.pk])),
        ("get", reverse("exchange_proxy:listing_edit", args=[listing.pk])),
        ("post", reverse("exchange_proxy:listing_edit", args=[listing.pk])),
        ("post", reverse("exchange_proxy:listing_close", args=[listing.pk])),
    ):
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert _snapshot() == before
    assert proxy_client.name not in client.get(reverse("exchange_proxy:index")).content.decode()


def test_proxy_helper_cannot_edit_a_members_listing(client, ge_helper, ge_listing):
    client.force_login(ge_helper)
    url = reverse("exchange_proxy:listing_edit", args=[ge_listing.pk])
    assert client.get(url).status_code == 404
