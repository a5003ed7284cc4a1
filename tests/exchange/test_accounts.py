"""Residents' accounts: password reset, new confirmation link, e-mail change, settings."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from exchange.enums import ConsentDocument, ListingStatus, MemberStatus
from exchange.models import Consent, LegalText, Member
from exchange.notifications import NoticeKind
from tests.factories import UserFactory

from .factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db

RESET = reverse("exchange:password_reset")
RESEND = reverse("exchange:confirmation_resend")
LINK = re.compile(r"http://\S+")
CURRENT_PASSWORD = "jetziges-passwort-3"


@pytest.fixture
def known(gelsenkirchen):
    return MemberFactory(
        municipality=gelsenkirchen.municipality,
        user__username="renate@example.org",
        user__email="renate@example.org",
    )


def _post(client, url, data):
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    return response, [query["sql"] for query in queries.captured_queries]


def _reads(sqls):
    return [sql.split(" FROM ")[1].split(" ")[0] for sql in sqls if sql.startswith("SELECT")]


def _link(message) -> str:
    return LINK.search(message.body).group(0)


# Password reset -------------------------------------------------------------------------


def test_sign_in_page_offers_password_reset(client):
    response = client.get(reverse("exchange:login"))
    assert RESET in response.content.decode()
    assert "Passwort vergessen?" in response.content.decode()


def test_password_reset_of_a_known_address_mails_a_reset_link(client, known):
    _post(client, RESET, {"email": "renate@example.org"})
    (message,) = mail.outbox
    assert message.to == ["renate@example.org"]
    assert "/passwort-vergessen/" in _link(message)


def test_password_reset_of_an_unknown_address_mails_that_there_is_no_account(client, known):
    _post(client, RESET, {"email": "niemand@example.org"})
    (message,) = mail.outbox
    assert message.to == ["niemand@example.org"]
    assert "kein Konto" in message.body
    assert "/passwort-vergessen/" not in message.body


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, known):
    new, _ = _post(client, RESET, {"email": "niemand@example.org"})
    old, _ = _post(client, RESET, {"email": "renate@example.org"})
    assert new.status_code == old.status_code == 302
    assert new["Location"] == old["Location"]


def test_password_reset_reads_the_database_alike_for_known_and_unknown_addresses(client, known):
    client.get(RESET)  # fills the caches (the Site's root paths) for both requests
    _, unknown_sql = _post(client, RESET, {"email": "niemand@example.org"})
    _, known_sql = _post(client, RESET, {"email": "renate@example.org"})
    # The known path also reads the member's language for the mail.
    assert _reads(known_sql)[: len(_reads(unknown_sql))] == _reads(unknown_sql)
    assert len(_reads(known_sql)) - len(_reads(unknown_sql)) <= 1
    assert not [sql for sql in known_sql if sql.startswith(("INSERT", "UPDATE", "DELETE"))]


def test_password_reset_never_resets_a_staff_account(client, gelsenkirchen):
    UserFactory(
        username="redaktion@example.org",
        email="redaktion@example.org",
        groups=[gelsenkirchen.groups["municipality_admins"]],
    )
    _post(client, RESET, {"email": "redaktion@example.org"})
    (message,) = mail.outbox
    assert "/passwort-vergessen/" not in message.body


def test_password_reset_link_sets_the_new_password(client, known):
    _post(client, RESET, {"email": "renate@example.org"})
    link = _link(mail.outbox[0]).removeprefix("http://testserver")
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "ganz-neues-passwort-7", "new_password2": "ganz-neues-passwort-7"},
    )
    assert response.status_code == 302
    known.user.refresh_from_db()
    assert known.user.check_password("ganz-neues-passwort-7")


def test_password_reset_link_of_a_staff_account_is_refused(client, gelsenkirchen):
    staff = UserFactory(username="admin-ge", groups=[gelsenkirchen.groups["municipality_admins"]])
    url = reverse(
        "exchange:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(staff.pk)),
            "token": default_token_generator.make_token(staff),
        },
    )
    response = client.get(url, follow=True)
    assert "ungültig" in response.content.decode()


def test_password_reset_answers_429_after_three_requests_for_one_address(client, known):
    for _ in range(3):
        assert _post(client, RESET, {"email": "renate@example.org"})[0].status_code == 302
    response, _ = _post(client, RESET, {"email": "Renate@Example.org"})
    assert response.status_code == 429
    assert "zu viele E-Mails" in response.content.decode()
    assert response["Retry-After"]
    assert mail.outbox == []


def test_password_reset_answers_429_after_five_requests_from_one_client(client, known):
    for number in range(5):
        assert _post(client, RESET, {"email": f"a{number}@example.org"})[0].status_code == 302
    response, _ = _post(client, RESET, {"email": "renate@example.org"})
    assert response.status_code == 429
    assert mail.outbox == []


def test_password_reset_with_a_malformed_address_says_so_and_sends_nothing(client):
    response, _ = _post(client, RESET, {"email": "kein-at-zeichen"})
    assert response.status_code == 200
    assert mail.outbox == []


# New confirmation link -------------------------------------------------------------------


@pytest.fixture
def unconfirmed(gelsenkirchen):
    return MemberFactory(
        municipality=gelsenkirchen.municipality,
        user__username="paula@example.org",
        user__email="paula@example.org",
        user__is_active=False,
        status=MemberStatus.PENDING,
        email_confirmed_at=None,
    )


def test_resend_mails_a_new_confirmation_link_that_activates_the_account(client, unconfirmed):
    _post(client, RESEND, {"email": "paula@example.org"})
    (message,) = mail.outbox
    link = _link(message).removeprefix("http://testserver")
    assert "/registrieren/bestaetigen/" in link
    client.get(link)
    unconfirmed.user.refresh_from_db()
    assert unconfirmed.user.is_active


def test_resend_to_a_confirmed_account_says_to_sign_in(client, known):
    _post(client, RESEND, {"email": "renate@example.org"})
    (message,) = mail.outbox
    assert "bereits ein Konto" in message.body


def test_resend_to_an_unknown_address_answers_alike_with_one_mail(client, unconfirmed):
    unknown, _ = _post(client, RESEND, {"email": "niemand@example.org"})
    assert [m.to for m in mail.outbox] == [["niemand@example.org"]]
    known_response, _ = _post(client, RESEND, {"email": "paula@example.org"})
    assert unknown.content.decode().replace("niemand@example.org", "paula@example.org") == (
        known_response.content.decode()
    )


def test_resend_answers_429_after_three_requests_for_one_address(client, unconfirmed):
    for _ in range(3):
        assert _post(client, RESEND, {"email": "paula@example.org"})[0].status_code == 200
    response, _ = _post(client, RESEND, {"email": "paula@example.org"})
    assert response.status_code == 429
    assert mail.outbox == []


# E-mail change -------------------------------------------------------------------------


def _change_email(client, member, new_email, password=None):
    password = CURRENT_PASSWORD if password is None else password
    client.force_login(member.user)
    return _post(
        client, reverse("exchange:email_change"), {"new_email": new_email, "password": password}
    )[0]


@pytest.fixture
def known_with_password(known):
    known.user.set_password(CURRENT_PASSWORD)
    known.user.save()
    return known


def test_email_change_keeps_the_old_address_until_the_link_is_opened(client, known_with_password):
    _change_email(client, known_with_password, "renate.neu@example.org")
    (message,) = mail.outbox
    assert message.to == ["renate.neu@example.org"]
    known_with_password.user.refresh_from_db()
    assert known_with_password.user.email == "renate@example.org"


def test_email_change_link_makes_the_new_address_the_account_name(client, known_with_password):
    _change_email(client, known_with_password, "renate.neu@example.org")
    link = _link(mail.outbox[0]).removeprefix("http://testserver")
    mail.outbox.clear()
    response = client.get(link)
    assert response.status_code == 200
    known_with_password.user.refresh_from_db()
    assert known_with_password.user.email == "renate.neu@example.org"
    assert known_with_password.user.username == "renate.neu@example.org"


def test_email_change_tells_the_old_address(client, known_with_password):
    _change_email(client, known_with_password, "renate.neu@example.org")
    link = _link(mail.outbox[0]).removeprefix("http://testserver")
    mail.outbox.clear()
    client.get(link)
    (message,) = mail.outbox
    assert message.to == ["renate@example.org"]
    assert "geändert" in message.subject
    assert "renate.neu@example.org" not in message.body


def test_email_change_link_works_once(client, known_with_password):
    _change_email(client, known_with_password, "renate.neu@example.org")
    link = _link(mail.outbox[0]).removeprefix("http://testserver")
    client.get(link)
    response = client.get(link)
    assert response.status_code == 400


def test_email_change_with_a_forged_link_changes_nothing(client, known_with_password):
    response = client.get(reverse("exchange:email_change_confirm", args=["gefälscht"]))
    assert response.status_code == 400
    known_with_password.user.refresh_from_db()
    assert known_with_password.user.email == "renate@example.org"


def test_email_change_to_a_taken_address_tells_its_owner_and_changes_nothing(
    client, known_with_password, gelsenkirchen
):
    MemberFactory(
        municipality=gelsenkirchen.municipality,
        user__username="belegt@example.org",
        user__email="belegt@example.org",
    )
    response = _change_email(client, known_with_password, "belegt@example.org")
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["belegt@example.org"]
    assert "bereits ein Konto" in message.body
    known_with_password.user.refresh_from_db()
    assert known_with_password.user.email == "renate@example.org"


def test_email_change_needs_the_current_password(client, known_with_password):
    response = _change_email(client, known_with_password, "renate.neu@example.org", "falsch")
    assert response.status_code == 200
    assert "Das Passwort stimmt nicht" in response.content.decode()
    assert mail.outbox == []


# Account page --------------------------------------------------------------------------


def _settings_data(member, **overrides):
    return {
        "display_name": "Renate S.",
        "district": member.district_id,
        "language": "",
        "notices_on": [NoticeKind.NEW_MESSAGE.value],
        **overrides,
    }


def test_account_page_saves_name_district_language_and_notices(client, known, gelsenkirchen):
    huellen = gelsenkirchen.municipality.districts.get(slug="huellen")
    client.force_login(known.user)
    response = client.post(
        reverse("exchange:account"),
        _settings_data(known, district=huellen.pk, language="tr", weekly_digest="on"),
    )
    assert response.status_code == 302
    known.refresh_from_db()
    assert (known.display_name, known.district, known.language) == ("Renate S.", huellen, "tr")
    assert known.weekly_digest
    assert NoticeKind.LISTING_APPROVED in known.notices_off
    assert NoticeKind.NEW_MESSAGE not in known.notices_off


def test_account_page_refuses_a_district_of_another_municipality(client, known, delbrueck):
    foreign = delbrueck.municipality.districts.first()
    client.force_login(known.user)
    response = client.post(reverse("exchange:account"), _settings_data(known, district=foreign.pk))
    assert response.status_code == 200
    assert "gibt es in Ihrer Kommune nicht" in response.content.decode()
    known.refresh_from_db()
    assert known.district != foreign


def test_account_page_offers_no_switch_for_account_mails(client, known):
    client.force_login(known.user)
    content = client.get(reverse("exchange:account")).content.decode()
    assert f'value="{NoticeKind.LISTING_REMOVED.value}"' in content
    assert f'value="{NoticeKind.MEMBER_APPROVED.value}"' not in content
    assert f'value="{NoticeKind.PASSWORD_RESET.value}"' not in content


def test_password_change_keeps_the_member_signed_in(client, known_with_password):
    client.force_login(known_with_password.user)
    response = client.post(
        reverse("exchange:password_change"),
        {
            "old_password": CURRENT_PASSWORD,
            "new_password1": "ganz-neues-passwort-7",
            "new_password2": "ganz-neues-passwort-7",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("exchange:account")).status_code == 200
    known_with_password.user.refresh_from_db()
    assert known_with_password.user.check_password("ganz-neues-passwort-7")


def test_pending_member_sees_the_one_waiting_text_on_account_and_my_listings(client, known):
    Member.objects.filter(pk=known.pk).update(status=MemberStatus.PENDING)
    client.force_login(known.user)
    waiting = "Ihre Anmeldung wartet auf die Freigabe durch die Kommune."
    assert waiting in client.get(reverse("exchange:account")).content.decode()
    assert waiting in client.get(reverse("exchange:my_listings")).content.decode()


def test_my_listings_shows_an_expired_listing_as_expired(client, known, gelsenkirchen):
    ListingFactory(
        municipality=gelsenkirchen.municipality,
        member=known,
        valid_until=timezone.localdate() - timedelta(days=1),
        status=ListingStatus.PUBLISHED,
    )
    client.force_login(known.user)
    content = client.get(reverse("exchange:my_listings")).content.decode()
    assert "Abgelaufen" in content
    assert "Veröffentlicht" not in content


# Terms and privacy -------------------------------------------------------------------------


def test_terms_page_shows_the_municipalitys_live_version(client, gelsenkirchen):
    LegalText.objects.create(
        municipality=gelsenkirchen.municipality,
        document=ConsentDocument.TERMS,
        version="2026-01",
        body="Alte Regeln.",
    )
    LegalText.objects.create(
        municipality=gelsenkirchen.municipality,
        document=ConsentDocument.TERMS,
        version="2026-12",
        body="Neue Regeln für alle.",
    )
    content = client.get(reverse("exchange:terms")).content.decode()
    assert "Neue Regeln für alle." in content
    assert "2026-12" in content
    assert "Alte Regeln." not in content


def test_terms_page_shows_an_older_version_asked_for(client, gelsenkirchen):
    LegalText.objects.create(
        municipality=gelsenkirchen.municipality,
        document=ConsentDocument.TERMS,
        version="2026-01",
        body="Alte Regeln.",
    )
    LegalText.objects.create(
        municipality=gelsenkirchen.municipality,
        document=ConsentDocument.TERMS,
        version="2026-12",
        body="Neue Regeln.",
    )
    response = client.get(reverse("exchange:terms"), {"fassung": "2026-01"})
    assert "Alte Regeln." in response.content.decode()


def test_terms_page_of_an_unknown_version_is_not_found(client):
    assert client.get(reverse("exchange:terms"), {"fassung": "1999"}).status_code == 404


def test_privacy_page_of_another_municipality_is_not_shown(client, delbrueck):
    LegalText.objects.create(
        municipality=delbrueck.municipality,
        document=ConsentDocument.PRIVACY,
        version="2026-12",
        body="Nur in Delbrück.",
    )
    content = client.get(reverse("exchange:privacy")).content.decode()
    assert "Nur in Delbrück." not in content
    assert "Datenschutzhinweise" in content


def test_registration_links_the_texts_next_to_the_consent_boxes(client):
    content = client.get(reverse("exchange:register")).content.decode()
    assert reverse("exchange:terms") in content
    assert reverse("exchange:privacy") in content


def test_registration_records_the_live_versions_with_the_consent(client, gelsenkirchen):
    for document in (ConsentDocument.TERMS, ConsentDocument.PRIVACY):
        LegalText.objects.create(
            municipality=gelsenkirchen.municipality,
            document=document,
            version=f"{document}-2026-12",
            body="Text.",
        )
    district = gelsenkirchen.municipality.districts.first()
    client.post(
        reverse("exchange:register"),
        {
            "email": "neu@example.org",
            "password": "ein-gutes-passwort-42",
            "display_name": "Paula N.",
            "kind": "person",
            "district": district.pk,
            "accept_terms": "on",
            "accept_privacy": "on",
        },
    )
    versions = dict(
        Consent.objects.filter(member__user__username="neu@example.org").values_list(
            "document", "text_version"
        )
    )
    assert versions == {"terms": "terms-2026-12", "privacy": "privacy-2026-12"}


def test_data_export_includes_the_members_mail_choices(client, known):
    Member.objects.filter(pk=known.pk).update(
        language="tr", notices_off=[NoticeKind.NEW_MESSAGE.value], weekly_digest=True
    )
    client.force_login(known.user)
    (membership,) = client.get(reverse("exchange:account_export")).json()["memberships"]
    assert membership["mail_language"] == "tr"
    assert membership["notifications_switched_off"] == [NoticeKind.NEW_MESSAGE.value]
    assert membership["weekly_digest"] is True


def test_staff_account_cannot_change_its_address_here(client, gelsenkirchen):
    staff = UserFactory(
        username="admin-ge@example.org",
        email="admin-ge@example.org",
        groups=[gelsenkirchen.groups["municipality_admins"]],
    )
    MemberFactory(municipality=gelsenkirchen.municipality, user=staff)
    staff.set_password(CURRENT_PASSWORD)
    staff.save()
    client.force_login(staff)
    response = client.post(
        reverse("exchange:email_change"),
        {"new_email": "neu@example.org", "password": CURRENT_PASSWORD},
    )
    assert response.status_code == 403
    assert mail.outbox == []
