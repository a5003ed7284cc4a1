"""The erasure test: after "Konto löschen", nothing of the member is left in the database.

Unique markers are planted in every place a member's data reaches (account, memberships,
consents, listings, answers sent and received, conversations, feedback, certificates,
the audit log's labels and data,
revisions, the search index, sessions); the account is deleted through the view; then a
full `pg_dump` of the test database must not contain a single marker. The data is
committed (transaction=True) so that pg_dump, a separate connection, sees it.
"""

import importlib.util
import os
import subprocess
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVector
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Value
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision
from wagtail.search.models import IndexEntry

from exchange import certificates, conversations, services
from exchange.enums import ListingKind, ListingType, MemberStatus
from exchange.models import Conversation, Help, Member
from tests.factories import DistrictFactory, MunicipalityFactory, UserFactory

from .factories import CategoryFactory, MemberFactory

ROOT = Path(__file__).resolve().parents[2]


def _pg_bindir() -> Path:
    """The folder of initdb, pg_ctl and pg_dump, found as the throwaway cluster finds it."""
    spec = importlib.util.spec_from_file_location(
        "throwaway_postgres", ROOT / "scripts" / "throwaway_postgres.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # initdb may be a symbolic link (e.g. in /usr/local/bin) to PostgreSQL's own folder.
    return (module.find_pg_bindir() / "initdb").resolve().parent


def _pg_dump() -> str:
    db = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=db.get("PASSWORD") or "")
    args = [str(_pg_bindir() / "pg_dump"), "--no-owner", "--dbname", db["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    completed = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return completed.stdout.lower()


class Markers:
    """One unique lower-case marker per place; they end in a digit so that no stemmer
    of the search index shortens them."""

    def __init__(self):
        self.run = uuid.uuid4().hex[:8]
        self.planted: dict[str, str] = {}

    def __call__(self, place: str) -> str:
        marker = f"zqm{self.run}{place.replace('_', '')}7"
        self.planted[place] = marker
        return marker


def _listing_data(category, district, *, title, description, locality=""):
    return {
        "kind": ListingKind.OFFER,
        "listing_type": ListingType.NEIGHBOURLY_HELP,
        "pocket_money_amount": None,
        "category": category,
        "title": title,
        "description": description,
        "district": district,
        "locality": locality,
        "social_space": None,
        "valid_until": timezone.localdate() + timedelta(days=20),
    }


@pytest.mark.django_db(transaction=True)
def test_deleted_account_leaves_no_marker_in_a_database_dump():
    mark = Markers()
    municipality = MunicipalityFactory(name=f"Erasien {mark.run}")
    district = DistrictFactory(name=f"Loeschhausen {mark.run}", municipality=municipality)
    category = CategoryFactory(municipality=municipality, name=f"Hilfe {mark.run}", for_minors=True)
    admin = UserFactory(username=f"admin-{mark.run}", is_superuser=True, is_staff=True)

    user = UserFactory(
        username=f"{mark('username')}@example.org",
        email=f"{mark('email')}@example.org",
        first_name=mark("first_name"),
        last_name=mark("last_name"),
    )
    member = MemberFactory(
        user=user,
        municipality=municipality,
        district=district,
        display_name=mark("display_name"),
        network_profile=mark("network_profile"),
        is_minor=True,
        status=MemberStatus.PENDING,
    )
    services.registration_consents_record(
        member=member, given_at=timezone.now(), guardian=mark("guardian")
    )
    services.member_approve(member=member, by=admin)
    services.member_block(member=member, by=admin, reason=mark("block_reason"))
    services.member_unblock(member=member, by=admin)
    member.refresh_from_db()

    own = services.listing_create(
        member=member,
        data=_listing_data(
            category,
            district,
            title=mark("listing_title"),
            description=f"Beschreibung {mark('listing_description')} mit genug Text.",
            locality=mark("locality"),
        ),
    )
    removed = services.listing_create(
        member=member,
        data=_listing_data(
            category,
            district,
            title=mark("removed_title"),
            description="Noch ein Eintrag mit genug Text für die Prüfung.",
        ),
    )
    services.listing_remove(listing=removed, by=admin, reason=mark("removal_reason"))

    neighbour = MemberFactory(municipality=municipality, district=district)
    services.listing_respond(
        listing=own, sender=neighbour, message=mark("response_received"), share_email=False
    )
    neighbours_listing = services.listing_create(
        member=neighbour,
        data=_listing_data(
            category,
            district,
            title=f"Nachbarschaftseintrag {mark.run}",
            description="Ein Eintrag der Nachbarin mit genug Text.",
        ),
    )
    services.listing_respond(
        listing=neighbours_listing,
        sender=member,
        message=mark("response_sent"),
        share_email=True,
    )

    # Conversations, an agreed and confirmed help with feedback both ways, a certificate
    # (whose snapshot names the member) and a block.
    own_conversation = Conversation.objects.get(listing=own)
    conversations.message_send(
        conversation=own_conversation, member=member, body=mark("message_body")
    )
    conversations.contact_share(conversation=own_conversation, member=member)
    help = conversations.help_accept(conversation=own_conversation, member=member)
    conversations.help_confirm(help=help, member=member)
    conversations.help_confirm(help=help, member=neighbour)
    conversations.feedback_give(
        help=help,
        member=member,
        rating=2,
        comment=mark("feedback_given"),
        safety_concern=True,
        safety_note=mark("safety_note"),
    )
    conversations.feedback_give(
        help=help, member=neighbour, rating=5, comment=mark("feedback_received")
    )
    certificates.certificate_issue(member=member)
    conversations.member_block_by_member(blocker=member, blocked=neighbour)

    member_type = ContentType.objects.get_for_model(Member)
    Revision.objects.create(
        content_type=member_type,
        base_content_type=member_type,
        object_id=str(member.pk),
        object_str=mark("revision_label"),
        content={"display_name": mark("revision_content")},
        created_at=timezone.now(),
    )
    IndexEntry.objects.create(
        content_type=member_type,
        object_id=str(member.pk),
        title_norm=1.0,
        title=SearchVector(Value(mark("search_title")), config="simple"),
        autocomplete=SearchVector(Value(mark("search_autocomplete")), config="simple"),
        body=SearchVector(Value(mark("search_body")), config="simple"),
    )

    other_device = Client()
    other_device.force_login(user)
    browser = Client()
    browser.force_login(user)

    before = _pg_dump()
    missing = [place for place, marker in mark.planted.items() if marker not in before]
    assert not missing, f"markers not planted: {missing}"

    response = browser.post(reverse("exchange:account_delete"), {"confirm": "on"})
    assert response.status_code == 200

    after = _pg_dump()
    left = [place for place, marker in mark.planted.items() if marker in after]
    assert not left, f"markers left after deleting the account: {left}"
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not any(
        session.get_decoded().get("_auth_user_id") == str(user.pk)
        for session in Session.objects.all()
    )
    # The help stays, without the erased member (the neighbour keeps their record).
    assert Help.objects.filter(pk=help.pk, owner=None, answerer=neighbour).exists()
    # The neighbour's own data stays.
    assert Member.objects.filter(pk=neighbour.pk).exists()
    assert f"nachbarschaftseintrag {mark.run}" in after
