from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintingConfig(AppConfig):
    """Printed matter: the weekly programme, PDF rendering and QR codes."""

    name = "cms.printing"
    label = "printing"
    verbose_name = _("Druckansichten")
