from django.db import models
from django.utils.translation import gettext_lazy as _


class ConformanceStatus(models.TextChoices):
    """ "Stand der Vereinbarkeit" of an accessibility statement (BITV 2.0, § 7)."""

    FULL = "full", _("vollständig vereinbar")
    PARTIAL = "partial", _("teilweise vereinbar")
    NONE = "none", _("nicht vereinbar")


class AssessmentMethod(models.TextChoices):
    """How the statement's findings were reached."""

    SELF = "self", _("Selbstbewertung")
    THIRD_PARTY = "third_party", _("Prüfung durch Dritte")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("neu")
    IN_PROGRESS = "in_progress", _("in Bearbeitung")
    DONE = "done", _("erledigt")


class TextSize(models.TextChoices):
    """Text size chosen by the visitor; the values appear in the cookie and form."""

    NORMAL = "normal", _("Normal")
    LARGE = "gross", _("Groß")
    LARGER = "sehr-gross", _("Sehr groß")


class Contrast(models.TextChoices):
    NORMAL = "normal", _("Normal")
    HIGH = "hoch", _("Hoher Kontrast")
