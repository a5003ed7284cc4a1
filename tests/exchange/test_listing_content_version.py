"""Which listing writes start a new content version (cms.core.content_signals).

Only a published listing can show publicly. Writing one that is hidden before and after
(a new listing waiting for review, a draft edited) must leave every public cache as it
was, or residents posting to the exchange would empty the calendar's caches each time;
every write that takes a listing into or out of public view must start a new version.
"""

import pytest

from cms.core import content_version
from exchange import services
from exchange.enums import ListingStatus
from exchange.models import ExchangeSettings, Listing
from tests.committed import as_committed

from .factories import ListingFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _bumps(change) -> bool:
    """Whether the change, once committed, starts a new content version."""
    as_committed()
    before = content_version.current().token
    change()
    as_committed()
    return content_version.current().token != before


@pytest.fixture
def reviewed(gelsenkirchen):
    ExchangeSettings.objects.update_or_create(
        municipality=gelsenkirchen.municipality, defaults={"listing_review_required": True}
    )


def _new_listing(category, district) -> dict:
    """What the new-listing form hands the service."""
    listing = ListingFactory.build(
        municipality=district.municipality, member=None, category=category, district=district
    )
    return _form_data(listing)


def _form_data(listing: Listing, **changes) -> dict:
    return {**{field: getattr(listing, field) for field in services.LISTING_FIELDS}, **changes}


def test_a_new_listing_waiting_for_review_keeps_the_version(reviewed, ge_member, ge_category):
    def post():
        listing = services.listing_create(
            member=ge_member, data=_new_listing(ge_category, ge_member.district)
        )
        assert listing.status == ListingStatus.PENDING

    assert not _bumps(post)


def test_a_new_listing_published_at_once_bumps_the_version(ge_member, ge_category):
    def post():
        listing = services.listing_create(
            member=ge_member, data=_new_listing(ge_category, ge_member.district)
        )
        assert listing.status == ListingStatus.PUBLISHED

    assert _bumps(post)


def test_editing_a_listing_waiting_for_review_keeps_the_version(reviewed, gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality, status=ListingStatus.PENDING)
    listing = Listing.objects.get(pk=listing.pk)
    data = _form_data(listing, title="Hilfe im Garten, auch sonntags")
    assert not _bumps(lambda: services.listing_update(listing=listing, by=None, data=data))


def test_approving_a_listing_bumps_the_version(reviewed, gelsenkirchen, editor):
    listing = ListingFactory(municipality=gelsenkirchen.municipality, status=ListingStatus.PENDING)
    listing = Listing.objects.get(pk=listing.pk)
    assert _bumps(lambda: services.listing_approve(listing=listing, by=editor))


def test_removing_a_published_listing_bumps_the_version(ge_listing, editor):
    listing = Listing.objects.get(pk=ge_listing.pk)
    assert _bumps(lambda: services.listing_remove(listing=listing, by=editor, reason="Werbung"))


def test_a_published_listing_sent_back_to_review_bumps_the_version(reviewed, ge_listing):
    listing = Listing.objects.get(pk=ge_listing.pk)
    data = _form_data(listing, title="Neuer Titel, neu zu prüfen")

    def edit():
        services.listing_update(listing=listing, by=ge_listing.member.user, data=data)
        assert listing.status == ListingStatus.PENDING

    assert _bumps(edit)


def test_a_row_published_since_it_was_loaded_bumps_when_hidden(gelsenkirchen, editor):
    """The state that counts is the stored one: the services reload the row under a lock."""
    listing = ListingFactory(municipality=gelsenkirchen.municipality, status=ListingStatus.PENDING)
    stale = Listing.objects.get(pk=listing.pk)
    Listing.objects.filter(pk=listing.pk).update(status=ListingStatus.PUBLISHED)
    assert _bumps(lambda: services.listing_remove(listing=stale, by=editor, reason="Doppelt"))


def test_a_row_saved_without_being_loaded_bumps_the_version(ge_listing):
    """Built in Python over a stored row: its past is unknown, so it counts as a change."""
    copy = Listing(
        **{
            field.attname: getattr(ge_listing, field.attname)
            for field in Listing._meta.concrete_fields
        }
    )
    copy.status = ListingStatus.DRAFT
    assert _bumps(copy.save)


def test_deleting_a_hidden_listing_keeps_the_version(gelsenkirchen):
    listing = ListingFactory(municipality=gelsenkirchen.municipality, status=ListingStatus.DRAFT)
    assert not _bumps(Listing.objects.get(pk=listing.pk).delete)


def test_deleting_a_published_listing_bumps_the_version(ge_listing):
    assert _bumps(Listing.objects.get(pk=ge_listing.pk).delete)


def test_answering_a_listing_keeps_the_version(ge_listing, gelsenkirchen):
    neighbour = MemberFactory(municipality=gelsenkirchen.municipality)
    assert not _bumps(
        lambda: services.listing_respond(
            listing=ge_listing, sender=neighbour, message="Ich helfe gern.", share_email=False
        )
    )
