"""GET /api/v1/service-categories/ and /api/v1/listing-categories/."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cms.providers.models import ServiceCategory
from exchange.models import Category

from .base import (
    GERMAN_ONLY,
    ListParameters,
    Resource,
    endpoints,
)
from .base import languages_of as _languages_of
from .enums import ItemType


class ServiceCategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    locale = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    is_easy_language = serializers.BooleanField()
    updated_at = serializers.DateTimeField()


class ServiceCategoryResource(Resource):
    item_type = ItemType.SERVICE_CATEGORY
    model = ServiceCategory
    translatable = True
    item_serializer = ServiceCategorySerializer

    def visible(self, request):
        return ServiceCategory.objects.all()

    def for_build(self, queryset):
        return queryset.select_related("locale")

    def build(self, items, request, language):
        languages = _languages_of(ServiceCategory.objects.all(), [c.translation_key for c in items])
        return [
            {
                "id": item.pk,
                "slug": item.slug,
                "name": item.name,
                "description": item.description,
                "locale": item.locale.language_code,
                "languages": languages.get(item.translation_key, []),
                "is_easy_language": False,
                "updated_at": item.api_updated_at,
            }
            for item in items
        ]


ServiceCategoryList, ServiceCategoryDetail = endpoints(
    ServiceCategoryResource,
    summary=_("Leistungskategorien"),
    detail_summary=_("Eine Leistungskategorie"),
)


class ListingCategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    municipality = serializers.IntegerField()
    for_minors = serializers.BooleanField(help_text="Auch für Jugendliche unter 18")
    locale = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    is_easy_language = serializers.BooleanField()
    updated_at = serializers.DateTimeField()


class ListingCategoryParameters(ListParameters):
    municipality = serializers.SlugField(required=False, max_length=120)


class ListingCategoryResource(Resource):
    item_type = ItemType.LISTING_CATEGORY
    model = Category
    item_serializer = ListingCategorySerializer
    parameters_class = ListingCategoryParameters
    slug_filters = {"municipality": "municipality__slug"}

    def visible(self, request):
        return Category.objects.all()

    def build(self, items, request, language):
        return [
            {
                "id": item.pk,
                "slug": item.slug,
                "name": item.name,
                "municipality": item.municipality_id,
                "for_minors": item.for_minors,
                "locale": "de",
                **GERMAN_ONLY,
                "updated_at": item.api_updated_at,
            }
            for item in items
        ]


ListingCategoryList, ListingCategoryDetail = endpoints(
    ListingCategoryResource,
    summary=_("Kategorien der Nachbarschaftshilfe"),
    detail_summary=_("Eine Kategorie der Nachbarschaftshilfe"),
)
