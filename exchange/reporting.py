"""The exchange's reportable things, registered with moderation.reports.

Listings and members are reportable; a conversation's message is registered the same
way (one `reports.register(...)` call) where it is defined. Each target says what a
moderator's decision does and who is told, by mail through `notify`: the owner of
removed, warned or blocked content learns the decision and its reason, never who
reported; the reporters learn the outcome.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.roles.enums import Role
from moderation import reports
from moderation.models import ReportDecision

from . import personal_data, services, versions
from .models import Listing, Member, Message
from .notifications import NoticeKind, notify
from .permissions import municipalities_for_role


def _moderated_municipalities(user):
    return municipalities_for_role(user, Role.MUNICIPALITY_ADMIN)


def _decision_notify(*, decision, reason, subject, owner_member, owner_user, reporters):
    context = {
        "subject": subject,
        "decision": str(ReportDecision(decision).label),
        "reason": reason,
    }
    if decision != ReportDecision.KEEP:
        if owner_member is not None:
            notify(NoticeKind.REPORT_DECIDED, context=context, member=owner_member)
        elif owner_user is not None:
            notify(NoticeKind.REPORT_DECIDED, context=context, user=owner_user)
    for reporter in reporters:
        notify(NoticeKind.REPORT_DECIDED, context=context, user=reporter)


def _block_member(member: Member | None, *, by, reason: str) -> None:
    if member is not None and member.status != "blocked":
        services.member_block(member=member, by=by, reason=reason)


def _listing_decide(listing: Listing, *, decision, reason, by, reporters) -> None:
    if decision == ReportDecision.REMOVE:
        services.listing_remove(listing=listing, by=by, reason=reason)
    elif decision == ReportDecision.BLOCK:
        _block_member(listing.member, by=by, reason=reason)
    _decision_notify(
        decision=decision,
        reason=reason,
        subject=listing.title,
        owner_member=listing.member,
        owner_user=None if listing.member_id else listing.proxy_created_by,
        reporters=reporters,
    )


def _member_decide(member: Member, *, decision, reason, by, reporters) -> None:
    if decision == ReportDecision.BLOCK:
        _block_member(member, by=by, reason=reason)
    _decision_notify(
        decision=decision,
        reason=reason,
        subject=_("Ihr Mitgliedskonto"),
        owner_member=member,
        owner_user=None,
        reporters=reporters,
    )


LISTING_TARGET = reports.ReportTarget(
    model=Listing,
    kind="listing",
    version=versions.version_of,
    label=gettext_lazy("Eintrag"),
    municipality_id=lambda listing: listing.municipality_id,
    subject=lambda listing: listing.title,
    moderated_municipalities=_moderated_municipalities,
    decide=_listing_decide,
    owner_user=lambda listing: listing.member.user if listing.member_id else None,
    hides=True,
    admin_url=lambda listing: reverse("exchange_listings:detail", args=[listing.pk]),
    extra={"findings": personal_data.findings_in_listing},
)

MEMBER_TARGET = reports.ReportTarget(
    model=Member,
    kind="member",
    version=versions.version_of,
    label=gettext_lazy("Mitglied"),
    municipality_id=lambda member: member.municipality_id,
    subject=lambda member: member.display_name,
    moderated_municipalities=_moderated_municipalities,
    decide=_member_decide,
    owner_user=lambda member: member.user,
    decisions=(ReportDecision.KEEP, ReportDecision.WARN, ReportDecision.BLOCK),
    admin_url=lambda member: reverse("exchange_members:detail", args=[member.pk]),
)


def _message_author(message: Message):
    """The account that wrote a message: the member, or the proxy helper who wrote it."""
    if message.author_id:
        return message.author.user
    return message.proxy_author


def _message_subject(message: Message) -> str:
    # The listing's title names the conversation; never the message text itself (it may
    # hold the contact details one side shared).
    return _("Nachricht zu „%(title)s“") % {"title": message.conversation.listing.title}


def _message_decide(message: Message, *, decision, reason, by, reporters) -> None:
    if decision == ReportDecision.BLOCK:
        _block_member(message.author, by=by, reason=reason)
    _decision_notify(
        decision=decision,
        reason=reason,
        subject=_message_subject(message),
        owner_member=message.author,
        owner_user=None if message.author_id else message.proxy_author,
        reporters=reporters,
    )


MESSAGE_TARGET = reports.ReportTarget(
    model=Message,
    kind="message",
    label=gettext_lazy("Nachricht"),
    municipality_id=lambda message: message.conversation.municipality_id,
    subject=_message_subject,
    moderated_municipalities=_moderated_municipalities,
    decide=_message_decide,
    owner_user=_message_author,
    # A message stays in its conversation (the other side has read it already); the
    # moderators keep it, warn or block its author.
    decisions=(ReportDecision.KEEP, ReportDecision.WARN, ReportDecision.BLOCK),
)


def register_targets() -> None:
    reports.register(LISTING_TARGET)
    reports.register(MEMBER_TARGET)
    reports.register(MESSAGE_TARGET)
