from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.core import page_routes
from cms.core import views as core_views
from cms.core.admin_reports import ScopedPageTypesUsageReportView
from cms.core.sitemaps import VisiblePagesSitemap
from cms.search import views as search_views
from exchange import views as exchange_views

urlpatterns = [
    # Before Wagtail's own views at these addresses: logout only by POST, and the
    # password forms with the sign-in lockout (cms.core.signin).
    path("admin/logout/", core_views.AdminLogoutView.as_view(), name="wagtailadmin_logout"),
    # Wagtail's page types usage report, at its own address, counting only the
    # user's own page trees (Wagtail's core admin URLs cannot be replaced by hooks).
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(ScopedPageTypesUsageReportView.as_view()),
        name="quartier_page_types_usage",
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(ScopedPageTypesUsageReportView.as_view(results_only=True)),
        name="quartier_page_types_usage_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        core_views.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("ical/", include("cms.events.urls")),
    path("api/v1/", include("cms.api.urls")),
    path("", include("themes.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": VisiblePagesSitemap}}),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents go through Wagtail's checked view (/documents/<id>/…),
    # never straight from the media folder, where private scans lie too.
    for folder in ("images", "original_images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=Path(settings.MEDIA_ROOT) / folder
        )

# German is served without a prefix, other languages under /en/, /tr/, /ar/, /uk/.
urlpatterns += i18n_patterns(
    path("suche/", search_views.search, name="search"),
    path("nachbarschaftshilfe/", include("exchange.urls")),
    path("programm/", include("cms.printing.urls")),
    # The short address of a listing printed on notices: /eintrag/12 (slash optional).
    re_path(
        r"^eintrag/(?P<pk>[0-9]+)/?$",
        exchange_views.listing_short_link,
        name="listing_short_link",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        core_views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's page view, with the route of a GET kept under the content version.
    re_path(page_routes.serve_pattern, page_routes.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database that is away gets a clear 503 page, any other error the 500 page
# (cms/core/unavailable.py).
handler500 = "cms.core.unavailable.server_error_or_unavailable"
