"""The public exchange: browsing, filters, search, listing pages, answers, my listings."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from exchange.enums import ListingKind, ListingStatus, ListingType, MemberStatus
from exchange.models import Conversation, ExchangeSettings, Listing, ListingResponse, Message

from .factories import CategoryFactory, ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exchange:listing_list")


def _page_template(response) -> str:
    """The page's template; mails render alongside it when tasks run immediately."""
    return next(t.name for t in response.templates if not t.name.startswith("exchange/mail/"))


def _detail_url(listing):
    return reverse("exchange:listing_detail", args=[listing.pk])


def _listing_data(category, district, **overrides):
    data = {
        "kind": ListingKind.OFFER,
        "listing_type": ListingType.NEIGHBOURLY_HELP,
        "category": category.pk,
        "title": "Hilfe im Garten",
        "description": "Ich helfe samstags beim Rasenmähen und Unkrautjäten im Garten.",
        "district": district.pk,
        "locality": "",
        "social_space": "",
        "valid_until": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "pocket_money_amount": "",
    }
    data.update(overrides)
    return data


def test_list_shows_published_listing(client, ge_listing):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert ge_listing.title in response.content.decode()


@pytest.mark.parametrize(
    "status", [MemberStatus.PENDING, MemberStatus.REJECTED, MemberStatus.BLOCKED]
)
def test_unapproved_member_listing_is_on_no_public_surface(client, ge_listing, status):
    ge_listing.member.status = status
    ge_listing.member.save()
    assert ge_listing.title not in client.get(LIST_URL).content.decode()
    search = client.get(LIST_URL, {"q": ge_listing.title.split()[-1]})
    assert ge_listing.title not in search.content.decode()
    assert client.get(_detail_url(ge_listing)).status_code == 404


def test_expired_listing_page_is_not_found(client, ge_listing):
    ge_listing.valid_until = timezone.localdate() - timedelta(days=1)
    ge_listing.save()
    assert client.get(_detail_url(ge_listing)).status_code == 404


def test_listing_of_other_municipality_is_not_shown_on_this_portal(client, delbrueck_listing):
    assert delbrueck_listing.title not in client.get(LIST_URL).content.decode()
    assert client.get(_detail_url(delbrueck_listing)).status_code == 404


def test_listing_page_reveals_no_email_address(client, ge_listing):
    content = client.get(_detail_url(ge_listing)).content.decode()
    assert ge_listing.title in content
    assert ge_listing.member.user.email not in content
    assert ge_listing.member.display_name in content


def test_proxy_listing_page_reveals_not_how_to_reach_the_client(client, gelsenkirchen):
    from .factories import ProxyClientFactory

    proxy_client = ProxyClientFactory(municipality=gelsenkirchen.municipality)
    listing = ListingFactory(
        municipality=gelsenkirchen.municipality, member=None, proxy_client=proxy_client
    )
    content = client.get(_detail_url(listing)).content.decode()
    assert "0209 999 999" not in content
    assert proxy_client.name not in content


def test_list_filters_by_kind(client, gelsenkirchen, ge_listing):
    request = ListingFactory(municipality=gelsenkirchen.municipality, kind=ListingKind.REQUEST)
    content = client.get(LIST_URL, {"kind": "request"}).content.decode()
    assert request.title in content
    assert ge_listing.title not in content


def test_list_filters_by_district(client, gelsenkirchen, ge_listing):
    schalke = gelsenkirchen.municipality.districts.get(slug="schalke")
    assert ge_listing.district != schalke
    other = ListingFactory(municipality=gelsenkirchen.municipality, district=schalke)
    content = client.get(LIST_URL, {"district": "schalke"}).content.decode()
    assert other.title in content
    assert ge_listing.title not in content


def test_list_filters_by_category(client, gelsenkirchen, ge_listing):
    other = ListingFactory(municipality=gelsenkirchen.municipality)
    content = client.get(LIST_URL, {"category": other.category.slug}).content.decode()
    assert other.title in content
    assert ge_listing.title not in content


def test_search_finds_listing_by_a_word_of_its_description(client, gelsenkirchen, ge_listing):
    other = ListingFactory(
        municipality=gelsenkirchen.municipality, description="Wer hilft mir mit dem Smartphone?"
    )
    content = client.get(LIST_URL, {"q": "smartphone"}).content.decode()
    assert other.title in content
    assert ge_listing.title not in content


# The page itself and the site frame every public page carries (its theme, the
# portal's translations and the footer's service pages, themes/frame.py, whose view
# restrictions are checked inside their own queries); 2 for the info boxes and sponsors
# (cms/noticeboard; none here, so their links and logos are not fetched).
LIST_PAGE_QUERIES = 13


def test_list_page_query_count_does_not_grow_with_listings(
    client, gelsenkirchen, ge_listing, django_assert_num_queries
):
    client.get(LIST_URL)  # fills the process-wide caches (content types, site root paths)
    with django_assert_num_queries(LIST_PAGE_QUERIES):
        client.get(LIST_URL)
    for _number in range(10):
        ListingFactory(municipality=gelsenkirchen.municipality)
    with django_assert_num_queries(LIST_PAGE_QUERIES):
        response = client.get(LIST_URL)
    assert response.content.decode().count("listing-card") == 11


def test_registration_creates_a_pending_member_and_mails_a_confirmation_link(client, gelsenkirchen):
    schalke = gelsenkirchen.municipality.districts.get(slug="schalke")
    response = client.post(
        reverse("exchange:register"),
        {
            "email": "Neu@Example.org",
            "password": "ein-gutes-passwort-42",
            "display_name": "Paula N.",
            "kind": "person",
            "district": schalke.pk,
            "accept_terms": "on",
            "accept_privacy": "on",
        },
    )
    assert response.status_code == 200
    from exchange.models import Member

    member = Member.objects.get(user__email="neu@example.org")
    assert member.status == MemberStatus.PENDING
    assert not member.user.is_active
    assert {c.document for c in member.consents.all()} == {"terms", "privacy"}
    assert len(mail.outbox) == 1
    assert "/nachbarschaftshilfe/registrieren/bestaetigen/" in mail.outbox[0].body


def test_registration_with_a_taken_address_answers_alike_and_mails_the_owner(client, gelsenkirchen):
    from django.contrib.auth import get_user_model

    from exchange.models import Member

    schalke = gelsenkirchen.municipality.districts.get(slug="schalke")
    data = {
        "email": "paula@example.org",
        "password": "ein-gutes-passwort-42",
        "display_name": "Paula N.",
        "kind": "person",
        "district": schalke.pk,
        "accept_terms": "on",
        "accept_privacy": "on",
    }
    first = client.post(reverse("exchange:register"), data)
    mail.outbox.clear()

    second = client.post(reverse("exchange:register"), {**data, "display_name": "Jemand"})

    assert second.status_code == first.status_code == 200
    assert _page_template(second) == _page_template(first)
    assert get_user_model().objects.filter(username="paula@example.org").count() == 1
    assert Member.objects.get(user__username="paula@example.org").display_name == "Paula N."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["paula@example.org"]
    assert "bereits ein Konto" in mail.outbox[0].body


def test_registration_without_consent_stores_nothing(client, gelsenkirchen):
    schalke = gelsenkirchen.municipality.districts.get(slug="schalke")
    response = client.post(
        reverse("exchange:register"),
        {
            "email": "neu@example.org",
            "password": "ein-gutes-passwort-42",
            "display_name": "Paula N.",
            "kind": "person",
            "district": schalke.pk,
        },
    )
    assert response.status_code == 200
    assert 'id="id_accept_terms_error"' in response.content.decode()
    assert not mail.outbox


def test_minor_registration_needs_parental_consent(client, gelsenkirchen):
    schalke = gelsenkirchen.municipality.districts.get(slug="schalke")
    response = client.post(
        reverse("exchange:register"),
        {
            "email": "jung@example.org",
            "password": "ein-gutes-passwort-42",
            "display_name": "Lea T.",
            "kind": "person",
            "district": schalke.pk,
            "is_minor": "on",
            "accept_terms": "on",
            "accept_privacy": "on",
        },
    )
    assert "Minderjährige brauchen die Einwilligung ihrer Eltern." in response.content.decode()
    assert not mail.outbox


def test_confirmation_link_activates_the_account(client, gelsenkirchen):
    from exchange.services import member_confirmation_token

    member = MemberFactory(
        municipality=gelsenkirchen.municipality,
        status=MemberStatus.PENDING,
        email_confirmed_at=None,
        user__is_active=False,
    )
    url = reverse("exchange:confirm_email", args=[member_confirmation_token(member)])
    assert client.get(url).status_code == 200
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert member.user.is_active
    assert member.email_confirmed_at is not None


def test_tampered_confirmation_link_is_refused(client, gelsenkirchen):
    from exchange.services import member_confirmation_token

    member = MemberFactory(
        municipality=gelsenkirchen.municipality, email_confirmed_at=None, user__is_active=False
    )
    token = member_confirmation_token(member)[:-2] + "xx"
    response = client.get(reverse("exchange:confirm_email", args=[token]))
    assert response.status_code == 400
    member.user.refresh_from_db()
    assert not member.user.is_active


def test_resident_signs_in_on_the_public_site(client, ge_member):
    from tests.factories import TEST_PASSWORD

    response = client.post(
        reverse("exchange:login"),
        {"username": ge_member.user.username, "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("exchange:my_listings")


def test_login_form_asks_for_the_email_address(client):
    response = client.get(reverse("exchange:login"))
    assert response.context["form"]["username"].label == "E-Mail-Adresse"


def test_response_opens_a_conversation_and_tells_the_owner_without_the_text(
    client, gelsenkirchen, ge_listing
):
    sender = MemberFactory(municipality=gelsenkirchen.municipality, user__email="s@example.org")
    client.force_login(sender.user)
    response = client.post(_detail_url(ge_listing), {"message": "Ich kann Ihnen dienstags helfen."})
    conversation = Conversation.objects.get(listing=ge_listing, answerer=sender)
    assert response["Location"] == reverse("exchange:conversation_detail", args=[conversation.pk])
    assert conversation.messages.get().body == "Ich kann Ihnen dienstags helfen."
    (message,) = mail.outbox
    assert message.to == [ge_listing.member.user.email]
    assert reverse("exchange:conversation_detail", args=[conversation.pk]) in message.body
    assert "s@example.org" not in message.body
    assert "dienstags" not in message.body


def test_response_shares_the_senders_address_only_when_asked(client, gelsenkirchen, ge_listing):
    sender = MemberFactory(municipality=gelsenkirchen.municipality, user__email="s@example.org")
    client.force_login(sender.user)
    client.post(
        _detail_url(ge_listing),
        {"message": "Ich kann Ihnen dienstags helfen.", "share_email": "on"},
    )
    shared = Message.objects.get(shares_contact=True)
    assert "s@example.org" in shared.body
    assert all("s@example.org" not in message.body for message in mail.outbox)


def test_response_without_sharing_puts_no_address_in_the_conversation(
    client, gelsenkirchen, ge_listing
):
    sender = MemberFactory(municipality=gelsenkirchen.municipality, user__email="s@example.org")
    client.force_login(sender.user)
    client.post(_detail_url(ge_listing), {"message": "Ich kann Ihnen dienstags helfen."})
    assert not Message.objects.filter(body__contains="s@example.org").exists()


def test_pending_member_cannot_respond(client, gelsenkirchen, ge_listing):
    sender = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    client.force_login(sender.user)
    response = client.post(_detail_url(ge_listing), {"message": "Ich kann Ihnen helfen."})
    assert response.status_code == 403
    assert not ListingResponse.objects.exists()
    assert not mail.outbox


def test_approved_member_publishes_a_listing(client, gelsenkirchen, ge_member, ge_category):
    client.force_login(ge_member.user)
    response = client.post(
        reverse("exchange:listing_create"), _listing_data(ge_category, ge_member.district)
    )
    assert response.status_code == 302
    listing = Listing.objects.get(title="Hilfe im Garten")
    assert listing.status == ListingStatus.PUBLISHED
    assert listing.member == ge_member


def test_listing_waits_for_review_where_the_municipality_wants_it(
    client, gelsenkirchen, ge_member, ge_category
):
    ExchangeSettings.objects.create(
        municipality=gelsenkirchen.municipality, listing_review_required=True
    )
    client.force_login(ge_member.user)
    client.post(reverse("exchange:listing_create"), _listing_data(ge_category, ge_member.district))
    assert Listing.objects.get(title="Hilfe im Garten").status == ListingStatus.PENDING


def test_pending_member_cannot_post_a_listing(client, gelsenkirchen, ge_category):
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=MemberStatus.PENDING)
    client.force_login(member.user)
    response = client.post(
        reverse("exchange:listing_create"), _listing_data(ge_category, member.district)
    )
    assert response.status_code == 403
    assert not Listing.objects.exists()


BAD_INPUT = {
    "overlong_title": ({"title": "x" * 121}, "title"),
    "overlong_description": ({"description": "Hilfe " * 400}, "description"),
    "html_in_description": (
        {"description": "Ich helfe gern <b>beim Einkaufen</b> am Dienstag."},
        "description",
    ),
    "script_in_description": (
        {"description": "Ich helfe gern <script>alert(1)</script> am Dienstag."},
        "description",
    ),
    "date_in_the_past": (
        {"valid_until": (timezone.localdate() - timedelta(days=1)).isoformat()},
        "valid_until",
    ),
    "pocket_money_job_without_amount": (
        {"listing_type": ListingType.POCKET_MONEY_JOB},
        "pocket_money_amount",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT.keys())
def test_bad_listing_input_gets_a_linked_form_error_and_stores_nothing(
    client, gelsenkirchen, ge_member, ge_category, case
):
    overrides, field = BAD_INPUT[case]
    client.force_login(ge_member.user)
    response = client.post(
        reverse("exchange:listing_create"),
        _listing_data(ge_category, ge_member.district, **overrides),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in content
    assert f'aria-describedby="id_{field}' in content
    assert f'href="#id_{field}"' in content
    assert not Listing.objects.exists()


def test_category_of_another_municipality_is_refused(
    client, ge_member, ge_category, delbrueck_listing
):
    client.force_login(ge_member.user)
    response = client.post(
        reverse("exchange:listing_create"),
        _listing_data(delbrueck_listing.category, ge_member.district),
    )
    assert "Diese Kategorie gibt es in Ihrer Kommune nicht." in response.content.decode()
    assert not Listing.objects.filter(member=ge_member).exists()


def test_minor_cannot_post_in_a_category_not_meant_for_minors(client, gelsenkirchen, ge_category):
    minor = MemberFactory(municipality=gelsenkirchen.municipality, is_minor=True)
    client.force_login(minor.user)
    response = client.post(
        reverse("exchange:listing_create"), _listing_data(ge_category, minor.district)
    )
    assert "Diese Kategorie gibt es in Ihrer Kommune nicht." in response.content.decode()
    assert not Listing.objects.exists()


def test_member_cannot_edit_someone_elses_listing(client, gelsenkirchen, ge_listing):
    other = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(other.user)
    url = reverse("exchange:listing_edit", args=[ge_listing.pk])
    response = client.post(url, _listing_data(ge_listing.category, ge_listing.district))
    assert response.status_code == 404
    ge_listing.refresh_from_db()
    assert ge_listing.title != "Hilfe im Garten"


def test_member_closes_own_listing(client, ge_listing):
    client.force_login(ge_listing.member.user)
    client.post(reverse("exchange:listing_close", args=[ge_listing.pk]))
    ge_listing.refresh_from_db()
    assert ge_listing.status == ListingStatus.CLOSED


def test_my_listings_shows_own_listings_in_every_state(client, ge_listing):
    ge_listing.status = ListingStatus.REMOVED
    ge_listing.removal_reason = "Telefonnummer im Text"
    ge_listing.save()
    client.force_login(ge_listing.member.user)
    content = client.get(reverse("exchange:my_listings")).content.decode()
    assert ge_listing.title in content
    assert "Telefonnummer im Text" in content


def test_withdrawing_consent_closes_listings_and_signs_out(client, ge_listing):
    user = ge_listing.member.user
    client.force_login(user)
    client.post(reverse("exchange:consent_withdraw"))
    ge_listing.refresh_from_db()
    user.refresh_from_db()
    assert ge_listing.status == ListingStatus.CLOSED
    assert not user.is_active
    assert ge_listing.member.consents.filter(withdrawn_at__isnull=True).count() == 0
    assert client.get(reverse("exchange:my_listings")).status_code == 302


def test_categories_filter_offers_minors_only_their_categories(client, gelsenkirchen, ge_category):
    CategoryFactory(municipality=gelsenkirchen.municipality, name="Gartenhilfe", for_minors=True)
    minor = MemberFactory(municipality=gelsenkirchen.municipality, is_minor=True)
    client.force_login(minor.user)
    content = client.get(LIST_URL).content.decode()
    assert "Gartenhilfe" in content
    assert ge_category.name not in content
