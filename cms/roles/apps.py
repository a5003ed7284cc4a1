from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    """The admin roles of each municipality and district, kept as Wagtail groups."""

    name = "cms.roles"
    label = "roles"
    verbose_name = _("Rollen")
