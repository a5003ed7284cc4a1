from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_dashboard import ExchangeDashboardPanel, administered_municipalities
from .viewsets import ExchangeViewSetGroup


@hooks.register("register_admin_viewset")
def register_exchange_viewsets():
    return ExchangeViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_exchange_dashboard_panel(request, panels):
    """A municipality admin's start page: what waits for them and the figures of their
    (first) municipality; the report view shows the others."""
    municipality = administered_municipalities(request.user).first()
    if municipality is not None:
        panels.append(ExchangeDashboardPanel(municipality))


@hooks.register("register_log_actions")
def register_exchange_log_actions(actions):
    for action, label, message in (
        ("exchange.member.approve", _("Mitglied freigeben"), _("Mitglied freigegeben")),
        ("exchange.member.reject", _("Mitglied ablehnen"), _("Mitglied abgelehnt")),
        ("exchange.member.block", _("Mitglied sperren"), _("Mitglied gesperrt")),
        ("exchange.member.unblock", _("Sperre aufheben"), _("Sperre aufgehoben")),
        (
            "exchange.member.consent_withdraw",
            _("Einwilligung widerrufen"),
            _("Einwilligung widerrufen"),
        ),
        ("exchange.listing.approve", _("Eintrag freigeben"), _("Eintrag freigegeben")),
        ("exchange.listing.remove", _("Eintrag entfernen"), _("Eintrag entfernt")),
        ("exchange.listing.restore", _("Eintrag wiederherstellen"), _("Eintrag wiederhergestellt")),
        ("exchange.listing.close", _("Eintrag beenden"), _("Eintrag beendet")),
        (
            "exchange.listing.send_back",
            _("Eintrag zurückschicken"),
            _("Eintrag zur Überarbeitung zurückgeschickt"),
        ),
        (
            "exchange.listing.moderator_edit",
            _("Text durch die Moderation ändern"),
            _("Text durch die Moderation geändert"),
        ),
        (
            "exchange.listing.proxy_create",
            _("Eintrag stellvertretend anlegen"),
            _("Eintrag stellvertretend angelegt"),
        ),
        (
            "exchange.listing.proxy_edit",
            _("Eintrag stellvertretend ändern"),
            _("Eintrag stellvertretend geändert"),
        ),
        (
            "exchange.proxy_client.erase",
            _("Person ohne Internet löschen"),
            _("Person ohne Internet mit allen Daten gelöscht"),
        ),
        (
            "exchange.account.email_change",
            _("E-Mail-Adresse ändern"),
            _("E-Mail-Adresse geändert"),
        ),
        (
            "exchange.legal_text.create",
            _("Rechtstext veröffentlichen"),
            _("Neue Fassung eines Rechtstexts veröffentlicht"),
        ),
        (
            "exchange.listing.proxy_close",
            _("Eintrag stellvertretend beenden"),
            _("Eintrag stellvertretend beendet"),
        ),
        ("exchange.listing.match", _("Eintrag vermitteln"), _("Eintrag vermittelt")),
        (
            "exchange.conversation.proxy_message",
            _("Nachricht stellvertretend schreiben"),
            _("Nachricht stellvertretend geschrieben"),
        ),
        (
            "exchange.conversation.proxy_close",
            _("Unterhaltung stellvertretend beenden"),
            _("Unterhaltung stellvertretend beendet"),
        ),
        (
            "exchange.help.proxy_accept",
            _("Hilfe stellvertretend zusagen"),
            _("Hilfe stellvertretend zugesagt"),
        ),
        (
            "exchange.help.proxy_confirm",
            _("Hilfe stellvertretend bestätigen"),
            _("Hilfe stellvertretend bestätigt"),
        ),
        (
            "exchange.help.safety_concern",
            _("Sicherheitsbedenken melden"),
            _("Sicherheitsbedenken gemeldet"),
        ),
    ):
        actions.register_action(action, label, message)
