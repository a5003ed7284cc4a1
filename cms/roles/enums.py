from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a group of admin users may do, scoped to one municipality or district."""

    EDITORIAL_TEAM = "editorial_team", _("Redaktion")
    DISTRICT_EDITOR = "district_editor", _("Quartiersredaktion")
    PROVIDER = "provider", _("Anbieter")
    MUNICIPALITY_ADMIN = "municipality_admin", _("Kommunenadministration")
    PROXY_HELPER = "proxy_helper", _("Beauftragte Person (Nachbarschaftshilfe)")


class CollectionPurpose(models.TextChoices):
    """What a municipality keeps in one of its Wagtail collections."""

    # Images and documents for the public site; the roles upload and choose them.
    MEDIA = "media", _("Bilder und Dokumente")
    # Personal documents such as signed consent forms: never public, only the
    # editorial team reads them.
    PRIVATE = "private", _("Vertrauliche Dokumente")
