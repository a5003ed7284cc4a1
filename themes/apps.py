from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    """The public site's templates and static files."""

    name = "themes"
    verbose_name = _("Darstellung")
