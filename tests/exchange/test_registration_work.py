"""Registration and sign-in do the same work whether the address has an account or not.

Compared by work done, never by time: passwords hashed, mails rendered and sent,
queries issued, the page shown.
"""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.models import Member
from tests.hashers import counting_hasher

from .factories import MemberFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("exchange:register")


def _data(district, email):
    return {
        "email": email,
        "password": "ein-gutes-passwort-42",
        "display_name": "Paula N.",
        "kind": "person",
        "district": district.pk,
        "accept_terms": "on",
        "accept_privacy": "on",
    }


@pytest.fixture
def schalke(gelsenkirchen):
    return gelsenkirchen.municipality.districts.get(slug="schalke")


@pytest.fixture
def known_address(gelsenkirchen):
    MemberFactory(
        municipality=gelsenkirchen.municipality,
        user__username="bekannt@example.org",
        user__email="bekannt@example.org",
    )
    return "bekannt@example.org"


def _register(client, schalke, email):
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(REGISTER, _data(schalke, email))
    return response, [query["sql"] for query in queries.captured_queries]


def test_registering_a_known_address_hashes_a_password_like_a_new_one(
    client, schalke, known_address, settings
):
    hasher = counting_hasher(settings)
    _register(client, schalke, "neu@example.org")
    new = hasher.hashed
    _register(client, schalke, known_address)
    assert new == 1
    assert hasher.hashed - new == new


def test_registering_a_known_address_sends_one_mail_like_a_new_one(client, schalke, known_address):
    _register(client, schalke, "neu@example.org")
    assert [message.to for message in mail.outbox] == [["neu@example.org"]]
    _register(client, schalke, known_address)
    (message,) = mail.outbox
    assert message.to == [known_address]
    assert "bereits ein Konto" in message.body
    assert reverse("exchange:login") in message.body


def test_registering_a_known_address_shows_the_same_page(client, schalke, known_address):
    new, _ = _register(client, schalke, "neu@example.org")
    known, _ = _register(client, schalke, known_address)
    assert new.status_code == known.status_code == 200

    # The mails differ by design (and render in a worker in production); the page not.
    def page_templates(response):
        return [t.name for t in response.templates if not t.name.startswith("exchange/mail/")]

    assert page_templates(new) == page_templates(known)
    assert new.content.decode().replace("neu@example.org", known_address) == (
        known.content.decode()
    )


def test_registering_a_known_address_reads_the_database_like_a_new_one(
    client, schalke, known_address
):
    client.get(REGISTER)  # fills the caches (the Site's root paths) for both requests
    _, new = _register(client, schalke, "neu@example.org")
    _, known = _register(client, schalke, known_address)

    def reads(sqls):
        return [sql.split(" FROM ")[1].split(" ")[0] for sql in sqls if sql.startswith("SELECT")]

    assert reads(known) == reads(new)
    # The only difference: a new member's account, member row and consents are written.
    writes = [sql.split(" ")[2] for sql in new if sql.startswith("INSERT")]
    assert writes == ['"auth_user"', '"exchange_member"', '"exchange_consent"']
    assert not [sql for sql in known if sql.startswith(("INSERT", "UPDATE", "DELETE"))]


def test_registering_a_known_address_creates_nothing(client, schalke, known_address):
    _register(client, schalke, known_address)
    assert Member.objects.filter(user__username=known_address).count() == 1
    assert not Member.objects.filter(display_name="Paula N.").exists()
