from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "cms.api"
    label = "api"
    verbose_name = _("Schnittstelle für Apps")

    def ready(self) -> None:
        from cms.core.response_cache import register_gate

        from . import schema, signals, tokens  # noqa: F401
        from .cached_answers import throttle_cached_answer

        register_gate("/api/", throttle_cached_answer)
