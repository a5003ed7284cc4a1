from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    """The admin roles of each municipality and district, kept as Wagtail groups."""

    name = "cms.roles"
    label = "roles"
    verbose_name = _("Rollen")

    def ready(self):
        # Permission policies must be registered before Wagtail builds the viewsets
        # (which happens when the snippets app becomes ready, after this one), or a
        # model-wide fallback policy would be registered first.
        from wagtail.permissions import register_permission_policy

        from cms.core.models import Contact

        from .policies import ContactPermissionPolicy

        register_permission_policy(Contact, ContactPermissionPolicy(Contact))
