from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Master data of where things are: regions, municipalities, districts, social spaces."""

    name = "cms.places"
    label = "places"
    verbose_name = _("Orte")
