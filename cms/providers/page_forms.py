"""The admin form of provider profiles (kept apart from forms.py, which imports the models)."""

from django.utils.translation import gettext_lazy as _

from cms.core import tenancy
from cms.roles.media_forms import MunicipalityMediaPageForm


class ProviderPageForm(MunicipalityMediaPageForm):
    """A profile names only districts of its own municipality as "Tätig in den Quartieren"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.parent_page or (self.instance if self.instance.path else None)
        portal = tenancy.portal_for_page(page) if page is not None else None
        if portal is None or "districts_served" not in self.fields:
            return
        field = self.fields["districts_served"]
        field.queryset = field.queryset.filter(municipality_id=portal.municipality_id)
        field.error_messages["invalid_choice"] = _(
            "Sie können nur Quartiere von %(municipality)s wählen."
        ) % {"municipality": portal.municipality.name}
