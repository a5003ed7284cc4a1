from django.db import models
from django.utils.translation import gettext_lazy as _


class SocialSpaceKind(models.TextChoices):
    """What kind of place a social space is; residents filter by it."""

    PARISH = "parish", _("Kirchengemeinde")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    SCHOOL = "school", _("Schule")
    VILLAGE = "village", _("Dorf / Ortsteil")
    NEIGHBOURHOOD = "neighbourhood", _("Nachbarschaft / Siedlung")
    CENTRE = "centre", _("Quartierszentrum / Treffpunkt")
    OTHER = "other", _("Sonstiger Sozialraum")
