"""GET /api/v1/articles/: news and press releases of a portal or district."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cms.home.models import DistrictHomePage, PortalHomePage
from cms.news.enums import ArticleKind
from cms.news.models import ArticleEventLink, ArticlePage
from cms.news.selectors import visible_articles

from .base import (
    ListParameters,
    Resource,
    endpoints,
)
from .enums import ItemType
from .events import visible_events
from .html import plain_text, sanitised_html
from .page_items import (
    ImageSerializer,
    PageFacts,
    PageItemSerializer,
    ReferenceSerializer,
    image_json,
    reference,
    with_images,
    within_page,
)


class ArticleSerializer(PageItemSerializer):
    kind = serializers.ChoiceField(choices=ArticleKind.choices)
    date = serializers.DateField()
    intro = serializers.CharField()
    municipality = serializers.IntegerField(allow_null=True)
    district = serializers.IntegerField(allow_null=True)
    tags = serializers.ListField(child=serializers.CharField())
    lead_image = ImageSerializer(allow_null=True)
    lead_image_credit = serializers.CharField()
    events = ReferenceSerializer(many=True, help_text="Öffentliche Veranstaltungen zum Artikel")


class ArticleDetailSerializer(ArticleSerializer):
    body_html = serializers.CharField(help_text="Inhalt als bereinigtes HTML")
    body_text = serializers.CharField(help_text="Inhalt als reiner Text")


class ArticleParameters(ListParameters):
    municipality = serializers.SlugField(required=False, max_length=120)
    district = serializers.SlugField(required=False, max_length=120)
    kind = serializers.ChoiceField(choices=ArticleKind.choices, required=False)
    tag = serializers.SlugField(required=False, max_length=100)


def homes_of(params: dict) -> dict:
    """Portal and district homes named by slug, for path-prefix filters."""
    homes = {}
    if params.get("municipality"):
        homes["municipality"] = PortalHomePage.objects.filter(
            municipality__slug=params["municipality"], locale__language_code="de"
        ).first()
    if params.get("district"):
        homes["district"] = DistrictHomePage.objects.filter(
            district__slug=params["district"], locale__language_code="de"
        ).first()
    return homes


class ArticleResource(Resource):
    item_type = ItemType.ARTICLE
    model = ArticlePage
    own_timestamp = "last_published_at"
    translatable = True
    item_serializer = ArticleSerializer
    parameters_class = ArticleParameters

    def visible(self, request):
        return visible_articles()

    def filter(self, queryset, params, request):
        for home in homes_of(params).values():
            queryset = within_page(queryset, home)
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        if params.get("tag"):
            queryset = queryset.filter(tags__slug=params["tag"]).distinct()
        return queryset

    def for_build(self, queryset):
        return with_images(queryset, "lead_image").prefetch_related("tags", _visible_event_links())

    def build(self, items, request, language):
        facts = PageFacts(items, request)
        places = _places_of(items)
        results = []
        for item in items:
            data = {
                **facts.of(item),
                "kind": item.kind,
                "date": item.date,
                "intro": item.intro,
                **places.get(item.pk, {"municipality": None, "district": None}),
                "tags": sorted(tag.slug for tag in item.tags.all()),
                "lead_image": image_json(item.lead_image, item.lead_image_alt_text, request),
                "lead_image_credit": item.lead_image_credit,
                "events": [reference(link.event, request) for link in item.visible_event_links],
            }
            if self.detail:
                html = str(item.body)
                data["body_html"] = sanitised_html(html)
                data["body_text"] = plain_text(html)
            results.append(data)
        return results


def _visible_event_links() -> Prefetch:
    """Only the linked events any visitor may see: an embedded item obeys the same rule."""
    return Prefetch(
        "event_links",
        queryset=ArticleEventLink.objects.filter(event__in=visible_events().values("pk"))
        .select_related("event")
        .order_by("sort_order"),
        to_attr="visible_event_links",
    )


def _places_of(items) -> dict:
    """The municipality and district each article belongs to, from the tree, in 2 queries."""
    paths = {item.pk: item.path for item in items}
    portals = list(PortalHomePage.objects.values_list("path", "municipality_id"))
    districts = list(DistrictHomePage.objects.values_list("path", "district_id"))
    places = {}
    for pk, path in paths.items():
        municipality = next((m for p, m in portals if path.startswith(p)), None)
        district = next((d for p, d in districts if path.startswith(p)), None)
        places[pk] = {"municipality": municipality, "district": district}
    return places


ArticleList, ArticleDetail = endpoints(
    ArticleResource,
    summary=_("Artikel (Nachrichten und Pressemitteilungen)"),
    detail_summary=_("Ein Artikel mit Inhalt"),
    detail_serializer=ArticleDetailSerializer,
)
