"""GET /api/v1/districts/: the districts (Quartiere) with their home page URLs."""

from rest_framework import serializers

from cms.places.models import District

from .base import (
    GERMAN_ONLY,
    ListParameters,
    Resource,
    endpoints,
)
from .enums import ItemType
from .places import district_home_urls


class DistrictSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    municipality = serializers.IntegerField()
    url = serializers.URLField(allow_null=True, help_text="Öffentliche Adresse der Startseite")
    updated_at = serializers.DateTimeField()
    languages = serializers.ListField(child=serializers.CharField())
    is_easy_language = serializers.BooleanField()


class DistrictParameters(ListParameters):
    municipality = serializers.SlugField(required=False, max_length=120)


class DistrictResource(Resource):
    item_type = ItemType.DISTRICT
    model = District
    item_serializer = DistrictSerializer
    parameters_class = DistrictParameters
    slug_filters = {"municipality": "municipality__slug"}

    def visible(self, request):
        return District.objects.all()

    def build(self, items, request, language):
        urls = district_home_urls([item.pk for item in items], request)
        return [
            {
                "id": item.pk,
                "name": item.name,
                "slug": item.slug,
                "municipality": item.municipality_id,
                "url": urls.get(item.pk),
                "updated_at": item.api_updated_at,
                **GERMAN_ONLY,
            }
            for item in items
        ]


DistrictList, DistrictDetail = endpoints(
    DistrictResource, summary="Quartiere", detail_summary="Ein Quartier"
)
