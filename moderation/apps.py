from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Review and abuse handling: custom workflow tasks, editorial workflows, audit helpers."""

    name = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
