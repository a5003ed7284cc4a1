"""Demo reports and listing states: per municipality one open report, one listing
hidden by reports, a matched and an expired listing.

Three demo members ("Melderin/Melder …") report a listing, which hides it until a
moderator decides; one of them reports another listing once, which waits in the
queue without hiding anything. Idempotent.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cms.places.models import Municipality
from exchange.enums import ListingKind, ListingStatus, ListingType, MemberKind, MemberStatus
from exchange.models import Category, Listing
from exchange.selectors import public_listings
from moderation.models import Report, ReportReason

from .exchange import _member_ensure

HIDDEN_TITLE = "Sofa günstig abzugeben (Demo: durch Meldungen ausgeblendet)"
# Listings in the states no other demo listing has: a helper was found ("vermittelt"),
# and one past its date ("abgelaufen": published, but its "valid until" has passed).
STATE_LISTINGS = (
    ("Hilfe beim Umzug (Demo: vermittelt)", ListingStatus.MATCHED, 20),
    ("Adventskranz binden (Demo: abgelaufen)", ListingStatus.PUBLISHED, -3),
)


@transaction.atomic
def reports_demo_load() -> None:
    now = timezone.now()
    for municipality in Municipality.objects.filter(exchange_members__isnull=False).distinct():
        district = municipality.districts.order_by("pk").first()
        reporters = [
            _member_ensure(
                email=f"melder{number}.{municipality.slug}@quartier.invalid",
                display_name=f"Melder {number}.",
                municipality=municipality,
                district=district,
                kind=MemberKind.PERSON,
                status=MemberStatus.APPROVED,
                is_minor=False,
                network_profile="",
                now=now,
            )
            for number in (1, 2, 3)
        ]
        owner = (
            municipality.exchange_members.filter(status=MemberStatus.APPROVED, is_minor=False)
            .exclude(pk__in=[reporter.pk for reporter in reporters])
            .order_by("pk")
            .first()
        )
        category = Category.objects.filter(municipality=municipality).order_by("pk").first()
        if owner is None or category is None:
            continue
        for title, status, days in STATE_LISTINGS:
            Listing.objects.get_or_create(
                municipality=municipality,
                title=title,
                defaults={
                    "member": owner,
                    "kind": ListingKind.OFFER,
                    "listing_type": ListingType.NEIGHBOURLY_HELP,
                    "category": category,
                    "description": "Ein Beispiel-Eintrag der Demo.",
                    "district": district,
                    "valid_until": timezone.localdate() + timedelta(days=days),
                    "status": status,
                    "published_at": now,
                },
            )
        hidden, _created = Listing.objects.get_or_create(
            municipality=municipality,
            title=HIDDEN_TITLE,
            defaults={
                "member": owner,
                "kind": ListingKind.OFFER,
                "listing_type": ListingType.SWAP,
                "category": category,
                "description": "Ruft mich an, dann reden wir über den Preis. (Demo)",
                "district": district,
                "valid_until": timezone.localdate() + timedelta(days=30),
                "status": ListingStatus.PUBLISHED,
                "published_at": now,
            },
        )
        for reporter in reporters:
            _report_ensure(hidden, reporter, ReportReason.SPAM, "Das ist Verkauf, keine Hilfe.")
        reported = (
            public_listings()
            .filter(municipality=municipality)
            .exclude(member__in=reporters)
            .order_by("pk")
            .first()
        )
        if reported is not None:
            _report_ensure(
                reported, reporters[0], ReportReason.OFFENSIVE, "Der Ton ist unfreundlich."
            )


def _report_ensure(listing, reporter, reason, details) -> None:
    Report.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Listing),
        object_id=listing.pk,
        reporter=reporter.user,
        defaults={"municipality": listing.municipality, "reason": reason, "details": details},
    )
