"""GET /api/v1/municipalities/: the municipalities with their portal URLs."""

from rest_framework import serializers

from cms.places.models import Municipality

from .base import (
    GERMAN_ONLY,
    Resource,
    endpoints,
)
from .enums import ItemType
from .places import portal_urls


class MunicipalitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    official_key = serializers.CharField(help_text="Amtlicher Gemeindeschlüssel")
    region = serializers.CharField(allow_null=True)
    url = serializers.URLField(allow_null=True, help_text="Öffentliche Adresse des Portals")
    updated_at = serializers.DateTimeField()
    languages = serializers.ListField(child=serializers.CharField())
    is_easy_language = serializers.BooleanField()


class MunicipalityResource(Resource):
    item_type = ItemType.MUNICIPALITY
    model = Municipality
    item_serializer = MunicipalitySerializer

    def visible(self, request):
        return Municipality.objects.all()

    def for_build(self, queryset):
        return queryset.select_related("region")

    def build(self, items, request, language):
        urls = portal_urls([item.pk for item in items], request)
        return [
            {
                "id": item.pk,
                "name": item.name,
                "slug": item.slug,
                "official_key": item.official_key,
                "region": item.region.name if item.region else None,
                "url": urls.get(item.pk),
                "updated_at": item.api_updated_at,
                **GERMAN_ONLY,
            }
            for item in items
        ]


MunicipalityList, MunicipalityDetail = endpoints(
    MunicipalityResource, summary="Kommunen", detail_summary="Eine Kommune"
)
