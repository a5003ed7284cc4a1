from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Translation of pages under review, and the offline machine translator."""

    name = "cms.translations"
    label = "translations"
    verbose_name = _("Übersetzungen")

    def ready(self) -> None:
        from . import signals  # noqa: F401
