from django.utils.translation import gettext_lazy as _

from cms.places.models import District
from cms.roles.media_forms import MunicipalityMediaPageForm


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
