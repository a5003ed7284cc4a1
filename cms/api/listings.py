"""GET /api/v1/listings/: the exchange's public listings, without anything personal.

A listing here shows what its public page shows of the help asked or offered, never
the name, address, phone or e-mail of whoever posted it: contact goes through the
platform.
"""

from datetime import datetime, time, timedelta
from urllib.parse import urljoin

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from exchange.enums import ListingKind, ListingStatus, ListingType
from exchange.models import Listing
from exchange.selectors import listings_filtered, public_listings

from .base import (
    GERMAN_ONLY,
    ListParameters,
    Resource,
    endpoints,
)
from .enums import DepartureReason, ItemType
from .page_items import CategorySerializer
from .places import portal_urls

COLUMNS = (
    "id",
    "municipality_id",
    "kind",
    "listing_type",
    "pocket_money_amount",
    "category_id",
    "category__slug",
    "category__name",
    "title",
    "description",
    "district_id",
    "locality",
    "social_space_id",
    "valid_until",
    "published_at",
    "updated_at",
)


class ListingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField(allow_null=True)
    municipality = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ListingKind.choices)
    listing_type = serializers.ChoiceField(choices=ListingType.choices)
    pocket_money_amount = serializers.DecimalField(
        max_digits=8, decimal_places=2, allow_null=True, coerce_to_string=True
    )
    category = CategorySerializer()
    title = serializers.CharField()
    description = serializers.CharField()
    district = serializers.IntegerField()
    locality = serializers.CharField(help_text="Ort oder Straße, ohne Hausnummer")
    social_space = serializers.IntegerField(allow_null=True)
    valid_until = serializers.DateField()
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    locale = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    is_easy_language = serializers.BooleanField()


class ListingParameters(ListParameters):
    municipality = serializers.SlugField(required=False, max_length=120)
    district = serializers.SlugField(required=False, max_length=120)
    social_space = serializers.SlugField(required=False, max_length=120)
    category = serializers.SlugField(required=False, max_length=80)
    kind = serializers.ChoiceField(choices=ListingKind.choices, required=False)
    listing_type = serializers.ChoiceField(choices=ListingType.choices, required=False)
    q = serializers.CharField(required=False, max_length=200, help_text=_("Suchwörter"))

    def validate_q(self, value: str) -> str:
        if "\x00" in value:
            raise serializers.ValidationError(_("Das Zeichen NUL ist nicht erlaubt."))
        return value


class ListingResource(Resource):
    item_type = ItemType.LISTING
    model = Listing
    own_timestamp = "updated_at"
    item_serializer = ListingSerializer
    parameters_class = ListingParameters
    slug_filters = {
        "municipality": "municipality__slug",
        "district": "district__slug",
        "social_space": "social_space__slug",
        "category": "category__slug",
    }

    def visible(self, request):
        # Anonymous: what any visitor sees (minors' narrowing applies to signed-in
        # members only, which the read API does not have).
        return public_listings()

    def filter(self, queryset, params, request):
        return listings_filtered(
            super().filter(queryset, params, request),
            kind=params.get("kind", ""),
            listing_type=params.get("listing_type", ""),
            query=params.get("q", ""),
        )

    def for_build(self, queryset):
        return queryset.values(*COLUMNS, "api_updated_at")

    def build(self, items, request, language):
        portals = portal_urls({row["municipality_id"] for row in items}, request)
        results = []
        for row in items:
            portal = portals.get(row["municipality_id"])
            path = reverse("exchange:listing_detail", kwargs={"pk": row["id"]})
            results.append(
                {
                    "id": row["id"],
                    "url": urljoin(portal, path) if portal else None,
                    "municipality": row["municipality_id"],
                    "kind": row["kind"],
                    "listing_type": row["listing_type"],
                    "pocket_money_amount": (
                        None
                        if row["pocket_money_amount"] is None
                        else f"{row['pocket_money_amount']:.2f}"
                    ),
                    "category": {
                        "id": row["category_id"],
                        "slug": row["category__slug"],
                        "name": row["category__name"],
                    },
                    "title": row["title"],
                    "description": row["description"],
                    "district": row["district_id"],
                    "locality": row["locality"],
                    "social_space": row["social_space_id"],
                    "valid_until": row["valid_until"],
                    "published_at": row["published_at"],
                    "updated_at": row["api_updated_at"],
                    "locale": "de",
                    **GERMAN_ONLY,
                }
            )
        return results

    def computed_tombstones(self, since) -> list[dict]:
        """Listings that expired since then: no signal fires when a date passes.

        A listing is gone from the start of the day after its last valid day.
        """
        today = timezone.localdate()
        expired = Listing.objects.filter(
            status=ListingStatus.PUBLISHED,
            valid_until__lt=today,
            valid_until__gte=timezone.localtime(since).date() - timedelta(days=1),
        ).values_list("pk", "valid_until")
        tombstones = []
        for pk, valid_until in expired:
            gone_at = timezone.make_aware(datetime.combine(valid_until + timedelta(days=1), time()))
            if gone_at > since:
                tombstones.append(
                    {
                        "id": pk,
                        "type": self.item_type,
                        "deleted_at": gone_at,
                        "reason": DepartureReason.EXPIRED,
                    }
                )
        return tombstones


ListingList, ListingDetail = endpoints(
    ListingResource,
    summary=_("Einträge der Nachbarschaftshilfe"),
    detail_summary=_("Ein Eintrag der Nachbarschaftshilfe"),
)
