"""Admin screens of the themes app: designs (themes) and feedback on barriers, both
scoped to the editor's municipalities."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from cms.core.admin_scoping import ScopedViewSetMixin
from cms.roles.enums import Role
from cms.roles.media_forms import add_foreign_media_errors
from cms.roles.permissions import municipalities_for

from .models import AccessibilityFeedback, Theme


class ThemeForm(WagtailAdminModelForm):
    """Offers only the municipalities the editor works for; logo and header image must be
    of the theme's municipality."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "municipality" in self.fields:
            self.fields["municipality"].queryset = municipalities_for(for_user, Role.EDITORIAL_TEAM)

    def clean(self):
        cleaned_data = super().clean()
        municipality = cleaned_data.get("municipality") or getattr(
            self.instance, "municipality", None
        )
        if municipality is not None:
            add_foreign_media_errors(self, municipality, user=self.for_user)
        return cleaned_data


class ThemeViewSet(ScopedViewSetMixin, ModelViewSet):
    """Designs: colours, logo and header image, checked for contrast when saved."""

    model = Theme
    edit_handler = ObjectList(Theme.panels, base_form_class=ThemeForm)
    icon = "image"
    menu_label = _("Designs")
    menu_order = 260
    add_to_settings_menu = True
    copy_view_enabled = True
    inspect_view_enabled = False
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name"]

    def scope_queryset(self, request, queryset):
        return queryset.filter(
            municipality__in=municipalities_for(request.user, Role.EDITORIAL_TEAM)
        )


class AccessibilityFeedbackViewSet(ScopedViewSetMixin, ModelViewSet):
    """Feedback on barriers: read, mark as in progress or done, take notes."""

    model = AccessibilityFeedback
    icon = "help"
    menu_label = _("Rückmeldungen Barrierefreiheit")
    menu_order = 255
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "municipality",
        "page_url",
        "message",
        "name",
        "email",
        "language",
        "mailed_at",
        "status",
        "notes",
    ]
    list_display = ["created_at", "page_url", "status", "mailed_at"]
    list_filter = ["status"]
    search_fields = ["message", "page_url"]

    def scope_queryset(self, request, queryset):
        return queryset.filter(
            municipality__in=municipalities_for(request.user, Role.EDITORIAL_TEAM)
        ).select_related("municipality")


theme_viewset = ThemeViewSet("designs")
accessibility_feedback_viewset = AccessibilityFeedbackViewSet("accessibility_feedback")
