from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The admin start page of providers and district editors ("Mein Bereich")."""

    name = "cms.workspace"
    label = "workspace"
    verbose_name = _("Startseite für Anbieter und Quartiersredaktionen")
