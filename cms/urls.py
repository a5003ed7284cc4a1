from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.core.sitemaps import VisiblePagesSitemap
from cms.search import views as search_views
from exchange import views as exchange_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
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
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

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
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
