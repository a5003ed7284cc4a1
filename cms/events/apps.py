from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The one calendar: events, their occurrence index, iCal export and import."""

    name = "cms.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self) -> None:
        from . import signals  # noqa: F401
