from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlocksConfig(AppConfig):
    """StreamField blocks shared by all page types, each with its template."""

    name = "blocks"
    verbose_name = _("Inhaltsblöcke")
