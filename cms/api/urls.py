"""/api/v1/: read endpoints, schema and docs.

Resident sign-in and actions will live beside them under `auth/` and `me/`
(e.g. /api/v1/auth/token/, /api/v1/me/listings/), so no public path uses those names.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import (
    articles,
    categories,
    districts,
    events,
    listings,
    municipalities,
    occurrences,
    pages,
    providers,
    search,
    social_spaces,
)
from .base import ConditionalMixin

app_name = "api"


class SchemaView(ConditionalMixin, SpectacularAPIView):
    """The OpenAPI 3 schema; clients may poll it conditionally like everything else."""

    authentication_classes = ()


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the project's own static files, its start script a file too (CSP)."""

    authentication_classes = ()


def _item(prefix: str, list_view, detail_view, name: str) -> list:
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}-list"),
        path(f"{prefix}/<int:pk>/", detail_view.as_view(), name=f"{name}-detail"),
    ]


urlpatterns = [
    *_item(
        "municipalities",
        municipalities.MunicipalityList,
        municipalities.MunicipalityDetail,
        "municipality",
    ),
    *_item("districts", districts.DistrictList, districts.DistrictDetail, "district"),
    *_item(
        "social-spaces",
        social_spaces.SocialSpaceList,
        social_spaces.SocialSpaceDetail,
        "social-space",
    ),
    *_item("articles", articles.ArticleList, articles.ArticleDetail, "article"),
    *_item("pages", pages.PageList, pages.PageDetail, "page"),
    *_item("events", events.EventList, events.EventDetail, "event"),
    path("occurrences/", occurrences.OccurrenceList.as_view(), name="occurrence-list"),
    *_item("providers", providers.ProviderList, providers.ProviderDetail, "provider"),
    *_item(
        "service-categories",
        categories.ServiceCategoryList,
        categories.ServiceCategoryDetail,
        "service-category",
    ),
    *_item("listings", listings.ListingList, listings.ListingDetail, "listing"),
    *_item(
        "listing-categories",
        categories.ListingCategoryList,
        categories.ListingCategoryDetail,
        "listing-category",
    ),
    path("search/", search.Search.as_view(), name="search"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
]
