"""Factories of the exchange: approved members, categories, listings, proxy clients."""

from datetime import timedelta

import factory
from django.utils import timezone

from exchange.enums import ListingKind, ListingStatus, ListingType, MemberStatus
from exchange.models import PROXY_CONSENT_VERSION, Category, Listing, Member, ProxyClient
from tests.factories import UserFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Kategorie {n}")


class MemberFactory(factory.django.DjangoModelFactory):
    """An approved resident with a confirmed e-mail address; pass `municipality`."""

    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"bewohner{n}"))
    district = factory.LazyAttribute(lambda member: member.municipality.districts.first())
    display_name = factory.Sequence(lambda n: f"Nachbarin {n}.")
    status = MemberStatus.APPROVED
    email_confirmed_at = factory.LazyFunction(timezone.now)


class ProxyClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProxyClient

    district = factory.LazyAttribute(lambda client: client.municipality.districts.first())
    name = factory.Sequence(lambda n: f"Person ohne Internet {n}")
    display_name = "Frau K."
    how_to_reach = "Über das Quartiersbüro, Telefon 0209 999 999"
    paper_consent_version = PROXY_CONSENT_VERSION
    paper_consent_given_at = factory.LazyFunction(timezone.localdate)


class ListingFactory(factory.django.DjangoModelFactory):
    """A published listing of an approved member (or of `proxy_client=` with member=None)."""

    class Meta:
        model = Listing

    member = factory.SubFactory(MemberFactory, municipality=factory.SelfAttribute("..municipality"))
    kind = ListingKind.OFFER
    listing_type = ListingType.NEIGHBOURLY_HELP
    category = factory.SubFactory(
        CategoryFactory, municipality=factory.SelfAttribute("..municipality")
    )
    title = factory.Sequence(lambda n: f"Hilfe beim Einkaufen {n}")
    description = "Ich gehe dienstags zum Markt und nehme Ihren Einkaufszettel mit."
    district = factory.LazyAttribute(lambda listing: listing.municipality.districts.first())
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    status = ListingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
