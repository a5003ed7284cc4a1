"""Admin screens for the master data (Stammdaten). Only platform admins change them."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, Municipality, Region, SocialSpace


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "slug", "region"]
    list_filter = ["region"]
    search_fields = ["name"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "slug", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return District.objects.select_related("municipality")


class SocialSpaceViewSet(SnippetViewSet):
    model = SocialSpace
    icon = "group"
    list_display = ["name", "kind", "district"]
    list_filter = ["kind", "district__municipality"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return SocialSpace.objects.select_related("district")


class PlacesViewSetGroup(SnippetViewSetGroup):
    """Groups the master data under one menu item."""

    items = (RegionViewSet, MunicipalityViewSet, DistrictViewSet, SocialSpaceViewSet)
    menu_icon = "site"
    menu_label = _("Stammdaten")
    menu_name = "places"
