from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.places.models import District


class DistrictHomePageForm(WagtailAdminPageForm):
    """Offers only the districts of the portal's municipality.

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
