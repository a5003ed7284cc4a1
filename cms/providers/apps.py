from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    """The provider directory: profiles, consent records, the offer finder."""

    name = "cms.providers"
    label = "providers"
    verbose_name = _("Anbieter")

    def ready(self):
        from . import retention  # noqa: F401  registers the consent purger
