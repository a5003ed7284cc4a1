from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    """Whether an event takes place as announced (iCal STATUS)."""

    SCHEDULED = "scheduled", _("Findet statt")
    CANCELLED = "cancelled", _("Abgesagt")
    POSTPONED = "postponed", _("Verschoben")


class AttendanceMode(models.TextChoices):
    """Where people take part: at a venue, online, or both (schema.org attendance modes)."""

    ON_SITE = "on_site", _("Vor Ort")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Vor Ort und online")


class TargetGroup(models.TextChoices):
    """Who an event is meant for; "everyone" unless the organiser narrows it."""

    EVERYONE = "everyone", _("Alle")
    SENIORS = "seniors", _("Ältere Menschen")
    FAMILIES = "families", _("Familien")
    CHILDREN = "children", _("Kinder")
    YOUTH = "youth", _("Jugendliche")
    NEWCOMERS = "newcomers", _("Neu Zugezogene")


class CalendarView(models.TextChoices):
    """The public calendar's layouts."""

    LIST = "liste", _("Liste")
    MONTH = "monat", _("Monat")
    WEEK = "woche", _("Woche")


class ImportResult(models.TextChoices):
    """Outcome of an external feed's last import run."""

    NEVER = "never", _("Noch nicht gelaufen")
    SUCCESS = "success", _("Erfolgreich")
    FAILED = "failed", _("Fehlgeschlagen")


class OccurrenceStatus(models.TextChoices):
    """The state of one date: as planned, cancelled (it stays listed) or moved."""

    SCHEDULED = "scheduled", _("Findet statt")
    CANCELLED = "cancelled", _("Fällt aus")
    MOVED = "moved", _("Verschoben")
