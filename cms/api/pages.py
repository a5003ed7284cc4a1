"""GET /api/v1/pages/: district home pages and standard pages (about us, contact…).

An app shows a district's start page and its contact from here; the body, with its
contact cards, is in the detail answer.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.models import Page

from cms.core.selectors import visible_pages
from cms.home.models import DistrictHomePage, StandardPage

from .articles import homes_of
from .base import (
    ListParameters,
    Resource,
    endpoints,
)
from .enums import ItemType
from .html import plain_text, sanitised_html
from .page_items import PageFacts, PageItemSerializer, within_page

PAGE_TYPES = {DistrictHomePage: "district_home", StandardPage: "standard"}
PAGE_TYPE_CHOICES = list(PAGE_TYPES.values())


class PageSerializer(PageItemSerializer):
    type = serializers.ChoiceField(choices=PAGE_TYPE_CHOICES)
    parent = serializers.IntegerField(allow_null=True)
    district = serializers.IntegerField(allow_null=True)
    intro = serializers.CharField()


class PageDetailSerializer(PageSerializer):
    body_html = serializers.CharField(help_text="Inhalt mit Kontaktkarten als bereinigtes HTML")
    body_text = serializers.CharField()


class PageParameters(ListParameters):
    municipality = serializers.SlugField(required=False, max_length=120)
    district = serializers.SlugField(required=False, max_length=120)
    type = serializers.ChoiceField(choices=PAGE_TYPE_CHOICES, required=False)


class PageResource(Resource):
    item_type = ItemType.PAGE
    model = Page
    own_timestamp = "last_published_at"
    translatable = True
    item_serializer = PageSerializer
    parameters_class = PageParameters

    def visible(self, request):
        return visible_pages(request=request).type(*PAGE_TYPES)

    def filter(self, queryset, params, request):
        for home in homes_of(params).values():
            queryset = within_page(queryset, home)
        if params.get("type"):
            model = next(m for m, name in PAGE_TYPES.items() if name == params["type"])
            queryset = queryset.exact_type(model)
        return queryset

    def build(self, items, request, language):
        facts = PageFacts(items, request)
        # One query per page type whatever the page holds (not `.specific()`, whose
        # number of queries depends on which types the page happens to contain).
        ids = [item.pk for item in items]
        specific = {
            page.pk: page for model in PAGE_TYPES for page in model.objects.filter(pk__in=ids)
        }
        district_homes = list(DistrictHomePage.objects.values_list("path", "district_id"))
        parents = dict(
            Page.objects.filter(path__in={i.path[: -Page.steplen] for i in items}).values_list(
                "path", "pk"
            )
        )
        results = []
        for item in items:
            page = specific[item.pk]
            page.api_updated_at = item.api_updated_at
            data = {
                **facts.of(page),
                "type": PAGE_TYPES.get(type(page), "standard"),
                "parent": parents.get(item.path[: -Page.steplen]),
                "district": next(
                    (d for path, d in district_homes if item.path.startswith(path)), None
                ),
                "intro": page.intro,
                "summary": page.listing_summary or page.intro,
            }
            if self.detail:
                html = str(page.body)
                data["body_html"] = sanitised_html(html)
                data["body_text"] = plain_text(html)
            results.append(data)
        return results


PageList, PageDetail = endpoints(
    PageResource,
    summary=_("Seiten: Quartiers-Startseiten und Inhaltsseiten"),
    detail_summary=_("Eine Seite mit Inhalt"),
    detail_serializer=PageDetailSerializer,
)
