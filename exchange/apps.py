from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """The neighbourhood-help exchange: members, listings, proxy clients, moderation."""

    name = "exchange"
    verbose_name = _("Nachbarschaftshilfe")

    def ready(self):
        # Registers the exchange's purgers with cms.core.retention.
        from . import retention  # noqa: F401

        # Makes listings and members reportable (moderation.reports).
        from .reporting import register_targets

        register_targets()
