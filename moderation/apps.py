from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Review and abuse handling: custom workflow tasks, editorial workflows, audit helpers."""

    name = "moderation"
    verbose_name = _("Moderation")
