from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared building blocks of Quartier: the abstract base page, contacts, helpers."""

    name = "cms.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from . import (
            content_signals,
            db,  # noqa: F401 - connects the timestamp loader
            lookups,  # noqa: F401 - registers `__any_of`
        )

        content_signals.connect()
