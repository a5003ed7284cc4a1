"""Writes of the accessibility features: storing and forwarding feedback."""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cms.core import tenancy

from .models import AccessibilityFeedback, AccessibilityStatementPage

logger = logging.getLogger(__name__)


def accessibility_feedback_submit(
    *, statement: AccessibilityStatementPage, data: dict, language: str
) -> AccessibilityFeedback | None:
    """Store the feedback, then mail it to the statement's contact.

    Storing comes first so that nothing is lost when mail fails; `mailed_at` tells the
    editors whether it went out. Honeypot submissions (bots) are dropped unstored.
    """
    if data.get("website"):
        logger.info("Accessibility feedback dropped: honeypot filled")
        return None
    portal = tenancy.portal_for_page(statement)
    with transaction.atomic():
        feedback = AccessibilityFeedback.objects.create(
            municipality_id=portal.municipality_id,
            statement=statement,
            page_url=data.get("page_url", ""),
            message=data["message"],
            name=data.get("name", ""),
            email=data.get("email", ""),
            language=language or "",
        )
    _feedback_mail(feedback, statement, municipality_name=portal.municipality.name)
    return feedback


def _feedback_mail(
    feedback: AccessibilityFeedback,
    statement: AccessibilityStatementPage,
    *,
    municipality_name: str,
) -> None:
    recipient = statement.contact.email if statement.contact_id else ""
    if not recipient:
        logger.warning("Accessibility feedback %s stored, no contact to mail", feedback.pk)
        return
    with override("de"):
        message = EmailMessage(
            subject=_("Rückmeldung zur Barrierefreiheit – %s") % municipality_name,
            body=render_to_string("themes/mail/accessibility_feedback.txt", {"feedback": feedback}),
            to=[recipient],
            reply_to=[feedback.email] if feedback.email else None,
        )
    try:
        message.send()
    except OSError:
        logger.exception("Accessibility feedback %s stored, mail failed", feedback.pk)
        return
    feedback.mailed_at = timezone.now()
    feedback.save(update_fields=["mailed_at"])
