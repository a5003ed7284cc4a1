"""Admin screens: consent records (scoped to the editor's municipalities), categories."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.admin_scoping import ScopedViewSetMixin
from cms.roles.enums import Role
from cms.roles.permissions import under_portals_of

from .models import ProviderConsent, ProviderPage, ServiceCategory
from .services import (
    SIGNED_FORM_EXTENSIONS,
    consent_municipality,
    signed_form_document_build,
    signed_form_fits,
)


class ProviderConsentForm(WagtailAdminModelForm):
    """Offers only the providers of the municipalities the editor works for.

    The scan of a signed form is uploaded here and filed in the private collection of
    the provider's municipality; an existing document may be chosen instead, but only
    one of that private collection.
    """

    signed_form_upload = forms.FileField(
        label=_("Scan des unterschriebenen Formulars hochladen"),
        required=False,
        help_text=_(
            "PDF oder Foto (JPG, PNG). Der Scan ist nur für die Redaktion Ihrer Kommune "
            "sichtbar, nie öffentlich."
        ),
        validators=[FileExtensionValidator(SIGNED_FORM_EXTENSIONS)],
    )

    class Meta:
        model = ProviderConsent
        fields = [
            "provider",
            "given_by",
            "given_at",
            "text_version",
            "method",
            "signed_form",
            "signed_form_upload",
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

    def clean(self):
        cleaned_data = super().clean()
        provider = cleaned_data.get("provider")
        municipality = consent_municipality(provider) if provider else None
        upload = cleaned_data.get("signed_form_upload")
        if municipality is None:
            return cleaned_data
        document = cleaned_data.get("signed_form")
        if upload:
            # Filed on save; assigned now so that the model's check for a signed form
            # sees it.
            document = signed_form_document_build(
                upload=upload, provider=provider, municipality=municipality, by=self.for_user
            )
            if document is None:
                self.add_error(
                    "signed_form_upload",
                    _("Für diese Kommune gibt es noch keine vertrauliche Ablage für Scans."),
                )
            else:
                cleaned_data["signed_form"] = document
        elif document is not None and not signed_form_fits(document, municipality):
            self.add_error(
                "signed_form",
                _(
                    "Dieses Dokument liegt nicht bei den vertraulichen Einwilligungen von "
                    "%(municipality)s. Bitte laden Sie den Scan hier hoch."
                )
                % {"municipality": municipality.name},
            )
        return cleaned_data

    def save(self, commit=True):
        if not self.instance.pk and self.for_user is not None:
            self.instance.recorded_by = self.for_user
        document = self.instance.signed_form
        if document is not None and document.pk is None:
            document.save()
            self.instance.signed_form = document
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
