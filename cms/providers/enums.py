from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderKind(models.TextChoices):
    """Who a provider is: the directory lists professionals and volunteers alike."""

    BUSINESS = "business", _("Unternehmen / Dienstleister")
    VOLUNTEER = "volunteer", _("Ehrenamtliche Initiative")
    INSTITUTION = "institution", _("Einrichtung / Verband")
    NETWORK = "network", _("Netzwerk")


class ConsentMethod(models.TextChoices):
    """How a provider gave consent to be listed."""

    SIGNED_FORM = "signed_form", _("Unterschriebenes Formular (Scan)")
    ONLINE = "online", _("Online")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Montag")
    TUESDAY = 1, _("Dienstag")
    WEDNESDAY = 2, _("Mittwoch")
    THURSDAY = 3, _("Donnerstag")
    FRIDAY = 4, _("Freitag")
    SATURDAY = 5, _("Samstag")
    SUNDAY = 6, _("Sonntag")
