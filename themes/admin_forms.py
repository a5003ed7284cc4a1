"""Admin forms of the themes app's pages."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.core import tenancy


class AccessibilityStatementPageForm(WagtailAdminPageForm):
    """The feedback contact comes from the statement's municipality (or is platform-wide).

    Residents' feedback is mailed to that contact, so another town's contact would send
    it to the wrong office.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "contact" not in self.fields:
            return
        page = self.parent_page or (self.instance if self.instance.path else None)
        portal = tenancy.portal_for_page(page) if page is not None else None
        municipality_id = portal.municipality_id if portal else None
        field = self.fields["contact"]
        field.queryset = field.queryset.filter(
            Q(municipality_id=municipality_id) | Q(municipality__isnull=True)
        )
        field.error_messages["invalid_choice"] = _(
            "Bitte wählen Sie eine Kontaktstelle Ihrer Kommune."
        )
