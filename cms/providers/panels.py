from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.ui.components import Component

from cms.roles.enums import Role
from cms.roles.permissions import under_portals_of

from .models import ProviderConsent

EXPIRY_WARNING_DAYS = 30


class ExpiringConsentsPanel(Component):
    """Dashboard panel: consents of the editor's municipalities that expire soon."""

    name = "expiring_consents"
    order = 150
    template_name = "providers/admin/expiring_consents_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        consents = (
            ProviderConsent.objects.filter(
                under_portals_of(self.user, Role.EDITORIAL_TEAM, path_field="provider__path"),
                withdrawn_at__isnull=True,
                expires_on__gte=today,
                expires_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
            )
            .select_related("provider")
            .order_by("expires_on")
        )
        return {"consents": consents, "days": EXPIRY_WARNING_DAYS}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        context["consents"] = list(context["consents"])
        if not context["consents"]:
            return ""
        return render_to_string(self.template_name, context)
