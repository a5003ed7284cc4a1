"""GET /api/v1/providers/: the directory, with its filters and German full-text search."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from cms.core.models import AccessibilityFeatures
from cms.providers.enums import ProviderKind, Weekday
from cms.providers.models import ProviderPage, ServiceCategory
from cms.providers.selectors import cooperation_partners, listed_providers

from .articles import homes_of
from .base import (
    ListParameters,
    Resource,
    endpoints,
)
from .enums import ItemType
from .events import AccessibilitySerializer, accessibility_json
from .html import plain_text, sanitised_html
from .page_items import (
    CategorySerializer,
    ImageSerializer,
    PageFacts,
    PageItemSerializer,
    ReferenceSerializer,
    image_json,
    reference,
    with_images,
    within_page,
)

# Full-text search answers at most this many providers; a directory is smaller.
MAX_SEARCH_RESULTS = 1000


class ProviderParameters(ListParameters):
    q = serializers.CharField(
        required=False, max_length=200, help_text=_("Suchwörter (deutsche Volltextsuche)")
    )
    municipality = serializers.SlugField(required=False, max_length=120)
    district = serializers.SlugField(required=False, max_length=120)
    category = serializers.SlugField(required=False, max_length=80)
    kind = serializers.ChoiceField(choices=ProviderKind.choices, required=False)

    def validate_q(self, value: str) -> str:
        if "\x00" in value:
            raise serializers.ValidationError(_("Das Zeichen NUL ist nicht erlaubt."))
        return value


for _name in AccessibilityFeatures.ACCESSIBILITY_FIELDS:
    ProviderParameters._declared_fields[_name] = serializers.BooleanField(
        required=False,
        help_text=str(AccessibilityFeatures._meta.get_field(_name).verbose_name),
    )


class OpeningHoursSerializer(serializers.Serializer):
    weekday = serializers.ChoiceField(choices=Weekday.choices, help_text="0 = Montag")
    opens = serializers.CharField(help_text="Ortszeit, HH:MM")
    closes = serializers.CharField(help_text="Ortszeit, HH:MM")
    note = serializers.CharField()


class ServiceSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField()
    category = serializers.IntegerField(allow_null=True)


class ContactSerializer(serializers.Serializer):
    street = serializers.CharField(allow_null=True)
    postcode = serializers.CharField(allow_null=True)
    city = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    website = serializers.CharField()


class ProviderSerializer(PageItemSerializer):
    kind = serializers.ChoiceField(choices=ProviderKind.choices)
    categories = CategorySerializer(many=True)
    districts_served = serializers.ListField(child=serializers.IntegerField())
    tags = serializers.ListField(child=serializers.CharField())
    contact = ContactSerializer(help_text="Nur was der Anbieter öffentlich zeigen lässt")
    opening_hours = OpeningHoursSerializer(many=True)
    services = ServiceSerializer(many=True)
    accessibility = AccessibilitySerializer()
    logo = ImageSerializer(allow_null=True)


class ProviderDetailSerializer(ProviderSerializer):
    description_html = serializers.CharField()
    description_text = serializers.CharField()
    partners = ReferenceSerializer(many=True, help_text="Öffentliche Kooperationspartner")


class ProviderResource(Resource):
    item_type = ItemType.PROVIDER
    model = ProviderPage
    own_timestamp = "last_published_at"
    translatable = True
    item_serializer = ProviderSerializer
    parameters_class = ProviderParameters

    def visible(self, request):
        return listed_providers()

    def filter(self, queryset, params, request):
        if params.get("municipality"):
            queryset = within_page(queryset, homes_of(params)["municipality"])
        if params.get("district"):
            queryset = queryset.filter(districts_served__slug=params["district"])
        if params.get("category"):
            queryset = queryset.filter(categories__slug=params["category"])
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        for name in AccessibilityFeatures.ACCESSIBILITY_FIELDS:
            if params.get(name):
                queryset = queryset.filter(**{name: True})
        if params.get("q", "").strip():
            matches = ProviderPage.objects.filter(pk__in=listed_providers().values("pk")).search(
                params["q"]
            )[:MAX_SEARCH_RESULTS]
            queryset = queryset.filter(pk__in=[match.pk for match in matches])
        return queryset.distinct()

    def for_build(self, queryset):
        return with_images(queryset, "logo").prefetch_related(
            Prefetch("categories", queryset=ServiceCategory.objects.only("pk", "slug", "name")),
            "districts_served",
            "tags",
            "opening_hours",
            "services",
        )

    def build(self, items, request, language):
        facts = PageFacts(items, request)
        results = []
        for item in items:
            data = {
                **facts.of(item),
                "kind": item.kind,
                "categories": [
                    {"id": c.pk, "slug": c.slug, "name": c.name} for c in item.categories.all()
                ],
                "districts_served": sorted(d.pk for d in item.districts_served.all()),
                "tags": sorted(tag.slug for tag in item.tags.all()),
                "contact": {
                    "street": item.street if item.show_address else None,
                    "postcode": item.postcode if item.show_address else None,
                    "city": item.city if item.show_address else None,
                    "phone": item.phone if item.show_phone else None,
                    "email": item.email if item.show_email else None,
                    "website": item.website,
                },
                "opening_hours": [
                    {
                        "weekday": h.weekday,
                        "opens": f"{h.opens:%H:%M}",
                        "closes": f"{h.closes:%H:%M}",
                        "note": h.note,
                    }
                    for h in item.opening_hours.all()
                ],
                "services": [
                    {"title": s.title, "description": s.description, "category": s.category_id}
                    for s in item.services.all()
                ],
                "accessibility": accessibility_json(item),
                "logo": image_json(item.logo, item.logo_alt_text, request),
            }
            if self.detail:
                html = expand_db_html(item.description)
                data["description_html"] = sanitised_html(html)
                data["description_text"] = plain_text(html)
                data["partners"] = [
                    reference(partner, request) for partner in cooperation_partners(item)
                ]
            results.append(data)
        return results


ProviderList, ProviderDetail = endpoints(
    ProviderResource,
    summary=_("Anbieter (Verzeichnis)"),
    detail_summary=_("Ein Anbieter"),
    detail_serializer=ProviderDetailSerializer,
)
