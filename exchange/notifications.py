"""The one way a notification of the exchange leaves the platform.

Every mail to a member or to a proxy helper about something that happened in the
exchange (a new message, an approval, a decision) is sent by `notify`, named by its
kind. Its subject and text come from `exchange/mail/<kind>_subject.txt` and
`exchange/mail/<kind>.txt`, rendered with `context`, which holds only plain values
(strings and numbers), so that a notification can be handed to a background task as
it is. A mail never carries another member's address, phone or e-mail.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    NEW_MESSAGE = "new_message", _("Neue Nachricht")
    MEMBER_APPROVED = "member_approved", _("Anmeldung freigegeben")
    MEMBER_REJECTED = "member_rejected", _("Anmeldung abgelehnt")
    LISTING_APPROVED = "listing_approved", _("Eintrag freigegeben")
    LISTING_REMOVED = "listing_removed", _("Eintrag entfernt")
    LISTING_SENT_BACK = "listing_sent_back", _("Eintrag zur Überarbeitung zurückgeschickt")
    HELP_CONFIRMED = "help_confirmed", _("Hilfe bestätigt")
    REPORT_DECIDED = "report_decided", _("Meldung entschieden")


def notify(kind: str, *, context: dict, member=None, user=None) -> None:
    """Send the notification `kind` to a member (or, for a proxy client, to a user).

    `context` holds plain values only. The mail is written in the site's language.
    """
    recipient = member.user if member is not None else user
    if recipient is None or not recipient.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"exchange/mail/{kind}_subject.txt", context)
        body = render_to_string(f"exchange/mail/{kind}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [recipient.email])
