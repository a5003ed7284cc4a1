from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The public site search."""

    name = "cms.search"
    label = "site_search"
    verbose_name = _("Suche")
