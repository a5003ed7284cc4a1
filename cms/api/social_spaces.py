"""GET /api/v1/social-spaces/: parishes, schools, villages… with their district's URL."""

from rest_framework import serializers

from cms.places.enums import SocialSpaceKind
from cms.places.models import SocialSpace

from .base import (
    GERMAN_ONLY,
    ListParameters,
    Resource,
    endpoints,
)
from .enums import ItemType
from .places import district_home_urls


class SocialSpaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    kind = serializers.ChoiceField(choices=SocialSpaceKind.choices)
    district = serializers.IntegerField()
    url = serializers.URLField(allow_null=True, help_text="Startseite des Quartiers")
    updated_at = serializers.DateTimeField()
    languages = serializers.ListField(child=serializers.CharField())
    is_easy_language = serializers.BooleanField()


class SocialSpaceParameters(ListParameters):
    district = serializers.SlugField(required=False, max_length=120)
    kind = serializers.ChoiceField(choices=SocialSpaceKind.choices, required=False)


class SocialSpaceResource(Resource):
    item_type = ItemType.SOCIAL_SPACE
    model = SocialSpace
    item_serializer = SocialSpaceSerializer
    parameters_class = SocialSpaceParameters
    slug_filters = {"district": "district__slug"}

    def visible(self, request):
        return SocialSpace.objects.all()

    def filter(self, queryset, params, request):
        queryset = super().filter(queryset, params, request)
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        return queryset

    def build(self, items, request, language):
        urls = district_home_urls([item.district_id for item in items], request)
        return [
            {
                "id": item.pk,
                "name": item.name,
                "slug": item.slug,
                "kind": item.kind,
                "district": item.district_id,
                "url": urls.get(item.district_id),
                "updated_at": item.api_updated_at,
                **GERMAN_ONLY,
            }
            for item in items
        ]


SocialSpaceList, SocialSpaceDetail = endpoints(
    SocialSpaceResource, summary="Sozialräume", detail_summary="Ein Sozialraum"
)
