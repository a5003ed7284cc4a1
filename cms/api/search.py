"""GET /api/v1/search/?q=: one search across pages, articles, events, providers, listings.

Pages go through the site's search over `visible_pages` (German full-text search on
PostgreSQL), listings through the exchange's own text filter over `public_listings`;
nothing else is searched, so nothing hidden can be found.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response
from wagtail.models import Locale

from cms.core.selectors import visible_pages
from cms.events.models import EventPage
from cms.home.models import DistrictHomePage, StandardPage
from cms.news.models import ArticlePage
from cms.providers.models import ProviderPage
from exchange.selectors import listings_filtered, public_listings

from .base import LANGUAGE_CODES, PROBLEM, ApiView, ProblemSerializer, language_of, parse
from .enums import ItemType
from .listings import ListingResource
from .sync import with_updated_at

MAX_RESULTS = 100
PAGE_TYPES = {
    ArticlePage: ItemType.ARTICLE,
    EventPage: ItemType.EVENT,
    ProviderPage: ItemType.PROVIDER,
    DistrictHomePage: ItemType.PAGE,
    StandardPage: ItemType.PAGE,
}
TYPE_CHOICES = sorted({*PAGE_TYPES.values(), ItemType.LISTING})


class SearchParameters(serializers.Serializer):
    q = serializers.CharField(max_length=200, help_text=_("Suchwörter"))
    type = serializers.ChoiceField(choices=TYPE_CHOICES, required=False)
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_RESULTS, default=20
    )
    locale = serializers.ChoiceField(choices=LANGUAGE_CODES, required=False)

    def validate_q(self, value: str) -> str:
        if "\x00" in value:
            raise serializers.ValidationError(_("Das Zeichen NUL ist nicht erlaubt."))
        if not value.strip():
            raise serializers.ValidationError(_("Bitte geben Sie ein Suchwort ein."))
        return value.strip()


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=TYPE_CHOICES)
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    locale = serializers.CharField()


class SearchAnswerSerializer(serializers.Serializer):
    results = SearchHitSerializer(many=True)


@extend_schema_view(
    get=extend_schema(
        operation_id="search",
        summary=_("Suche über alle Arten"),
        parameters=[SearchParameters],
        responses={
            200: SearchAnswerSerializer,
            304: None,
            (400, PROBLEM): ProblemSerializer,
            (429, PROBLEM): ProblemSerializer,
        },
    )
)
class Search(ApiView):
    def get(self, request):
        params = parse(SearchParameters, request)
        language = language_of(request, params)
        wanted = params.get("type")
        limit = params["page_size"]
        results = []
        page_models = [m for m, t in PAGE_TYPES.items() if wanted in (None, t)]
        if page_models:
            locales = dict(Locale.objects.values_list("pk", "language_code"))
            # The search backend filters on the locale column itself, not across the join.
            locale_ids = [pk for pk, code in locales.items() if code == language]
            pages = visible_pages().type(*page_models).filter(locale_id__in=locale_ids)
            for page in pages.specific().search(params["q"])[:limit]:
                results.append(
                    {
                        "id": page.pk,
                        "type": PAGE_TYPES.get(type(page), ItemType.PAGE),
                        "title": page.title,
                        "summary": page.listing_summary or getattr(page, "intro", "") or "",
                        "url": page.get_full_url(request=request),
                        "locale": locales.get(page.locale_id, "de"),
                    }
                )
        if wanted in (None, ItemType.LISTING):
            listings = listings_filtered(public_listings(), query=params["q"]).order_by("-pk")
            rows = ListingResource().build(
                list(ListingResource().for_build(_annotated(listings))[:limit]), request, language
            )
            results += [
                {
                    "id": row["id"],
                    "type": ItemType.LISTING,
                    "title": row["title"],
                    "summary": row["description"][:300],
                    "url": row["url"],
                    "locale": "de",
                }
                for row in rows
            ]
        return Response({"results": results[:limit]})


def _annotated(listings):
    return with_updated_at(listings, ItemType.LISTING, "updated_at")
