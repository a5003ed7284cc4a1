"""/api/v1/: read endpoints, schema and docs; resident sign-in (`auth/`) and actions
(`me/`, answering a listing) with a token."""

from django.http import Http404
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.views import APIView

from . import (
    answers,
    articles,
    auth,
    categories,
    districts,
    events,
    listings,
    me,
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


class NotFound(APIView):
    """Any other address below /api/v1/ (a negative id, a typo), with any method: a
    problem-details 404, never the site's HTML page or its CSRF refusal."""

    authentication_classes = ()
    permission_classes = ()
    schema = None

    def not_found(self, request, *args, **kwargs):
        raise Http404

    get = post = put = patch = delete = options = not_found


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
    path("listings/<int:pk>/answers/", answers.ListingAnswer.as_view(), name="listing-answer"),
    path("search/", search.Search.as_view(), name="search"),
    path("auth/login/", auth.Login.as_view(), name="auth-login"),
    path("auth/logout/", auth.Logout.as_view(), name="auth-logout"),
    path("auth/logout-all/", auth.LogoutAll.as_view(), name="auth-logout-all"),
    path("me/", me.MeView.as_view(), name="me"),
    path("me/listings/", me.OwnListingList.as_view(), name="me-listing-list"),
    path("me/listings/<int:pk>/", me.OwnListingDetail.as_view(), name="me-listing-detail"),
    path("me/listings/<int:pk>/close/", me.OwnListingClose.as_view(), name="me-listing-close"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", NotFound.as_view(), name="not-found"),
]
