"""Admin screens: consent records (scoped to the editor's municipalities), categories."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.admin_scoping import ScopedViewSetMixin
from cms.roles.enums import Role
from cms.roles.permissions import under_portals_of

from .models import ProviderConsent, ProviderPage, ServiceCategory


class ProviderConsentForm(WagtailAdminModelForm):
    """Offers only the providers of the municipalities the editor works for."""

    class Meta:
        model = ProviderConsent
        fields = [
            "provider",
            "given_by",
            "given_at",
            "text_version",
            "method",
            "signed_form",
            "expires_on",
            "withdrawn_at",
        ]
        widgets = {"given_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            self.fields["provider"].queryset = ProviderPage.objects.filter(
                under_portals_of(for_user, Role.EDITORIAL_TEAM, path_field="path")
            ).order_by("title")

    def save(self, commit=True):
        if not self.instance.pk and self.for_user is not None:
            self.instance.recorded_by = self.for_user
        return super().save(commit=commit)


class ProviderConsentViewSet(ScopedViewSetMixin, ModelViewSet):
    """Consent records: the editorial team records, withdraws and watches them expire."""

    model = ProviderConsent
    icon = "doc-full-inverse"
    menu_label = _("Einwilligungen")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["provider", "given_by", "given_at", "method", "expires_on", "withdrawn_at"]
    list_filter = ["method"]
    search_fields = ["given_by", "provider__title"]
    ordering = ["expires_on"]

    def get_form_class(self, for_update=False):
        return ProviderConsentForm

    def scope_queryset(self, request, queryset):
        return queryset.filter(
            under_portals_of(request.user, Role.EDITORIAL_TEAM, path_field="provider__path")
        ).select_related("provider")


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "tag"
    menu_label = _("Leistungskategorien")
    list_display = ["name", "slug"]
    search_fields = ["name"]


provider_consent_viewset = ProviderConsentViewSet("provider_consents")
