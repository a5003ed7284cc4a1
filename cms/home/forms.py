from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.places.models import District
from cms.roles.media_forms import add_foreign_media_errors_with_formsets


class MunicipalityMediaPageFormMixin:
    """Images and documents on a page must be of the page's municipality.

    The choosers offer only the user's collections; this turns a posted id of another
    municipality's file (in a field, an inline such as a gallery, or a StreamField
    block) into a form error (cms/roles/media_forms.py).
    """

    def is_valid(self) -> bool:
        valid = super().is_valid()
        municipality = self._media_municipality()
        if municipality is None:
            return valid
        if add_foreign_media_errors_with_formsets(self, municipality, user=self.for_user):
            return False
        return valid

    def _media_municipality(self):
        from .models import PortalHomePage

        page = self.instance if self.instance.pk else self.parent_page
        if page is None:
            return None
        portal = PortalHomePage.for_page(page)
        return portal.municipality if portal else None


class MunicipalityMediaPageForm(MunicipalityMediaPageFormMixin, WagtailAdminPageForm):
    """The page form of pages that belong to a municipality and show images or files."""


class ThemeChoiceMixin:
    """Offers only the themes of the page's municipality (the model's clean() enforces it)."""

    def _limit_themes(self, municipality_id) -> None:
        from themes.models import Theme

        if municipality_id and "theme" in self.fields:
            self.fields["theme"].queryset = Theme.objects.filter(municipality_id=municipality_id)


class PortalHomePageForm(ThemeChoiceMixin, MunicipalityMediaPageForm):
    """A portal offers the themes of its own municipality."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_themes(self.instance.municipality_id)


class DistrictHomePageForm(ThemeChoiceMixin, MunicipalityMediaPageForm):
    """Offers only the districts and themes of the portal's municipality.

    The parent is known to the form but not yet to an unsaved page, so the rule that a
    district home belongs to its portal's municipality lives here.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        portal = self.parent_page.specific if self.parent_page else None
        municipality_id = getattr(portal, "municipality_id", None)
        if municipality_id and "district" in self.fields:
            self.fields["district"].queryset = District.objects.filter(
                municipality_id=municipality_id
            )
            self.fields["district"].error_messages["invalid_choice"] = _(
                "Das Quartier gehört nicht zur Kommune dieses Portals."
            )
        self._limit_themes(municipality_id)
