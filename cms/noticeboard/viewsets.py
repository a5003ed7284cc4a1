"""Admin screens of the info box and the sponsors, scoped to the user's municipality.

Every view that takes an id answers 404 for another municipality's row
(ScopedViewSetMixin); the permission policy registered in apps.py decides which rows
those are and who sees the menu at all (the Kommunenadministration and platform admins).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from cms.core.admin_scoping import ScopedViewSetMixin

from .forms import MunicipalityAdminForm
from .models import InfoBox, Sponsor

EDITING_ACTIONS = ("change", "delete", "view")


class MunicipalityAdminViewSet(ScopedViewSetMixin, ModelViewSet):
    """A model of the municipality admins: rows of their own municipality only."""

    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["municipality"]

    def scope_queryset(self, request, queryset):
        policy = policy_registry.get_by_type(queryset.model)
        editable = policy.instances_user_has_any_permission_for(request.user, EDITING_ACTIONS)
        return queryset.filter(pk__in=editable.values("pk"))


class InfoBoxViewSet(MunicipalityAdminViewSet):
    """The "digitales schwarzes Brett": short notices with links, valid for a while."""

    model = InfoBox
    name = "info_boxes"
    icon = "info-circle"
    menu_label = _("Infokasten")
    list_display = ["title", "valid_from", "valid_until", "municipality"]
    search_fields = ["title", "text"]
    edit_handler = ObjectList(InfoBox.panels, base_form_class=MunicipalityAdminForm)


class SponsorViewSet(MunicipalityAdminViewSet):
    """Sponsor links with logos, shown under the info box."""

    model = Sponsor
    name = "sponsors"
    icon = "pick"
    menu_label = _("Förderer")
    list_display = ["name", "sort_order", "url", "municipality"]
    search_fields = ["name"]
    ordering = ["municipality", "sort_order", "name"]
    edit_handler = ObjectList(Sponsor.panels, base_form_class=MunicipalityAdminForm)


class NoticeboardViewSetGroup(ViewSetGroup):
    """One admin menu entry "Infokasten und Förderer"; shown to those who may edit them."""

    items = (InfoBoxViewSet, SponsorViewSet)
    menu_label = _("Infokasten und Förderer")
    menu_icon = "info-circle"
    menu_name = "noticeboard"
    menu_order = 270
