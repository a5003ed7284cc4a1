"""Admin screens: external calendar feeds, scoped to the editor's municipalities."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet

from cms.core.admin_scoping import ScopedViewSetMixin
from cms.places.models import District
from cms.providers.models import ProviderPage
from cms.roles.enums import Role
from cms.roles.permissions import municipalities_for, under_portals_of

from .models import ExternalCalendarFeed


class ExternalCalendarFeedForm(WagtailAdminModelForm):
    """Offers only districts and organisers of the municipalities the editor works for."""

    class Meta:
        model = ExternalCalendarFeed
        fields = [
            "name",
            "url",
            "district",
            "default_categories",
            "organiser",
            "trusted",
            "is_active",
        ]
        widgets = {"default_categories": forms.CheckboxSelectMultiple}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            self.fields["district"].queryset = District.objects.filter(
                municipality__in=municipalities_for(for_user, Role.EDITORIAL_TEAM)
            )
            self.fields["organiser"].queryset = ProviderPage.objects.filter(
                under_portals_of(for_user, Role.EDITORIAL_TEAM, path_field="path")
            ).order_by("title")


class ExternalCalendarFeedViewSet(ScopedViewSetMixin, ModelViewSet):
    """Feeds the editorial team imports; the last run's outcome shows in the listing."""

    model = ExternalCalendarFeed
    icon = "date"
    menu_label = _("Externe Kalender")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", "district", "trusted", "last_run_at", "last_result", "last_message"]
    list_filter = ["trusted", "last_result"]
    search_fields = ["name", "url"]

    def get_form_class(self, for_update=False):
        return ExternalCalendarFeedForm

    def scope_queryset(self, request, queryset):
        return queryset.filter(
            district__municipality__in=municipalities_for(request.user, Role.EDITORIAL_TEAM)
        ).select_related("district")


external_calendar_feed_viewset = ExternalCalendarFeedViewSet("calendar_feeds")
