"""Conversations, blocks and agreed help: the exchange after the first answer.

Writes (services) and the reads that only the two sides of a conversation or a proxy
helper make. Which listings anyone may see stays in `exchange.selectors`; a block
between two members narrows it there.

State rules kept here as plain checks until they join the table in exchange/states.py:
a listing goes from "published" to "matched" only when its owner side accepts the
answering member of an open conversation; a closed conversation takes no messages;
each side confirms a help once; feedback comes once per side, after that side has
confirmed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from cms.core import ratelimit, tenancy
from cms.roles.enums import Role

from . import states
from .enums import ListingStatus, ListingType
from .models import Conversation, Feedback, Help, Listing, Member, MemberBlock, Message
from .models_conversations import HelpStatus, Side
from .notifications import NoticeKind, notice_claim, notify
from .permissions import member_can_post, municipalities_for_role
from .selectors import exchange_url

# Messages per account: generous for a real exchange, tight for a script.
MESSAGE_SEND = ratelimit.Limit(
    "message-send",
    "QUARTIER_MESSAGE_MAX_PER_WINDOW",
    "QUARTIER_MESSAGE_WINDOW",
    "QUARTIER_MESSAGE_COOLOFF",
)
# If one side confirms and the other does not object within this time, it counts.
HELP_OBJECTION_DAYS = 14
# Listing types whose help is counted in hours (for the volunteering certificate).
HOURS_LISTING_TYPES = (ListingType.TIME_DONATION, ListingType.POCKET_MONEY_JOB)
HOURS_MIN = Decimal("0.25")
HOURS_MAX = Decimal("24")
# At most one mail about new messages per conversation and side within this time.
NEW_MESSAGE_MAIL_INTERVAL = timedelta(hours=1)


@dataclass
class MessageRateLimited(Exception):
    """Too many messages from this account; `decision` says for how long."""

    decision: ratelimit.Decision


def _other(side: str) -> str:
    return Side.OWNER if side == Side.ANSWERER else Side.ANSWERER


# Reads --------------------------------------------------------------------------------


def _unread_for(member: Member) -> Count:
    """Messages of the other side that came after this member last read the conversation."""
    as_answerer = Q(answerer=member, messages__side=Side.OWNER) & (
        Q(answerer_read_at__isnull=True) | Q(messages__created_at__gt=F("answerer_read_at"))
    )
    as_owner = Q(owner=member, messages__side=Side.ANSWERER) & (
        Q(owner_read_at__isnull=True) | Q(messages__created_at__gt=F("owner_read_at"))
    )
    return Count("messages", filter=as_answerer | as_owner)


def conversations_of(member: Member) -> QuerySet[Conversation]:
    """The member's conversations on either side, newest first, with unread counts."""
    return (
        Conversation.objects.filter(Q(answerer=member) | Q(owner=member))
        .select_related("listing", "answerer", "owner", "proxy_client")
        .annotate(unread=_unread_for(member))
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at")
    )


def conversations_for_helper(user) -> QuerySet[Conversation]:
    """Conversations of proxy clients in the municipalities where the user is a helper."""
    municipalities = municipalities_for_role(user, Role.PROXY_HELPER)
    unread = Count(
        "messages",
        filter=Q(messages__side=Side.ANSWERER)
        & (Q(owner_read_at__isnull=True) | Q(messages__created_at__gt=F("owner_read_at"))),
    )
    return (
        Conversation.objects.filter(
            proxy_client__isnull=False, proxy_client__municipality__in=municipalities
        )
        .select_related("listing", "answerer", "proxy_client")
        .annotate(unread=unread)
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at")
    )


def conversation_messages(conversation: Conversation) -> QuerySet[Message]:
    return conversation.messages.select_related("proxy_author").order_by("created_at", "pk")


def members_blocked_between(a: Member, b: Member) -> bool:
    return MemberBlock.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def help_status(help: Help, now: datetime) -> str:
    """Where a help stands at `now` (a pure function of its confirmations and objections).

    Confirmed when both sides confirmed, or when one side confirmed and the other did
    not object within HELP_OBJECTION_DAYS (the moment the period ends counts as over).
    An objection stands until both sides confirm.
    """
    owner, answerer = help.owner_confirmed_at, help.answerer_confirmed_at
    if owner and answerer:
        return HelpStatus.CONFIRMED
    if help.owner_objected_at or help.answerer_objected_at:
        return HelpStatus.DISPUTED
    confirmed_at = owner or answerer
    if confirmed_at is None:
        return HelpStatus.AGREED
    if now >= confirmed_at + timedelta(days=HELP_OBJECTION_DAYS):
        return HelpStatus.CONFIRMED
    return HelpStatus.AWAITING


def confirmed_helps_q(now: datetime) -> Q:
    """The same rule as `help_status(...) == CONFIRMED`, as a database condition."""
    cutoff = now - timedelta(days=HELP_OBJECTION_DAYS)
    both = Q(owner_confirmed_at__isnull=False, answerer_confirmed_at__isnull=False)
    no_objection = Q(owner_objected_at__isnull=True, answerer_objected_at__isnull=True)
    one_long_ago = Q(owner_confirmed_at__lte=cutoff) | Q(answerer_confirmed_at__lte=cutoff)
    return both | (no_objection & one_long_ago)


def helps_given_by(member: Member, now: datetime) -> QuerySet[Help]:
    """Confirmed helps this member gave, oldest first (what the certificate lists)."""
    return (
        Help.objects.filter(
            Q(owner=member, owner_gives=True) | Q(answerer=member, owner_gives=False)
        )
        .filter(confirmed_helps_q(now))
        .select_related("municipality")
        .order_by("agreed_at")
    )


def confirmed_help_count(member: Member, now: datetime) -> int:
    """The one figure about a member's helps that may be public: how many were confirmed."""
    return (
        Help.objects.filter(Q(owner=member) | Q(answerer=member))
        .filter(confirmed_helps_q(now))
        .count()
    )


def feedback_received_by(member: Member) -> QuerySet[Feedback]:
    """Feedback the other side left about this member's helps (without safety notes)."""
    return (
        Feedback.objects.filter(
            Q(help__owner=member, side=Side.ANSWERER) | Q(help__answerer=member, side=Side.OWNER)
        )
        .select_related("help")
        .order_by("-created_at")
    )


def feedback_for_admin(user) -> QuerySet[Feedback]:
    """All feedback of the municipalities the user administers, safety concerns first."""
    municipalities = municipalities_for_role(user, Role.MUNICIPALITY_ADMIN)
    return (
        Feedback.objects.filter(help__municipality__in=municipalities)
        .select_related("help__municipality", "help__owner", "help__answerer", "help__proxy_client")
        .order_by("-safety_concern", "-created_at")
    )


def help_of(conversation: Conversation) -> Help | None:
    return Help.objects.filter(conversation=conversation).first()


def listing_shown_to_party(user, municipality, pk: int) -> Listing | None:
    """A matched listing as its two sides still see it (nobody else does)."""
    if not user.is_authenticated:
        return None
    return (
        Listing.objects.filter(municipality=municipality, pk=pk, status=ListingStatus.MATCHED)
        .filter(Q(member__user=user) | Q(helps__answerer__user=user))
        .select_related("category", "district", "social_space", "member", "proxy_client")
        .first()
    )


# Mail ---------------------------------------------------------------------------------


def _site_root(municipality) -> str:
    """The address of the municipality's portal, for links in mails."""
    portals = tenancy.portal_pages().filter(municipality=municipality)
    site = Site.objects.filter(root_page__in=portals).first()
    if site is not None:
        return site.root_url
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def _helpers_of(conversation: Conversation):
    """Whom to tell about a proxy client's conversation: the helpers who posted for them."""
    listing = conversation.listing
    return [user for user in {listing.proxy_created_by, listing.proxy_changed_by} if user]


def _new_message_notify(conversation: Conversation, to_side: str, now: datetime) -> None:
    """Tell the other side that a message waits, at most once an hour per conversation.

    The mail names the listing and links to the conversation; it never carries the
    message, so contact details shared in it do not travel by mail.
    """
    field = f"{to_side}_notified_at"
    last = getattr(conversation, field)
    if last is not None and now - last < NEW_MESSAGE_MAIL_INTERVAL:
        return
    Conversation.objects.filter(pk=conversation.pk).update(**{field: now})
    setattr(conversation, field, now)
    context = {"listing_title": conversation.listing.title, "conversation_id": conversation.pk}
    if to_side == Side.ANSWERER or conversation.owner_id:
        member = conversation.answerer if to_side == Side.ANSWERER else conversation.owner
        path = reverse("exchange:conversation_detail", args=[conversation.pk])
        notify(
            NoticeKind.NEW_MESSAGE,
            context={**context, "link": _site_root(conversation.municipality) + path},
            member=member,
        )
        return
    path = reverse("exchange_proxy:conversation_detail", args=[conversation.pk])
    link = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path
    for helper in _helpers_of(conversation):
        notify(NoticeKind.NEW_MESSAGE, context={**context, "link": link}, user=helper)


# Writes: conversations ----------------------------------------------------------------


def _rate_limit(member: Member) -> None:
    key = str(member.user_id)
    decision = ratelimit.check(MESSAGE_SEND, key)
    if decision.locked:
        raise MessageRateLimited(decision)
    ratelimit.hit(MESSAGE_SEND, key)


def _message_add(
    conversation: Conversation,
    *,
    side: str,
    body: str,
    author: Member | None = None,
    proxy_author=None,
    shares_contact: bool = False,
) -> Message:
    body = body.strip()
    if not body:
        raise ValidationError(_("Bitte schreiben Sie eine Nachricht."))
    message = Message(
        conversation=conversation,
        side=side,
        author=author,
        proxy_author=proxy_author,
        body=body,
        shares_contact=shares_contact,
    )
    message.full_clean(exclude=["conversation"])
    message.save()
    now = message.created_at
    conversation.last_message_at = now
    setattr(conversation, f"{side}_read_at", now)
    conversation.save(update_fields=["last_message_at", f"{side}_read_at"])
    _new_message_notify(conversation, _other(side), now)
    return message


def _locked(conversation: Conversation) -> Conversation:
    return Conversation.objects.select_for_update().get(pk=conversation.pk)


def _member_side(conversation: Conversation, member: Member) -> str:
    if member.pk == conversation.answerer_id:
        return Side.ANSWERER
    if conversation.owner_id and member.pk == conversation.owner_id:
        return Side.OWNER
    raise PermissionDenied


def _may_write(conversation: Conversation, member: Member) -> None:
    if not member_can_post(member):
        raise PermissionDenied
    if conversation.is_closed:
        raise ValidationError(_("Diese Unterhaltung ist beendet. Sie können nicht mehr schreiben."))
    other = conversation.other_member(member)
    if other is not None and members_blocked_between(member, other):
        raise ValidationError(_("Sie können diesem Mitglied nicht schreiben."))


@transaction.atomic
def conversation_start(
    *, listing: Listing, sender: Member, body: str, share_contact: bool = False
) -> Message:
    """Answer a listing: open a conversation with its owner side (or go on in the open
    one between the two) and add the first message."""
    if not member_can_post(sender) or sender.municipality_id != listing.municipality_id:
        raise PermissionDenied
    if listing.member_id == sender.pk:
        raise ValidationError(_("Das ist Ihr eigener Eintrag."))
    if listing.status != ListingStatus.PUBLISHED:
        raise ValidationError(_("Dieser Eintrag nimmt keine Antworten mehr an."))
    if sender.is_minor and not listing.category.for_minors:
        raise PermissionDenied  # minors answer only in the categories meant for them
    if listing.member_id and members_blocked_between(sender, listing.member):
        raise ValidationError(_("Sie können diesem Mitglied nicht schreiben."))
    _rate_limit(sender)
    conversation = (
        Conversation.objects.select_for_update()
        .filter(listing=listing, answerer=sender, closed_at__isnull=True)
        .first()
    )
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    municipality=listing.municipality,
                    listing=listing,
                    answerer=sender,
                    owner=listing.member,
                    proxy_client=listing.proxy_client,
                )
        except IntegrityError:  # opened a moment ago by a request running alongside
            conversation = Conversation.objects.select_for_update().get(
                listing=listing, answerer=sender, closed_at__isnull=True
            )
    message = _message_add(conversation, side=Side.ANSWERER, body=body, author=sender)
    if share_contact:
        _contact_add(conversation, sender, Side.ANSWERER)
    return message


@transaction.atomic
def message_send(*, conversation: Conversation, member: Member, body: str) -> Message:
    """A member replies in one of their conversations."""
    conversation = _locked(conversation)
    side = _member_side(conversation, member)
    _may_write(conversation, member)
    _rate_limit(member)
    return _message_add(conversation, side=side, body=body, author=member)


@transaction.atomic
def message_send_for_client(*, conversation: Conversation, by, body: str) -> Message:
    """A proxy helper replies in the name of the proxy client (logged)."""
    conversation = _locked(conversation)
    if conversation.proxy_client_id is None:
        raise PermissionDenied
    if conversation.is_closed:
        raise ValidationError(_("Diese Unterhaltung ist beendet. Sie können nicht mehr schreiben."))
    message = _message_add(conversation, side=Side.OWNER, body=body, proxy_author=by)
    _log_for_client(conversation, "exchange.conversation.proxy_message", by)
    return message


def _log_for_client(conversation: Conversation, action: str, by, **data) -> None:
    log(
        instance=conversation,
        action=action,
        user=by,
        data={
            "acting_user_id": by.pk,
            "acting_user": by.get_username(),
            "proxy_client_id": conversation.proxy_client_id,
            "proxy_client": conversation.proxy_client.name if conversation.proxy_client else "",
            **data,
        },
    )


def contact_text(member: Member) -> str:
    """What "share my contact details" writes: the e-mail address, and a phone number
    where the membership holds one (today's members have none on record)."""
    text = _("Meine Kontaktdaten: E-Mail %(email)s") % {"email": member.user.email}
    phone = getattr(member, "phone", "")
    if phone:
        text += _(", Telefon %(phone)s") % {"phone": phone}
    return text


def _contact_add(conversation: Conversation, member: Member, side: str) -> Message:
    return _message_add(
        conversation, side=side, body=contact_text(member), author=member, shares_contact=True
    )


@transaction.atomic
def contact_share(*, conversation: Conversation, member: Member) -> Message:
    """The member chooses to give the other side their contact details, in a message."""
    conversation = _locked(conversation)
    side = _member_side(conversation, member)
    _may_write(conversation, member)
    _rate_limit(member)
    return _contact_add(conversation, member, side)


@transaction.atomic
def conversation_close(*, conversation: Conversation, member: Member | None = None, by=None):
    """One side ends the conversation: nobody can write in it any more."""
    conversation = _locked(conversation)
    if member is not None:
        side = _member_side(conversation, member)
    elif conversation.proxy_client_id and by is not None:
        side = Side.OWNER
    else:
        raise PermissionDenied
    if conversation.is_closed:
        raise ValidationError(_("Diese Unterhaltung ist schon beendet."))
    conversation.closed_at = timezone.now()
    conversation.closed_by = side
    conversation.save(update_fields=["closed_at", "closed_by"])
    if member is None:
        _log_for_client(conversation, "exchange.conversation.proxy_close", by)
    return conversation


@transaction.atomic
def member_block_by_member(*, blocker: Member, blocked: Member) -> MemberBlock:
    """A member blocks another: their open conversations end, no new ones start, and
    neither sees the other's listings any more (exchange.selectors)."""
    if blocker.pk == blocked.pk or blocker.municipality_id != blocked.municipality_id:
        raise PermissionDenied
    block, _created = MemberBlock.objects.get_or_create(blocker=blocker, blocked=blocked)
    Conversation.objects.filter(
        Q(answerer=blocker, owner=blocked) | Q(answerer=blocked, owner=blocker),
        closed_at__isnull=True,
    ).update(closed_at=timezone.now(), closed_by=Side.ANSWERER)
    return block


# Writes: agreed, done, thanked --------------------------------------------------------


@transaction.atomic
def help_accept(*, conversation: Conversation, member: Member | None = None, by=None) -> Help:
    """The owner side accepts the answering member: the listing becomes "matched".

    Only from "published", only in an open conversation, once per listing.
    """
    conversation = _locked(conversation)
    if member is not None:
        if _member_side(conversation, member) != Side.OWNER:
            raise PermissionDenied
        _may_write(conversation, member)
    elif conversation.proxy_client_id is None or by is None:
        raise PermissionDenied
    elif conversation.is_closed:
        raise ValidationError(_("Diese Unterhaltung ist beendet."))
    listing = (
        Listing.objects.select_for_update(of=("self",))
        .select_related("category")
        .get(pk=conversation.listing_id)
    )
    # The state rule (exchange.states, "match": from published only; not once expired).
    if not states.can(listing, "match"):
        raise ValidationError(_("Dieser Eintrag kann nicht mehr vermittelt werden."))
    now = timezone.now()
    states.apply(listing, "match")
    listing.save(update_fields=["status", "updated_at"])
    help = Help.objects.create(
        municipality=listing.municipality,
        conversation=conversation,
        listing=listing,
        listing_type=listing.listing_type,
        category_name=listing.category.name,
        owner_gives=Help.owner_gives_for(listing),
        owner=conversation.owner,
        proxy_client=conversation.proxy_client,
        answerer=conversation.answerer,
        agreed_at=now,
    )
    _message_add(
        conversation,
        side=Side.OWNER,
        body=_("Abgemacht: Wir helfen einander. Der Eintrag ist jetzt vermittelt."),
        author=member,
        proxy_author=by if member is None else None,
    )
    if member is None:
        _log_for_client(conversation, "exchange.help.proxy_accept", by)
    else:
        log(instance=listing, action="exchange.listing.match", user=member.user)
    return help


def hours_validate(value) -> Decimal:
    """Hours of one help: between a quarter of an hour and 24 hours, in quarters."""
    try:
        hours = Decimal(str(value).replace(",", "."))
    except ArithmeticError as error:
        raise ValidationError(_("Bitte geben Sie die Stunden als Zahl an, z. B. 1,5.")) from error
    if not hours.is_finite() or hours < HOURS_MIN or hours > HOURS_MAX:
        raise ValidationError(_("Bitte geben Sie zwischen 0,25 und 24 Stunden an."))
    if (hours * 4) % 1:
        raise ValidationError(_("Bitte geben Sie die Stunden in Viertelstunden an, z. B. 1,25."))
    return hours


def _help_locked(help: Help) -> Help:
    return (
        Help.objects.select_for_update(of=("self",))
        .select_related("conversation__listing", "answerer", "owner", "proxy_client")
        .get(pk=help.pk)
    )


def help_side_of(help: Help, member: Member) -> str:
    if help.answerer_id == member.pk:
        return Side.ANSWERER
    if help.owner_id and help.owner_id == member.pk:
        return Side.OWNER
    raise PermissionDenied


@transaction.atomic
def help_confirm(*, help: Help, member: Member | None = None, by=None, hours=None) -> Help:
    """One side confirms that the help happened (a proxy helper for an offline client,
    logged), with the hours for time donations and pocket-money jobs."""
    help = _help_locked(help)
    if member is not None:
        side = help_side_of(help, member)
    elif help.proxy_client_id and by is not None:
        side = Side.OWNER
    else:
        raise PermissionDenied
    if getattr(help, f"{side}_confirmed_at"):
        raise ValidationError(_("Sie haben diese Hilfe schon bestätigt."))
    update_fields = [f"{side}_confirmed_at"]
    if hours not in (None, ""):
        if help.listing_type not in HOURS_LISTING_TYPES:
            raise ValidationError(_("Für diese Art von Hilfe werden keine Stunden erfasst."))
        help.hours = hours_validate(hours)
        update_fields.append("hours")
    now = timezone.now()
    setattr(help, f"{side}_confirmed_at", now)
    help.save(update_fields=update_fields)
    if member is None:
        _log_for_client(help.conversation, "exchange.help.proxy_confirm", by)
    other = help.answerer if side == Side.OWNER else help.owner
    if other is not None:
        notify(
            NoticeKind.HELP_CONFIRMED,
            context={"category": help.category_name, "days": HELP_OBJECTION_DAYS},
            member=other,
        )
    return help


@transaction.atomic
def help_object(*, help: Help, member: Member) -> Help:
    """The other side says the help did not happen, within the objection period."""
    help = _help_locked(help)
    side = help_side_of(help, member)
    other_confirmed = getattr(help, f"{_other(side)}_confirmed_at")
    if getattr(help, f"{side}_confirmed_at") or other_confirmed is None:
        raise ValidationError(_("Hier gibt es nichts zu widersprechen."))
    if help_status(help, timezone.now()) != HelpStatus.AWAITING:
        raise ValidationError(_("Die Frist für einen Widerspruch ist abgelaufen."))
    setattr(help, f"{side}_objected_at", timezone.now())
    help.save(update_fields=[f"{side}_objected_at"])
    return help


# How long after its objection period ended a help settled by it is still announced:
# the command runs daily, so a few missed runs are caught up, while a help that
# settled months before the command was first run is not announced at all.
HELP_SETTLED_CATCH_UP_DAYS = 7


def helps_settled_by_time(now: datetime) -> QuerySet[Help]:
    """Helps that the 14-day rule confirmed in the last few days (not both sides).

    One side confirmed, the other neither confirmed nor objected, and the objection
    period ended within `HELP_SETTLED_CATCH_UP_DAYS` before `now`.
    """
    ended_after = now - timedelta(days=HELP_OBJECTION_DAYS + HELP_SETTLED_CATCH_UP_DAYS)
    ended_by = now - timedelta(days=HELP_OBJECTION_DAYS)
    owner_only = Q(owner_confirmed_at__gt=ended_after, owner_confirmed_at__lte=ended_by) & Q(
        answerer_confirmed_at__isnull=True
    )
    answerer_only = Q(
        answerer_confirmed_at__gt=ended_after, answerer_confirmed_at__lte=ended_by
    ) & Q(owner_confirmed_at__isnull=True)
    return (
        Help.objects.filter(owner_only | answerer_only)
        .filter(owner_objected_at__isnull=True, answerer_objected_at__isnull=True)
        .select_related("owner", "answerer")
        .order_by("pk")
    )


def helps_settled_notify(now: datetime | None = None) -> int:
    """Tell both sides of each help the 14-day rule confirmed that it now counts.

    Once per help and member, however often it runs (`notice_claim`). The side that
    gave the help is pointed to the certificate page. A proxy client has no address;
    their helper sees the help's state in the admin. Returns how many mails were sent.
    """
    now = now or timezone.now()
    sent = 0
    for help in helps_settled_by_time(now):
        for member, gave in ((help.owner, help.owner_gives), (help.answerer, not help.owner_gives)):
            if member is None or not notice_claim(f"help_settled:{help.pk}:{member.pk}"):
                continue
            notify(
                NoticeKind.HELP_SETTLED,
                context={
                    "name": member.display_name,
                    "category": help.category_name,
                    "days": HELP_OBJECTION_DAYS,
                    "gave": gave,
                    "link": exchange_url(help.municipality_id, "exchange:certificate"),
                },
                member=member,
            )
            sent += 1
    return sent


@transaction.atomic
def feedback_give(
    *,
    help: Help,
    member: Member,
    rating: int,
    comment: str = "",
    safety_concern: bool = False,
    safety_note: str = "",
) -> Feedback:
    """A side leaves feedback once, after confirming; a safety concern goes to the
    municipality's admins (flagged and logged), never to the other member."""
    help = _help_locked(help)
    side = help_side_of(help, member)
    if not getattr(help, f"{side}_confirmed_at"):
        raise ValidationError(_("Bitte bestätigen Sie zuerst, dass die Hilfe stattgefunden hat."))
    if Feedback.objects.filter(help=help, side=side).exists():
        raise ValidationError(_("Sie haben schon eine Rückmeldung gegeben."))
    feedback = Feedback(
        help=help,
        side=side,
        rating=rating,
        comment=comment.strip(),
        safety_concern=safety_concern,
        safety_note=safety_note.strip() if safety_concern else "",
    )
    feedback.full_clean(exclude=["help"])
    feedback.save()
    if safety_concern:
        log(instance=help, action="exchange.help.safety_concern", user=member.user)
    return feedback
