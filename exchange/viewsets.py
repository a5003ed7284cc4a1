"""The exchange's admin menu and URLs: one viewset per screen group, shown by role."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from cms.roles.enums import Role
from cms.roles.permissions import roles_held

from . import admin_dashboard, admin_views, conversation_admin_views, legal_admin_views


def _menu_item_class(role: Role):
    class RoleMenuItem(MenuItem):
        """Shown only to users who hold the role somewhere (and to superusers)."""

        def is_shown(self, request):
            return role in roles_held(request)

    return RoleMenuItem


class MemberViewSet(ViewSet):
    """The approval queue and member moderation (approve, reject, block)."""

    name = "exchange_members"
    url_prefix = "nachbarschaftshilfe/mitglieder"
    menu_label = _("Mitglieder")
    icon = "user"
    menu_item_class = _menu_item_class(Role.MUNICIPALITY_ADMIN)

    def get_urlpatterns(self):
        return [
            path("", admin_views.member_index, name="index"),
            path("<int:pk>/", admin_views.member_detail, name="detail"),
            path("<int:pk>/<slug:action>/", admin_views.member_action, name="action"),
        ]


class ListingViewSet(ViewSet):
    """Listing moderation: approve, remove with a reason, restore."""

    name = "exchange_listings"
    url_prefix = "nachbarschaftshilfe/eintraege"
    menu_label = _("Einträge")
    icon = "list-ul"
    menu_item_class = _menu_item_class(Role.MUNICIPALITY_ADMIN)

    def get_urlpatterns(self):
        return [
            path("", admin_views.listing_index, name="index"),
            path("<int:pk>/", admin_views.listing_detail, name="detail"),
            path("<int:pk>/text/", admin_views.listing_edit_text, name="edit_text"),
            path("<int:pk>/<slug:action>/", admin_views.listing_action, name="action"),
        ]


class CategoryViewSet(ViewSet):
    """The municipality's categories of listings."""

    name = "exchange_categories"
    url_prefix = "nachbarschaftshilfe/kategorien"
    menu_label = _("Kategorien")
    icon = "tag"
    menu_item_class = _menu_item_class(Role.MUNICIPALITY_ADMIN)

    def get_urlpatterns(self):
        return [
            path("", admin_views.category_index, name="index"),
            path("neu/", admin_views.category_add, name="add"),
            path("<int:pk>/", admin_views.category_edit, name="edit"),
            path("<int:pk>/loeschen/", admin_views.category_delete, name="delete"),
        ]


class LegalTextViewSet(ViewSet):
    """The municipality's terms of use and privacy notice, in versions."""

    name = "exchange_legal_texts"
    url_prefix = "nachbarschaftshilfe/rechtstexte"
    menu_label = _("Nutzungsbedingungen und Datenschutz")
    icon = "doc-full"
    menu_item_class = _menu_item_class(Role.MUNICIPALITY_ADMIN)

    def get_urlpatterns(self):
        return [
            path("", legal_admin_views.legal_text_index, name="index"),
            path("neu/", legal_admin_views.legal_text_add, name="add"),
        ]


class ProxyClientViewSet(ViewSet):
    """Proxy helpers' screens: residents without internet and their listings."""

    name = "exchange_proxy"
    url_prefix = "nachbarschaftshilfe/stellvertretung"
    menu_label = _("Personen ohne Internet")
    icon = "group"
    menu_item_class = _menu_item_class(Role.PROXY_HELPER)

    def get_urlpatterns(self):
        return [
            path("", admin_views.proxy_client_index, name="index"),
            path("neu/", admin_views.proxy_client_add, name="add"),
            path("<int:pk>/", admin_views.proxy_client_detail, name="detail"),
            path("<int:pk>/daten.json", admin_views.proxy_client_export, name="export"),
            path("<int:pk>/loeschen/", admin_views.proxy_client_delete, name="delete"),
            path("<int:pk>/eintrag-neu/", admin_views.proxy_listing_add, name="listing_add"),
            path("eintrag/<int:pk>/", admin_views.proxy_listing_edit, name="listing_edit"),
            path(
                "eintrag/<int:pk>/beenden/", admin_views.proxy_listing_close, name="listing_close"
            ),
            path(
                "nachrichten/",
                conversation_admin_views.conversation_index,
                name="conversation_index",
            ),
            path(
                "nachrichten/<int:pk>/",
                conversation_admin_views.conversation_detail,
                name="conversation_detail",
            ),
            path(
                "nachrichten/<int:pk>/<slug:action>/",
                conversation_admin_views.conversation_action,
                name="conversation_action",
            ),
        ]


class FeedbackViewSet(ViewSet):
    """Feedback on agreed helps of the municipality (ratings, comments, safety concerns)."""

    name = "exchange_feedback"
    url_prefix = "nachbarschaftshilfe/rueckmeldungen"
    menu_label = _("Rückmeldungen")
    icon = "comment"
    menu_item_class = _menu_item_class(Role.MUNICIPALITY_ADMIN)

    def get_urlpatterns(self):
        return [path("", conversation_admin_views.feedback_index, name="index")]


class DashboardViewSet(ViewSet):
    """The municipality's figures with charts and CSV/XLSX export."""

    name = "exchange_dashboard"
    url_prefix = "nachbarschaftshilfe/zahlen"
    menu_label = _("Zahlen")
    icon = "table"
    menu_item_class = _menu_item_class(Role.MUNICIPALITY_ADMIN)

    def get_urlpatterns(self):
        return [path("", admin_dashboard.ExchangeFiguresReportView.as_view(), name="index")]


class ExchangeViewSetGroup(ViewSetGroup):
    """One admin menu entry "Nachbarschaftshilfe"; shown if any of its items is."""

    items = (
        MemberViewSet,
        ListingViewSet,
        CategoryViewSet,
        LegalTextViewSet,
        FeedbackViewSet,
        ProxyClientViewSet,
        DashboardViewSet,
    )
    menu_label = _("Nachbarschaftshilfe")
    menu_icon = "group"
    menu_name = "exchange"
