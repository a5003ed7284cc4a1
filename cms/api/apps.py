from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "cms.api"
    label = "api"
    verbose_name = _("Schnittstelle für Apps")

    def ready(self) -> None:
        from . import schema, signals, tokens  # noqa: F401
