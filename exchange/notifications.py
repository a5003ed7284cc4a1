"""The one way a notification of the exchange leaves the platform.

Every mail to a member or to a proxy helper about something that happened in the
exchange (a new message, an approval, a decision) is sent by `notify`, named by its
kind. Its subject and text come from `exchange/mail/<kind>_subject.txt` and
`exchange/mail/<kind>.txt`, rendered with `context`, which holds only plain values
(strings and numbers, lists and dicts of them), so that a notification is handed to a
background task (django-tasks, `settings.TASKS`) as it is and never blocks a request.
A mail never carries another member's address, phone or e-mail.

The task, not the caller, decides whether and how the mail goes out:
- in the member's language (`Member.language`, else the site's),
- not at all when the member switched the kind off on the account page
  (`Member.notices_off`); account and security mails (`ACCOUNT_KINDS`) cannot be
  switched off,
- "new message" at most once per conversation and recipient per hour, when the
  context names the conversation (`conversation_id`).

Mails to an address rather than to a member (confirmation, password reset, the
attempt to register a known address) go through `mail_address`, also as a task.

Context keys each kind's templates use (all optional unless said):
- every kind: `name` (the recipient's display name), `link` (an absolute URL)
- new_message: `listing_title`, `conversation_id` (the throttle's key), `link`
- member_approved, member_rejected: `municipality`, `reason` (rejected), `link`
- listing_approved, listing_removed, listing_sent_back: `listing_title`, `reason`
  (removed), `comment` (sent back), `link`
- new_message: `listing_title`, `conversation_id`, `link` (never the message itself)
- help_confirmed: `category`, `days` (the other side confirmed; the objection period)
- help_settled: `name`, `category`, `days`, `gave` (whether the recipient gave the help),
  `link` (the certificate page): one side confirmed and nobody objected in time
- report_decided: `subject` (what was reported, by its title), `decision` (the
  moderator's decision, in words), `reason`
- confirm_email: `link`; account_exists: `link` (sign-in); password_reset: `link`;
  no_account: `register_link`, `resend_link`;
  email_change_confirm: `link`, `new_email`; email_changed: `new_email` (masked)
- daily_summary: `municipality`, `pending_members`, `pending_listings`, `link`
- weekly_digest: `district`, `listings` (a list of {`title`, `kind`, `link`}), `link`
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cms.core.params import one_line

from .models import Member, NoticeSent


class NoticeKind(models.TextChoices):
    NEW_MESSAGE = "new_message", _("Neue Nachricht")
    MEMBER_APPROVED = "member_approved", _("Anmeldung freigegeben")
    MEMBER_REJECTED = "member_rejected", _("Anmeldung abgelehnt")
    LISTING_APPROVED = "listing_approved", _("Eintrag freigegeben")
    LISTING_REMOVED = "listing_removed", _("Eintrag entfernt")
    LISTING_SENT_BACK = "listing_sent_back", _("Eintrag zur Überarbeitung zurückgeschickt")
    HELP_CONFIRMED = "help_confirmed", _("Hilfe bestätigt")
    HELP_SETTLED = "help_settled", _("Hilfe gilt als bestätigt")
    REPORT_DECIDED = "report_decided", _("Meldung entschieden")
    WEEKLY_DIGEST = "weekly_digest", _("Wöchentliche Übersicht")
    DAILY_SUMMARY = "daily_summary", _("Tägliche Übersicht für die Kommune")
    CONFIRM_EMAIL = "confirm_email", _("E-Mail-Adresse bestätigen")
    ACCOUNT_EXISTS = "account_exists", _("Konto besteht bereits")
    PASSWORD_RESET = "password_reset", _("Passwort zurücksetzen")
    NO_ACCOUNT = "no_account", _("Kein Konto zu dieser Adresse")
    EMAIL_CHANGE_CONFIRM = "email_change_confirm", _("Neue E-Mail-Adresse bestätigen")
    EMAIL_CHANGED = "email_changed", _("E-Mail-Adresse geändert")


# Mails about the account and its security: always sent, never switched off.
ACCOUNT_KINDS = frozenset(
    {
        NoticeKind.MEMBER_APPROVED,
        NoticeKind.MEMBER_REJECTED,
        NoticeKind.CONFIRM_EMAIL,
        NoticeKind.ACCOUNT_EXISTS,
        NoticeKind.PASSWORD_RESET,
        NoticeKind.NO_ACCOUNT,
        NoticeKind.EMAIL_CHANGE_CONFIRM,
        NoticeKind.EMAIL_CHANGED,
        NoticeKind.DAILY_SUMMARY,
    }
)

# The kinds a member can switch off on the account page (the weekly digest is its own
# opt-in there).
SWITCHABLE_KINDS = tuple(
    kind
    for kind in NoticeKind
    if kind not in ACCOUNT_KINDS and kind is not NoticeKind.WEEKLY_DIGEST
)

NEW_MESSAGE_INTERVAL = timedelta(hours=1)


def notify(kind: str, *, context: dict, member=None, user=None) -> None:
    """Send the notification `kind` to a member (or, for a proxy client, to a user).

    `context` holds plain values only. The mail goes out as a background task.
    """
    if member is None and user is None:
        return
    deliver_notice.enqueue(
        str(kind),
        context,
        member_id=member.pk if member is not None else None,
        user_id=user.pk if user is not None else None,
    )


def mail_address(kind: str, *, to: str, context: dict, language: str = "") -> None:
    """Send an account mail to an address that may have no member behind it."""
    deliver_to_address.enqueue(str(kind), context, to=to, language=language)


@task()
def deliver_notice(kind: str, context: dict, *, member_id=None, user_id=None) -> bool:
    """Render and send one notification, as the member's choices say. True if sent."""
    member = None
    if member_id is not None:
        member = Member.objects.select_related("user").filter(pk=member_id).first()
        recipient = member.user if member is not None else None
    else:
        recipient = get_user_model().objects.filter(pk=user_id).first()
    if recipient is None or not recipient.email:
        return False
    if member is not None and kind not in ACCOUNT_KINDS and kind in member.notices_off:
        return False
    if kind == NoticeKind.NEW_MESSAGE and "conversation_id" in context:
        key = f"new_message:{context['conversation_id']}:user:{recipient.pk}"
        if not notice_claim(key, interval=NEW_MESSAGE_INTERVAL):
            return False
    language = (member.language if member is not None else "") or settings.LANGUAGE_CODE
    _send(kind, context, to=recipient.email, language=language)
    return True


@task()
def deliver_to_address(kind: str, context: dict, *, to: str, language: str = "") -> bool:
    _send(kind, context, to=to, language=language or settings.LANGUAGE_CODE)
    return True


def _send(kind: str, context: dict, *, to: str, language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"exchange/mail/{kind}_subject.txt", context)
        body = render_to_string(f"exchange/mail/{kind}.txt", context)
    EmailMessage(one_line(subject), body, to=[to], headers={"Content-Language": language}).send()


def notice_claim(key: str, *, interval: timedelta | None = None) -> bool:
    """Claim the right to send the notification named `key`; False if it was sent already.

    Without `interval` a key is claimed once for ever (a day's summary, a week's digest);
    with it, again once `interval` has passed since the last claim. The row is locked, so
    two workers never both send.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            sent, created = NoticeSent.objects.select_for_update().get_or_create(
                key=key, defaults={"sent_at": now}
            )
            if created:
                return True
            if interval is None or sent.sent_at > now - interval:
                return False
            sent.sent_at = now
            sent.save(update_fields=["sent_at"])
            return True
    except IntegrityError:  # claimed a moment ago by a worker running alongside
        return False
