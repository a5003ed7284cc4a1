from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo places, pages and accounts (`manage.py load_demo`)."""

    name = "cms.demo"
    label = "demo"
    verbose_name = _("Demodaten")
