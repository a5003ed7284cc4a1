from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.places.models import District, Municipality

from .enums import ProviderKind
from .models import ServiceCategory


class FinderForm(forms.Form):
    """The offer finder's filters. Slugs in the URL keep result links readable."""

    q = forms.CharField(label=_("Suchbegriff"), max_length=200, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Kommunen"),
    )
    district = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=District.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Quartiere"),
    )
    category = forms.ModelChoiceField(
        label=_("Kategorie"),
        queryset=ServiceCategory.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Kategorien"),
    )
    kind = forms.ChoiceField(
        label=_("Art des Anbieters"),
        choices=[("", _("Alle")), *ProviderKind.choices],
        required=False,
    )
    barrier_free = forms.BooleanField(label=_("Nur stufenlos zugänglich"), required=False)

    def __init__(self, *args, municipalities, locale: Locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["district"].queryset = District.objects.filter(
            municipality__in=municipalities
        ).select_related("municipality")
        self.fields["category"].queryset = ServiceCategory.objects.filter(locale=locale)
        if len(municipalities) < 2:
            del self.fields["municipality"]


class HandOverForm(forms.Form):
    """Chooses the provider account that will own (and so may edit) a profile."""

    owner = forms.ModelChoiceField(label=_("Neues Anbieterkonto"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = candidates
        self.fields["owner"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.get_username()} ({user.get_username()})"
        )
