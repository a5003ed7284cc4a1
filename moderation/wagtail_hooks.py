from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .viewsets import ReportViewSet


@hooks.register("register_admin_viewset")
def register_report_viewset():
    return ReportViewSet()


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    for action, label, message in (
        ("moderation.report.remove", _("Nach Meldung entfernen"), _("Nach Meldung entfernt")),
        ("moderation.report.keep", _("Nach Meldung behalten"), _("Nach Meldung behalten")),
        ("moderation.report.warn", _("Nach Meldung verwarnen"), _("Nach Meldung verwarnt")),
        ("moderation.report.block", _("Nach Meldung sperren"), _("Nach Meldung gesperrt")),
    ):
        actions.register_action(action, label, message)
