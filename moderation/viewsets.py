"""The reports queue in the Wagtail admin menu, shown to whoever moderates reports."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import admin_views, reports


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        # Read once per request, like the roles of the other menu items.
        if not hasattr(request, "_quartier_moderates_anything"):
            request._quartier_moderates_anything = reports.user_moderates_anything(request.user)
        return request._quartier_moderates_anything


class ReportViewSet(ViewSet):
    """Reports of abuse: the queue, one reported object, the decision."""

    name = "moderation_reports"
    url_prefix = "meldungen"
    menu_label = _("Meldungen")
    icon = "warning"
    menu_item_class = ReportsMenuItem
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [
            path("", admin_views.queue, name="index"),
            path("<slug:kind>/<int:pk>/", admin_views.detail, name="detail"),
            path("<slug:kind>/<int:pk>/entscheiden/", admin_views.decide, name="decide"),
        ]
