from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoScreenConfig(AppConfig):
    """The info screen: a kiosk page for a district centre's window."""

    name = "cms.infoscreen"
    label = "infoscreen"
    verbose_name = _("Infobildschirm")
