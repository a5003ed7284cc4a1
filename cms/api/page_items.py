"""What every page-based item shows (articles, pages, events, providers), built per page.

The pieces here take a whole page of items and answer with one query each (languages,
images with their renditions), so an endpoint's query count does not grow with its
page size.
"""

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers
from wagtail.images import get_image_model

from cms.core.selectors import visible_pages

from .base import languages_of, locale_codes

# The fixed sizes an app gets; a few, so that renditions are made once and cached.
RENDITIONS = {"small": "fill-320x180", "medium": "fill-640x360", "large": "max-1280x960"}


def with_images(queryset: QuerySet, field: str) -> QuerySet:
    """Fetch the image of each item with its renditions in two queries."""
    images = get_image_model().objects.prefetch_renditions(*RENDITIONS.values())
    return queryset.prefetch_related(Prefetch(field, queryset=images))


def image_json(image, alt_text: str, request) -> dict | None:
    if image is None:
        return None
    renditions = {}
    for size, spec in RENDITIONS.items():
        rendition = image.get_rendition(spec)
        renditions[size] = {
            "url": request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    return {"alt": alt_text, "renditions": renditions}


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class RenditionsSerializer(serializers.Serializer):
    small = RenditionSerializer(help_text="320 × 180, zugeschnitten")
    medium = RenditionSerializer(help_text="640 × 360, zugeschnitten")
    large = RenditionSerializer(help_text="höchstens 1280 × 960")


class ImageSerializer(serializers.Serializer):
    alt = serializers.CharField(help_text="Alternativtext für Menschen, die das Bild nicht sehen")
    renditions = RenditionsSerializer()


class PageItemSerializer(serializers.Serializer):
    """The fields every page-based item carries."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.URLField(allow_null=True, help_text="Öffentliche Adresse auf der Website")
    locale = serializers.CharField(help_text="Die Sprache, in der dieser Eintrag vorliegt")
    languages = serializers.ListField(
        child=serializers.CharField(), help_text="Alle Sprachen, in denen es ihn gibt"
    )
    is_easy_language = serializers.BooleanField(help_text="In Leichter Sprache geschrieben")
    updated_at = serializers.DateTimeField()
    summary = serializers.CharField()


class PageFacts:
    """The common fields of a page of items: URLs and languages in one query each."""

    def __init__(self, items, request):
        self.request = request
        self.languages = languages_of(
            visible_pages(request=request), [item.translation_key for item in items]
        )
        self.locales = locale_codes(request)

    def of(self, item) -> dict:
        return {
            "id": item.pk,
            "title": item.title,
            "slug": item.slug,
            "url": item.get_full_url(request=self.request),
            "locale": self.locales.get(item.locale_id, "de"),
            "languages": self.languages.get(item.translation_key, []),
            "is_easy_language": item.is_easy_language,
            "updated_at": item.api_updated_at,
            "summary": item.listing_summary or getattr(item, "intro", "") or "",
        }


def reference(page, request) -> dict:
    """A visible page another item names (an organiser, a related event)."""
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request=request)}


class ReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


def within_page(queryset: QuerySet, home) -> QuerySet:
    """Items below a portal or district home (a path prefix)."""
    if home is None:
        return queryset.none()
    return queryset.filter(path__startswith=home.path)
