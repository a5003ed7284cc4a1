"""Writes of the exchange: registration, consents, listings, moderation, proxy posting.

Every moderation action and every action a proxy helper takes for a client is written
to Wagtail's audit log (`exchange.*` actions, registered in wagtail_hooks), with who
acted and, for proxy actions, for whom.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry, Revision
from wagtail.search.models import IndexEntry

from cms.core.view_restrictions import user_is_staff_account
from moderation import reports

from . import conversations, states, versions
from .enums import ConsentChannel, ConsentDocument, ListingStatus, MemberStatus
from .models import (
    PARENTAL_CONSENT_VERSION,
    Category,
    Certificate,
    Consent,
    Conversation,
    ExchangeSettings,
    Feedback,
    Help,
    LegalText,
    Listing,
    ListingResponse,
    Member,
    Message,
    ProxyClient,
)
from .notifications import NoticeKind, mail_address, notify
from .permissions import member_can_post
from .selectors import exchange_url, legal_versions
from .signals import member_access_ended

# Stored statuses from which "close" is allowed ("expired" is a published listing).
CLOSABLE_STORED_STATUSES = sorted(
    states.LISTING_TRANSITIONS["close"].sources - {ListingStatus.EXPIRED}
)

CONFIRMATION_SALT = "exchange.member.confirm-email"
CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 3  # three days

# Fields of a listing its owner (or a proxy helper) sets through a form.
LISTING_FIELDS = (
    "kind",
    "listing_type",
    "pocket_money_amount",
    "category",
    "title",
    "description",
    "district",
    "locality",
    "social_space",
    "valid_until",
)


# Members -------------------------------------------------------------------------------


@transaction.atomic
def member_register(
    *,
    email: str,
    password: str,
    display_name: str,
    municipality,
    district,
    kind: str,
    network_profile: str = "",
    is_minor: bool = False,
    guardian_name: str = "",
    versions: dict | None = None,
) -> Member:
    """Create an inactive account and a pending member with their recorded consents.

    The account becomes usable when the e-mail address is confirmed; the member's
    listings become public when a municipality admin approves them.
    """
    user = get_user_model().objects.create_user(
        username=email.lower(), email=email.lower(), password=password, is_active=False
    )
    member = Member.objects.create(
        user=user,
        municipality=municipality,
        district=district,
        kind=kind,
        display_name=display_name,
        network_profile=network_profile,
        is_minor=is_minor,
    )
    registration_consents_record(
        member=member, given_at=timezone.now(), guardian=guardian_name, versions=versions
    )
    return member


def registration_consents_record(
    *, member: Member, given_at, guardian: str = "", versions: dict | None = None
) -> None:
    """Record the consents given at registration: terms, privacy, and a parent's for minors.

    Terms and privacy are recorded in the version the member's municipality shows now
    (`versions`, looked up when not given).
    """
    if versions is None:
        versions = legal_versions(member.municipality)
    documents = [
        (ConsentDocument.TERMS, versions[ConsentDocument.TERMS], ""),
        (ConsentDocument.PRIVACY, versions[ConsentDocument.PRIVACY], ""),
    ]
    if member.is_minor:
        documents.append((ConsentDocument.PARENTAL, PARENTAL_CONSENT_VERSION, guardian))
    Consent.objects.bulk_create(
        Consent(
            member=member,
            document=document,
            text_version=version,
            channel=ConsentChannel.WEB,
            given_at=given_at,
            given_by=given_by,
        )
        for document, version, given_by in documents
    )


def member_confirmation_token(member: Member) -> str:
    return signing.dumps(member.pk, salt=CONFIRMATION_SALT)


def member_confirmation_send(*, member: Member, site_url: str) -> None:
    """Mail the link that confirms the member's e-mail address."""
    path = reverse("exchange:confirm_email", args=[member_confirmation_token(member)])
    mail_address(
        NoticeKind.CONFIRM_EMAIL,
        to=member.user.email,
        context={"name": member.display_name, "link": site_url.rstrip("/") + path},
        language=member.language,
    )


def registration_submit(*, site_url: str, email: str, password: str, **member_fields) -> None:
    """Register a new member, or tell the owner of a known address; the same work either way.

    Nobody may learn through registration which addresses have an account, not even
    from how long the answer takes: both paths look the address up, hash the password
    once, render and send one mail, and the view shows the same page. (A new member
    also costs the inserts of the account, the member and the consents.)
    """
    # What the consents record is read on both paths, so both read the same.
    versions = legal_versions(member_fields["municipality"])
    if account_exists(email=email):
        make_password(password)  # the hash a new account costs; the result is not kept
        existing_account_notify(email=email, site_url=site_url)
        return
    try:
        member = member_register(email=email, password=password, versions=versions, **member_fields)
    except IntegrityError:  # registered a moment ago by a request running alongside
        existing_account_notify(email=email, site_url=site_url)
        return
    member_confirmation_send(member=member, site_url=site_url)


def account_exists(*, email: str) -> bool:
    """Whether a resident account uses this address (accounts are named by it)."""
    return get_user_model().objects.filter(username__iexact=email).exists()


def existing_account_notify(*, email: str, site_url: str) -> None:
    """Tell the owner of an address that someone tried to register it again.

    Registration answers the same either way, so that nobody can find out through it
    which addresses have an account; the owner learns of the attempt by mail.
    """
    login_link = site_url.rstrip("/") + reverse("exchange:login")
    mail_address(NoticeKind.ACCOUNT_EXISTS, to=email, context={"link": login_link})


@transaction.atomic
def member_email_confirm(*, token: str) -> Member:
    """Activate the account named in a confirmation token. Raises ValidationError."""
    try:
        member_pk = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError(_("Der Bestätigungslink ist ungültig oder abgelaufen.")) from error
    member = Member.objects.select_related("user").select_for_update().filter(pk=member_pk).first()
    if member is None:
        raise ValidationError(_("Der Bestätigungslink ist ungültig oder abgelaufen."))
    if member.email_confirmed_at is None:
        member.email_confirmed_at = timezone.now()
        member.save(update_fields=["email_confirmed_at"])
        member.user.is_active = True
        member.user.save(update_fields=["is_active"])
    return member


def _locked(obj, seen_version: str | None = None):
    """Lock the object's row for this transaction and reload every field from it, so
    that a state rule is checked, and a write based, on what is stored, not on what the
    request read before the lock (another admin may have acted in between).

    With `seen_version` (the version the moderator's form carried), refuse with
    `versions.ChangedSinceSeen` when the stored row is no longer what they saw.
    """
    type(obj).objects.select_for_update(of=("self",)).filter(pk=obj.pk).values("pk").get()
    obj.refresh_from_db()
    versions.version_check(obj, seen_version)
    return obj


def _member_status_set(
    *,
    member: Member,
    transition: str,
    by,
    reason: str,
    action: str,
    seen_version: str | None = None,
) -> Member:
    _locked(member, seen_version)
    states.apply(member, transition)
    member.status_reason = reason
    member.status_changed_at = timezone.now()
    member.save(update_fields=["status", "status_reason", "status_changed_at"])
    log(instance=member, action=action, user=by, data={"reason": reason})
    return member


def _member_approval_check(member: Member) -> None:
    """What must hold before a member's posts may be public (approval and unblock)."""
    if member.email_confirmed_at is None:
        raise ValidationError(_("Die E-Mail-Adresse ist noch nicht bestätigt."))
    if (
        member.is_minor
        and not member.consents.filter(
            document=ConsentDocument.PARENTAL, withdrawn_at__isnull=True
        ).exists()
    ):
        raise ValidationError(_("Für Minderjährige fehlt die Einwilligung der Eltern."))


@transaction.atomic
def member_approve(*, member: Member, by, seen_version: str | None = None) -> Member:
    """Approve a member: from now on what they publish is public."""
    _locked(member, seen_version)
    if not states.can(member, "approve"):
        states.apply(member, "approve")  # raises the state rule's message
    _member_approval_check(member)
    member = _member_status_set(
        member=member,
        transition="approve",
        by=by,
        reason="",
        action="exchange.member.approve",
    )
    notify(
        NoticeKind.MEMBER_APPROVED,
        member=member,
        context={
            "name": member.display_name,
            "municipality": member.municipality.name,
            "link": exchange_url(member.municipality_id, "exchange:my_listings"),
        },
    )
    return member


@transaction.atomic
def member_reject(
    *, member: Member, by, reason: str = "", seen_version: str | None = None
) -> Member:
    """Reject a membership; the account is signed out (it may not sign in here)."""
    member = _member_status_set(
        member=member,
        transition="reject",
        by=by,
        reason=reason,
        action="exchange.member.reject",
        seen_version=seen_version,
    )
    _sessions_end(member.user)
    notify(
        NoticeKind.MEMBER_REJECTED,
        member=member,
        context={
            "name": member.display_name,
            "municipality": member.municipality.name,
            "reason": reason,
        },
    )
    member_access_ended.send(sender=Member, member=member)
    return member


def _sessions_end(*users, include_expired: bool = False) -> int:
    """Delete every database session of the users.

    Sessions store the user id only inside their encoded data, so each session is
    decoded; this runs on a block or an erasure, not per request. An erasure takes
    expired sessions too (they stay in the table until `clearsessions`).
    """
    user_pks = {str(user.pk) for user in users}
    sessions = Session.objects.all()
    if not include_expired:
        sessions = sessions.filter(expire_date__gt=timezone.now())
    stale = [
        session.pk
        for session in sessions.iterator()
        if session.get_decoded().get("_auth_user_id") in user_pks
    ]
    Session.objects.filter(pk__in=stale).delete()
    return len(stale)


@transaction.atomic
def member_block(*, member: Member, by, reason: str, seen_version: str | None = None) -> Member:
    """Block a member: all their listings leave the public site and they are signed out."""
    member = _member_status_set(
        member=member,
        transition="block",
        by=by,
        reason=reason,
        action="exchange.member.block",
        seen_version=seen_version,
    )
    _sessions_end(member.user)
    member_access_ended.send(sender=Member, member=member)
    return member


@transaction.atomic
def member_unblock(*, member: Member, by, seen_version: str | None = None) -> Member:
    """Lift a block: only a blocked (so once approved) member, and only if the approval
    checks still hold; a pending member is never approved this way."""
    _locked(member, seen_version)
    if not states.can(member, "unblock"):
        states.apply(member, "unblock")  # raises the state rule's message
    _member_approval_check(member)
    return _member_status_set(
        member=member,
        transition="unblock",
        by=by,
        reason="",
        action="exchange.member.unblock",
    )


@transaction.atomic
def member_consent_withdraw(*, member: Member) -> Member:
    """Withdraw the member's consents: their listings close and they can no longer post.

    As easy as giving consent: one confirmed button, no admin involved. The membership
    is then "withdrawn" (never "approved" again) until retention removes it. The
    account is closed too unless it still holds a membership elsewhere.
    """
    now = timezone.now()
    member = Member.objects.select_for_update().select_related("user").get(pk=member.pk)
    states.apply(member, "withdraw")
    member.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    member.listings.filter(status__in=CLOSABLE_STORED_STATUSES).update(status=ListingStatus.CLOSED)
    member.status_reason = ""
    member.status_changed_at = now
    member.save(update_fields=["status", "status_reason", "status_changed_at"])
    log(instance=member, action="exchange.member.consent_withdraw", user=member.user)
    member_access_ended.send(sender=Member, member=member)
    standing_elsewhere = (
        Member.objects.filter(user=member.user).exclude(status=MemberStatus.WITHDRAWN).exists()
    )
    if not standing_elsewhere:
        member.user.is_active = False
        member.user.save(update_fields=["is_active"])
        _sessions_end(member.user)
    return member


@transaction.atomic
def member_profile_update(*, member: Member, display_name: str, district) -> Member:
    """A member changes the name shown with their listings, or their district."""
    if not member_can_post(member):
        raise PermissionDenied
    member.display_name = display_name
    member.district = district
    member.save(update_fields=["display_name", "district"])
    log(instance=member, action="wagtail.edit", user=member.user)
    return member


@transaction.atomic
def membership_apply(
    *, user, municipality, district, display_name: str, guardian_name: str = ""
) -> Member:
    """An account with a membership elsewhere applies to this municipality's exchange.

    The new membership waits for this municipality's approval like any registration;
    the e-mail address was confirmed already. A minor stays a minor here.
    """
    existing = Member.objects.filter(user=user)
    # Lock the account's memberships: a second application sent at the same moment
    # (double click) waits here and then finds this one, instead of failing on the
    # one-membership-per-municipality constraint.
    list(existing.select_for_update().values_list("pk", flat=True))
    if existing.filter(municipality=municipality).exists():
        raise ValidationError(_("Sie haben hier bereits eine Mitgliedschaft."))
    first = existing.order_by("created_at").first()
    if first is None or first.email_confirmed_at is None:
        raise PermissionDenied
    member = Member.objects.create(
        user=user,
        municipality=municipality,
        district=district,
        kind=first.kind,
        display_name=display_name,
        network_profile=first.network_profile,
        is_minor=existing.filter(is_minor=True).exists(),
        email_confirmed_at=first.email_confirmed_at,
    )
    registration_consents_record(member=member, given_at=timezone.now(), guardian=guardian_name)
    log(instance=member, action="wagtail.create", user=user)
    return member


# Listings ------------------------------------------------------------------------------


def _review_required(listing: Listing) -> bool:
    """Whether a submitted listing waits for review: where the municipality reviews all,
    and for a new member's first listings where it reviews those (ExchangeSettings)."""
    exchange_settings = ExchangeSettings.objects.filter(
        municipality=listing.municipality_id
    ).first()
    if exchange_settings is None:
        return False
    if exchange_settings.listing_review_required:
        return True
    if not exchange_settings.new_member_review_count or not listing.member_id:
        return False
    published_before = (
        Listing.objects.filter(member=listing.member_id, published_at__isnull=False)
        .exclude(pk=listing.pk)
        .count()
    )
    return published_before < exchange_settings.new_member_review_count


def _listing_status_after_submit(listing: Listing, *, submit: bool) -> None:
    if not submit:
        states.apply(listing, "save_draft")
        return
    target = ListingStatus.PENDING if _review_required(listing) else ListingStatus.PUBLISHED
    states.apply(listing, "submit", target=target)
    listing.sent_back_comment = ""
    if listing.status == ListingStatus.PUBLISHED and listing.published_at is None:
        listing.published_at = timezone.now()


@transaction.atomic
def listing_create(*, member: Member, data: dict, submit: bool = True) -> Listing:
    """A member's new listing: public at once, or after review where the municipality wants."""
    if not member_can_post(member):
        raise PermissionDenied
    listing = Listing(member=member, municipality=member.municipality)
    for field in LISTING_FIELDS:
        setattr(listing, field, data.get(field))
    listing.full_clean()
    _listing_status_after_submit(listing, submit=submit)
    listing.save()
    log(instance=listing, action="wagtail.create", user=member.user)
    return listing


@transaction.atomic
def listing_update(*, listing: Listing, by, data: dict, submit: bool = True) -> Listing:
    """Change a listing. A published listing under review goes back to review; an
    expired one is published again with its new date. Editing lifts a moderator's
    "keep" (moderation.reports), since the reports were about the old text."""
    _locked(listing)
    if states.listing_state(listing) not in states.LISTING_EDITABLE_STATES:
        raise PermissionDenied
    for field in LISTING_FIELDS:
        setattr(listing, field, data.get(field))
    listing.full_clean()
    _listing_status_after_submit(listing, submit=submit)
    if listing.proxy_client_id:
        listing.proxy_changed_by = by
    listing.save()
    reports.content_changed(listing)
    action = "exchange.listing.proxy_edit" if listing.proxy_client_id else "wagtail.edit"
    log(instance=listing, action=action, user=by, data=_proxy_data(listing, by))
    return listing


def _listing_transition_save(listing: Listing, transition: str, *, target=None, fields=()):
    states.apply(listing, transition, target=target)
    listing.save(update_fields=["status", "updated_at", *fields])


@transaction.atomic
def listing_close(*, listing: Listing, by) -> Listing:
    """The owner (or their proxy helper) ends a listing: it leaves the public lists."""
    _locked(listing)
    fields = []
    if listing.proxy_client_id:
        listing.proxy_changed_by = by
        fields.append("proxy_changed_by")
    _listing_transition_save(listing, "close", fields=fields)
    action = "exchange.listing.proxy_close" if listing.proxy_client_id else "exchange.listing.close"
    log(instance=listing, action=action, user=by, data=_proxy_data(listing, by))
    return listing


@transaction.atomic
def listing_approve(*, listing: Listing, by, seen_version: str | None = None) -> Listing:
    """A municipality admin publishes a listing that waited for review."""
    _locked(listing, seen_version)
    listing.published_at = timezone.now()
    _listing_transition_save(listing, "approve", fields=["published_at"])
    log(instance=listing, action="exchange.listing.approve", user=by)
    _listing_owner_notify(
        NoticeKind.LISTING_APPROVED,
        listing,
        link=exchange_url(listing.municipality_id, "exchange:listing_detail", listing.pk),
    )
    return listing


@transaction.atomic
def listing_remove(
    *, listing: Listing, by, reason: str, seen_version: str | None = None
) -> Listing:
    """A municipality admin takes a listing off the site at once, with a reason."""
    _locked(listing, seen_version)
    listing.status_before_removal = listing.status
    listing.removal_reason = reason
    _listing_transition_save(listing, "remove", fields=["removal_reason", "status_before_removal"])
    log(instance=listing, action="exchange.listing.remove", user=by, data={"reason": reason})
    _listing_owner_notify(
        NoticeKind.LISTING_REMOVED,
        listing,
        link=exchange_url(listing.municipality_id, "exchange:my_listings"),
        reason=reason,
    )
    return listing


def _listing_owner_notify(kind: str, listing: Listing, **context) -> None:
    """Tell a listing's owner, or for a proxy client the helper who acted last."""
    context["listing_title"] = listing.title
    if listing.member_id:
        context["name"] = listing.member.display_name
        notify(kind, member=listing.member, context=context)
        return
    helper = listing.proxy_changed_by or listing.proxy_created_by
    if helper is not None:
        context["client"] = listing.proxy_client.display_name
        notify(kind, user=helper, context=context)


@transaction.atomic
def listing_restore(*, listing: Listing, by, seen_version: str | None = None) -> Listing:
    """Undo a removal: the listing returns to the state it had (its owner's status
    still applies; a date in the past shows it as expired)."""
    _locked(listing, seen_version)
    target = listing.status_before_removal or ListingStatus.PUBLISHED
    listing.removal_reason = ""
    listing.status_before_removal = ""
    if target == ListingStatus.PUBLISHED:
        listing.published_at = listing.published_at or timezone.now()
    _listing_transition_save(
        listing,
        "restore",
        target=target,
        fields=["removal_reason", "status_before_removal", "published_at"],
    )
    log(instance=listing, action="exchange.listing.restore", user=by)
    return listing


@transaction.atomic
def listing_send_back(
    *, listing: Listing, by, reason: str, seen_version: str | None = None
) -> Listing:
    """A moderator returns a listing to its owner with a comment on what to change.

    The listing becomes a draft again: the owner sees the comment in "Meine Einträge",
    edits and submits it anew.
    """
    _locked(listing, seen_version)
    listing.sent_back_comment = reason
    _listing_transition_save(listing, "send_back", fields=["sent_back_comment"])
    log(instance=listing, action="exchange.listing.send_back", user=by, data={"reason": reason})
    _listing_owner_notify(
        NoticeKind.LISTING_SENT_BACK,
        listing,
        comment=reason,
        link=exchange_url(listing.municipality_id, "exchange:my_listings"),
    )
    return listing


@transaction.atomic
def listing_text_edit(
    *, listing: Listing, by, title: str, description: str, seen_version: str | None = None
) -> Listing:
    """A moderator corrects a listing's text (e.g. removes a phone number), logged."""
    _locked(listing, seen_version)
    if states.listing_state(listing) not in states.LISTING_EDITABLE_STATES:
        raise states.TransitionNotAllowed(_("Dieser Eintrag kann nicht mehr geändert werden."))
    listing.title = title
    listing.description = description
    listing.full_clean()
    listing.save(update_fields=["title", "description", "updated_at"])
    reports.content_changed(listing)
    log(instance=listing, action="exchange.listing.moderator_edit", user=by)
    return listing


def listing_respond(*, listing: Listing, sender: Member, message: str, share_email: bool):
    """Answer a listing: open a conversation with its owner side (or add to the open one
    between the two) with this first message; returns the Message.

    The owner (or, for a proxy client, the helper who posted) is told by mail that a
    message waits, with a link, never with the message or anyone's address. With
    `share_email` the sender deliberately adds their contact details as a second
    message. Raises PermissionDenied, ValidationError or
    conversations.MessageRateLimited.
    """
    return conversations.conversation_start(
        listing=listing, sender=sender, body=message, share_contact=share_email
    )


# Categories ----------------------------------------------------------------------------


@transaction.atomic
def category_save(*, form, by) -> Category:
    """Save a validated category form (scoped by the form to the admin's municipalities)."""
    created = form.instance.pk is None
    category = form.save()
    log(instance=category, action="wagtail.create" if created else "wagtail.edit", user=by)
    return category


@transaction.atomic
def category_delete(*, category: Category, by) -> None:
    """Delete a category without listings; one with listings is protected."""
    log(instance=category, action="wagtail.delete", user=by)
    category.delete()


# Terms and privacy --------------------------------------------------------------------


@transaction.atomic
def legal_text_publish(*, form, by) -> LegalText:
    """Publish a new version of a text (scoped by the form to the admin's municipalities);
    consents given from now on record it."""
    text = form.save()
    log(instance=text, action="exchange.legal_text.create", user=by)
    return text


# Proxy posting -------------------------------------------------------------------------


def _proxy_data(listing: Listing, by) -> dict:
    if not listing.proxy_client_id:
        return {}
    return {
        "acting_user_id": by.pk,
        "acting_user": by.get_username(),
        "proxy_client_id": listing.proxy_client_id,
        "proxy_client": listing.proxy_client.name,
    }


@transaction.atomic
def proxy_client_register(*, by, data: dict) -> ProxyClient:
    """A proxy helper records a resident without internet and their paper consent."""
    client = ProxyClient(registered_by=by, **data)
    client.full_clean()
    client.save()
    log(instance=client, action="wagtail.create", user=by)
    return client


@transaction.atomic
def proxy_listing_create(
    *, proxy_client: ProxyClient, by, data: dict, submit: bool = True
) -> Listing:
    """A proxy helper posts a listing for a client; the listing records who acted."""
    if proxy_client.consent_withdrawn_at is not None:
        raise PermissionDenied
    listing = Listing(
        proxy_client=proxy_client,
        municipality=proxy_client.municipality,
        proxy_created_by=by,
        proxy_changed_by=by,
    )
    for field in LISTING_FIELDS:
        setattr(listing, field, data.get(field))
    listing.full_clean()
    _listing_status_after_submit(listing, submit=submit)
    listing.save()
    log(
        instance=listing,
        action="exchange.listing.proxy_create",
        user=by,
        data=_proxy_data(listing, by),
    )
    return listing


# Data rights: erasure ------------------------------------------------------------------

ERASED_LABEL = "[gelöscht]"


def _objects_forget(objects_by_model: dict) -> None:
    """Remove every trace the platform keeps of these objects outside their own rows.

    Audit log entries stay as a record that an action happened (action and time), but
    their label and data, which name the person, are cleared; revisions and search
    index entries of the objects are deleted. `objects_by_model` maps a model to the
    primary keys of its erased rows.
    """
    for model, pks in objects_by_model.items():
        object_ids = [str(pk) for pk in pks]
        if not object_ids:
            continue
        content_type = ContentType.objects.get_for_model(model)
        ModelLogEntry.objects.filter(content_type=content_type, object_id__in=object_ids).update(
            label=ERASED_LABEL, data={}, user=None
        )
        Revision.objects.filter(content_type=content_type, object_id__in=object_ids).delete()
        IndexEntry.objects.filter(content_type=content_type, object_id__in=object_ids).delete()


def responses_erase(responses) -> int:
    """Delete answers and forget them; returns how many."""
    response_ids = list(responses.values_list("pk", flat=True))
    _objects_forget({ListingResponse: response_ids})
    return (
        ListingResponse.objects.filter(pk__in=response_ids)
        .delete()[1]
        .get(ListingResponse._meta.label, 0)
    )


def conversations_erase(conversations) -> int:
    """Delete conversations with their messages and forget them; returns how many."""
    conversation_ids = list(conversations.values_list("pk", flat=True))
    _objects_forget(
        {
            Conversation: conversation_ids,
            Message: list(
                Message.objects.filter(conversation__in=conversation_ids).values_list(
                    "pk", flat=True
                )
            ),
        }
    )
    return (
        Conversation.objects.filter(pk__in=conversation_ids)
        .delete()[1]
        .get(Conversation._meta.label, 0)
    )


def listings_erase(listings) -> int:
    """Delete listings with the answers and conversations they received, and forget them;
    returns how many. Agreed helps stay as anonymous records without the listing."""
    listing_ids = list(listings.values_list("pk", flat=True))
    responses_erase(ListingResponse.objects.filter(listing__in=listing_ids))
    conversations_erase(Conversation.objects.filter(listing__in=listing_ids))
    reports.reports_forget(Listing, listing_ids)
    _objects_forget({Listing: listing_ids})
    return Listing.objects.filter(pk__in=listing_ids).delete()[1].get(Listing._meta.label, 0)


def _users_erase(user_ids) -> None:
    """Delete the resident accounts among these users that hold no membership any more,
    and sign them out everywhere. A staff account that also was a member keeps its row
    (closing it is the platform admins' task), but loses its sessions of the exchange."""
    users = list(get_user_model().objects.filter(pk__in=user_ids, exchange_memberships=None))
    if not users:
        return
    reports.reports_by_users(users).delete()
    _sessions_end(*users, include_expired=True)
    user_model = type(users[0])
    _objects_forget({user_model: [user.pk for user in users]})
    ModelLogEntry.objects.filter(user__in=users).update(user=None)
    PageLogEntry.objects.filter(user__in=users).update(user=None)
    residents = [user.pk for user in users if not user_is_staff_account(user)]
    user_model.objects.filter(pk__in=residents).delete()


@transaction.atomic
def members_erase(*, members) -> int:
    """Delete memberships with their consents, listings, and the answers they sent and
    received, forget them everywhere else, and delete accounts left without any
    membership. Returns how many memberships were removed."""
    member_ids, user_ids = [], set()
    for member_id, user_id in members.values_list("pk", "user_id"):
        member_ids.append(member_id)
        user_ids.add(user_id)
    listings_erase(Listing.objects.filter(member__in=member_ids))
    responses_erase(ListingResponse.objects.filter(sender__in=member_ids))
    conversations_erase(
        Conversation.objects.filter(Q(answerer__in=member_ids) | Q(owner__in=member_ids))
    )
    # Their helps stay as anonymous counts (the members are set to null on delete); the
    # feedback on them names the person and goes, as do their certificates.
    member_helps = Help.objects.filter(Q(owner__in=member_ids) | Q(answerer__in=member_ids))
    feedback = Feedback.objects.filter(help__in=member_helps)
    certificates = Certificate.objects.filter(member__in=member_ids)
    _objects_forget(
        {
            Help: list(member_helps.values_list("pk", flat=True)),
            Feedback: list(feedback.values_list("pk", flat=True)),
            Certificate: list(certificates.values_list("pk", flat=True)),
        }
    )
    feedback.delete()
    certificates.delete()
    reports.reports_forget(Member, member_ids)
    # The reports these members made (personal data of the reporter) go with them.
    for municipality_id, user_id in members.values_list("municipality_id", "user_id"):
        reports.reports_by(user_id).filter(municipality_id=municipality_id).delete()
    _objects_forget(
        {
            Member: member_ids,
            Consent: list(
                Consent.objects.filter(member__in=member_ids).values_list("pk", flat=True)
            ),
        }
    )
    removed = Member.objects.filter(pk__in=member_ids).delete()[1].get(Member._meta.label, 0)
    _users_erase(user_ids)
    return removed


@transaction.atomic
def account_erase(*, user) -> None:
    """Delete an account and everything about it (DSGVO Art. 17).

    Removed: the account row, every membership and consent, the member's listings and
    their texts, answers sent and received, sessions; audit-log entries about them
    keep only action and time; revisions and search entries go. Nothing of it stays in
    any cache: the exchange caches no personal data.
    """
    members_erase(members=Member.objects.filter(user=user))
    _users_erase([user.pk])


@transaction.atomic
def proxy_clients_erase(*, clients, by=None) -> int:
    """Delete proxy clients and everything about them; returns how many.

    The deletion itself is recorded (who deleted, when), without naming the client.
    """
    client_ids = list(clients.values_list("pk", flat=True))
    listings_erase(Listing.objects.filter(proxy_client__in=client_ids))
    _objects_forget({ProxyClient: client_ids})
    erased = list(ProxyClient.objects.filter(pk__in=client_ids))
    for client in erased:
        log(instance=client, action="exchange.proxy_client.erase", user=by, title=ERASED_LABEL)
    return ProxyClient.objects.filter(pk__in=client_ids).delete()[1].get(ProxyClient._meta.label, 0)


def proxy_client_erase(*, client: ProxyClient, by) -> None:
    """A proxy helper deletes a client and all their data, on the client's request."""
    proxy_clients_erase(clients=ProxyClient.objects.filter(pk=client.pk), by=by)
