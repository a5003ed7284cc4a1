from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The page tree's frame: municipality portals, district homes and standard pages."""

    name = "cms.home"
    label = "home"
    verbose_name = _("Portale und Quartiere")
