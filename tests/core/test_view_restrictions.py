"""Page view restrictions: "logged-in users" means staff accounts, never residents."""

import pytest
from wagtail.models import BaseViewRestriction, PageViewRestriction

from exchange.enums import MemberStatus
from tests.exchange.factories import MemberFactory
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_only_page(gelsenkirchen):
    page = gelsenkirchen.district_pages["schalke"]
    PageViewRestriction.objects.create(page=page, restriction_type=BaseViewRestriction.LOGIN)
    return page


@pytest.mark.parametrize("status", list(MemberStatus))
def test_resident_of_any_state_is_sent_to_sign_in_like_anonymous(
    client, gelsenkirchen, staff_only_page, status
):
    anonymous = client.get(staff_only_page.url)
    member = MemberFactory(municipality=gelsenkirchen.municipality, status=status)
    client.force_login(member.user)
    response = client.get(staff_only_page.url)
    assert response.status_code == anonymous.status_code == 302
    assert response["Location"] == anonymous["Location"]
    assert staff_only_page.title not in response.content.decode()


def test_resident_of_other_municipality_is_sent_to_sign_in(client, delbrueck, staff_only_page):
    member = MemberFactory(municipality=delbrueck.municipality)
    client.force_login(member.user)
    assert client.get(staff_only_page.url).status_code == 302


def test_staff_account_reads_logged_in_page(client, editor, staff_only_page):
    client.force_login(editor)
    response = client.get(staff_only_page.url)
    assert response.status_code == 200
    assert staff_only_page.title in response.content.decode()


def test_staff_account_of_other_municipality_reads_logged_in_page(
    client, delbrueck_editor, staff_only_page
):
    # "Logged-in users" is Wagtail's platform-wide meaning for staff; a page that is
    # for one town's team only takes a group restriction.
    client.force_login(delbrueck_editor)
    assert client.get(staff_only_page.url).status_code == 200


def test_resident_with_password_reads_password_page(client, gelsenkirchen):
    page = gelsenkirchen.district_pages["huellen"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=BaseViewRestriction.PASSWORD, password="gartenzaun"
    )
    member = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(member.user)
    assert page.title not in client.get(page.url).content.decode()
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "gartenzaun", "return_url": page.url},
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.content.decode()


def test_resident_signed_in_with_password_cannot_read_logged_in_page(
    client, gelsenkirchen, staff_only_page
):
    member = MemberFactory(municipality=gelsenkirchen.municipality)
    assert client.login(username=member.user.username, password=TEST_PASSWORD)
    assert client.get(staff_only_page.url).status_code == 302


@pytest.fixture
def staff_only_document(db):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Nur für das Team")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=BaseViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Dienstplan",
        collection=collection,
        file=ContentFile(b"Dienstplan des Teams", name="dienstplan.txt"),
    )


def test_resident_is_sent_to_sign_in_for_logged_in_document(
    client, gelsenkirchen, staff_only_document
):
    member = MemberFactory(municipality=gelsenkirchen.municipality)
    client.force_login(member.user)
    response = client.get(staff_only_document.url)
    assert response.status_code == 302
    assert b"Dienstplan des Teams" not in b"".join(getattr(response, "streaming_content", []))


def test_staff_account_downloads_logged_in_document(client, editor, staff_only_document):
    client.force_login(editor)
    response = client.get(staff_only_document.url)
    assert response.status_code == 200
