from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticeboardConfig(AppConfig):
    """The municipality's info box ("digitales schwarzes Brett") and its sponsors."""

    name = "cms.noticeboard"
    label = "noticeboard"
    verbose_name = _("Infokasten und Förderer")

    def ready(self):
        # Registered before Wagtail builds the viewsets (wagtail.admin comes later in
        # INSTALLED_APPS), or a model-wide fallback policy would be registered first.
        from wagtail.permissions import register_permission_policy

        from .models import InfoBox, Sponsor
        from .policies import MunicipalityAdminPermissionPolicy

        for model in (InfoBox, Sponsor):
            register_permission_policy(model, MunicipalityAdminPermissionPolicy(model))
