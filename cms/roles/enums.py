from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a group of admin users may do, scoped to one municipality or district."""

    EDITORIAL_TEAM = "editorial_team", _("Redaktion")
    DISTRICT_EDITOR = "district_editor", _("Quartiersredaktion")
    PROVIDER = "provider", _("Anbieter")
    MUNICIPALITY_ADMIN = "municipality_admin", _("Kommunenadministration")
    PROXY_HELPER = "proxy_helper", _("Beauftragte Person (Nachbarschaftshilfe)")
