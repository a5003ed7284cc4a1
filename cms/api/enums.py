from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    """The kinds of item the API lists; tombstones and change marks name them."""

    MUNICIPALITY = "municipality", _("Kommune")
    DISTRICT = "district", _("Quartier")
    SOCIAL_SPACE = "social_space", _("Sozialraum")
    ARTICLE = "article", _("Artikel")
    PAGE = "page", _("Seite")
    EVENT = "event", _("Veranstaltung")
    PROVIDER = "provider", _("Anbieter")
    SERVICE_CATEGORY = "service_category", _("Leistungskategorie")
    LISTING = "listing", _("Eintrag")
    LISTING_CATEGORY = "listing_category", _("Kategorie der Nachbarschaftshilfe")


class DepartureReason(models.TextChoices):
    """Why an item left public view, as a tombstone says it (no content is kept)."""

    UNPUBLISHED = "unpublished", _("Nicht mehr veröffentlicht")
    DELETED = "deleted", _("Gelöscht")
    RESTRICTED = "restricted", _("Nicht mehr öffentlich zugänglich")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Einwilligung widerrufen")
    REMOVED = "removed", _("Entfernt")
    CLOSED = "closed", _("Beendet")
    EXPIRED = "expired", _("Abgelaufen")
    OWNER_HIDDEN = "owner_hidden", _("Mitglied nicht mehr freigegeben")
