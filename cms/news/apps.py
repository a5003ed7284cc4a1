from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News and press releases of municipalities and districts."""

    name = "cms.news"
    label = "news"
    verbose_name = _("Nachrichten")
