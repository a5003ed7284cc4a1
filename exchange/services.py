"""Writes of the exchange: registration, consents, listings, moderation, proxy posting.

Every moderation action and every action a proxy helper takes for a client is written
to Wagtail's audit log (`exchange.*` actions, registered in wagtail_hooks), with who
acted and, for proxy actions, for whom.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry, Revision
from wagtail.search.models import IndexEntry

from cms.core.view_restrictions import user_is_staff_account

from .enums import ConsentChannel, ConsentDocument, ListingStatus, MemberStatus
from .models import (
    PARENTAL_CONSENT_VERSION,
    PRIVACY_VERSION,
    TERMS_VERSION,
    Category,
    Consent,
    ExchangeSettings,
    Listing,
    ListingResponse,
    Member,
    ProxyClient,
)
from .permissions import member_can_post
from .signals import member_access_ended

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
    registration_consents_record(member=member, given_at=timezone.now(), guardian=guardian_name)
    return member


def registration_consents_record(*, member: Member, given_at, guardian: str = "") -> None:
    """Record the consents given at registration: terms, privacy, and a parent's for minors."""
    documents = [
        (ConsentDocument.TERMS, TERMS_VERSION, ""),
        (ConsentDocument.PRIVACY, PRIVACY_VERSION, ""),
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
    link = site_url.rstrip("/") + path
    send_mail(
        subject=_("Bitte bestätigen Sie Ihre E-Mail-Adresse"),
        message=_(
            "Guten Tag %(name)s,\n\n"
            "bitte bestätigen Sie Ihre Anmeldung bei der Nachbarschaftshilfe mit diesem "
            "Link:\n\n%(link)s\n\n"
            "Der Link gilt drei Tage. Danach prüft die Kommune Ihre Anmeldung; "
            "erst dann erscheinen Ihre Einträge.\n"
        )
        % {"name": member.display_name, "link": link},
        from_email=None,
        recipient_list=[member.user.email],
    )


def registration_submit(*, site_url: str, email: str, password: str, **member_fields) -> None:
    """Register a new member, or tell the owner of a known address; the same work either way.

    Nobody may learn through registration which addresses have an account, not even
    from how long the answer takes: both paths look the address up, hash the password
    once, render and send one mail, and the view shows the same page. (A new member
    also costs the inserts of the account, the member and the consents.)
    """
    if account_exists(email=email):
        make_password(password)  # the hash a new account costs; the result is not kept
        existing_account_notify(email=email, site_url=site_url)
        return
    try:
        member = member_register(email=email, password=password, **member_fields)
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
    send_mail(
        subject=_("Sie haben bereits ein Konto bei der Nachbarschaftshilfe"),
        message=_(
            "Guten Tag,\n\n"
            "mit Ihrer E-Mail-Adresse wurde gerade eine neue Anmeldung versucht. Sie haben "
            "bereits ein Konto; melden Sie sich hier an:\n\n%(link)s\n\n"
            "Wenn Sie das nicht waren, können Sie diese Nachricht ignorieren.\n"
        )
        % {"link": login_link},
        from_email=None,
        recipient_list=[email],
    )


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


def _member_status_set(*, member: Member, status: str, by, reason: str, action: str) -> Member:
    # A withdrawal is the member's own decision; no admin action brings them back.
    if member.status == MemberStatus.WITHDRAWN:
        raise ValidationError(_("Dieses Mitglied hat seine Einwilligung widerrufen."))
    member.status = status
    member.status_reason = reason
    member.status_changed_at = timezone.now()
    member.save(update_fields=["status", "status_reason", "status_changed_at"])
    log(instance=member, action=action, user=by, data={"reason": reason})
    return member


@transaction.atomic
def member_approve(*, member: Member, by) -> Member:
    """Approve a member: from now on what they publish is public."""
    if member.email_confirmed_at is None:
        raise ValidationError(_("Die E-Mail-Adresse ist noch nicht bestätigt."))
    if (
        member.is_minor
        and not member.consents.filter(
            document=ConsentDocument.PARENTAL, withdrawn_at__isnull=True
        ).exists()
    ):
        raise ValidationError(_("Für Minderjährige fehlt die Einwilligung der Eltern."))
    return _member_status_set(
        member=member,
        status=MemberStatus.APPROVED,
        by=by,
        reason="",
        action="exchange.member.approve",
    )


@transaction.atomic
def member_reject(*, member: Member, by, reason: str = "") -> Member:
    """Reject a membership; the account is signed out (it may not sign in here)."""
    member = _member_status_set(
        member=member,
        status=MemberStatus.REJECTED,
        by=by,
        reason=reason,
        action="exchange.member.reject",
    )
    _sessions_end(member.user)
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
def member_block(*, member: Member, by, reason: str) -> Member:
    """Block a member: all their listings leave the public site and they are signed out."""
    member = _member_status_set(
        member=member,
        status=MemberStatus.BLOCKED,
        by=by,
        reason=reason,
        action="exchange.member.block",
    )
    _sessions_end(member.user)
    member_access_ended.send(sender=Member, member=member)
    return member


@transaction.atomic
def member_unblock(*, member: Member, by) -> Member:
    return _member_status_set(
        member=member,
        status=MemberStatus.APPROVED,
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
    member.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    member.listings.filter(
        status__in=[ListingStatus.DRAFT, ListingStatus.PENDING, ListingStatus.PUBLISHED]
    ).update(status=ListingStatus.CLOSED)
    member.status = MemberStatus.WITHDRAWN
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


def _review_required(municipality) -> bool:
    return ExchangeSettings.objects.filter(
        municipality=municipality, listing_review_required=True
    ).exists()


def _submitted_status(listing: Listing) -> str:
    return (
        ListingStatus.PENDING if _review_required(listing.municipality) else ListingStatus.PUBLISHED
    )


def _listing_status_after_submit(listing: Listing, *, submit: bool) -> None:
    if not submit:
        listing.status = ListingStatus.DRAFT
        return
    listing.status = _submitted_status(listing)
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
    """Change a listing. A published listing under review goes back to review."""
    if listing.status in (ListingStatus.REMOVED, ListingStatus.CLOSED):
        raise PermissionDenied
    for field in LISTING_FIELDS:
        setattr(listing, field, data.get(field))
    listing.full_clean()
    _listing_status_after_submit(listing, submit=submit)
    if listing.proxy_client_id:
        listing.proxy_changed_by = by
    listing.save()
    action = "exchange.listing.proxy_edit" if listing.proxy_client_id else "wagtail.edit"
    log(instance=listing, action=action, user=by, data=_proxy_data(listing, by))
    return listing


@transaction.atomic
def listing_close(*, listing: Listing, by) -> Listing:
    """The owner (or their proxy helper) ends a listing: it leaves the public lists."""
    listing.status = ListingStatus.CLOSED
    update_fields = ["status", "updated_at"]
    if listing.proxy_client_id:
        listing.proxy_changed_by = by
        update_fields.append("proxy_changed_by")
    listing.save(update_fields=update_fields)
    action = "exchange.listing.proxy_close" if listing.proxy_client_id else "exchange.listing.close"
    log(instance=listing, action=action, user=by, data=_proxy_data(listing, by))
    return listing


@transaction.atomic
def listing_approve(*, listing: Listing, by) -> Listing:
    """A municipality admin publishes a listing that waited for review."""
    if listing.status != ListingStatus.PENDING:
        raise ValidationError(_("Nur wartende Einträge können freigegeben werden."))
    listing.status = ListingStatus.PUBLISHED
    listing.published_at = timezone.now()
    listing.save(update_fields=["status", "published_at", "updated_at"])
    log(instance=listing, action="exchange.listing.approve", user=by)
    return listing


@transaction.atomic
def listing_remove(*, listing: Listing, by, reason: str) -> Listing:
    """A municipality admin takes a listing off the site at once, with a reason."""
    listing.status = ListingStatus.REMOVED
    listing.removal_reason = reason
    listing.save(update_fields=["status", "removal_reason", "updated_at"])
    log(instance=listing, action="exchange.listing.remove", user=by, data={"reason": reason})
    return listing


@transaction.atomic
def listing_restore(*, listing: Listing, by) -> Listing:
    """Undo a removal: the listing is published again (its owner's status still applies)."""
    if listing.status != ListingStatus.REMOVED:
        raise ValidationError(_("Nur entfernte Einträge können wiederhergestellt werden."))
    listing.status = ListingStatus.PUBLISHED
    listing.removal_reason = ""
    listing.published_at = listing.published_at or timezone.now()
    listing.save(update_fields=["status", "removal_reason", "published_at", "updated_at"])
    log(instance=listing, action="exchange.listing.restore", user=by)
    return listing


@transaction.atomic
def listing_respond(
    *, listing: Listing, sender: Member, message: str, share_email: bool
) -> ListingResponse:
    """Pass a message to the listing's owner by mail, without revealing their address.

    The sender's address is passed on (as Reply-To) only when they ask for it; the
    owner's address is never shown to anyone. Proxy clients are reached through the
    helper who posted for them.
    """
    if not member_can_post(sender):
        raise PermissionDenied
    response = ListingResponse.objects.create(
        listing=listing, sender=sender, message=message, share_email=share_email
    )
    if listing.member_id:
        recipient = listing.member.user.email
    else:
        helper = listing.proxy_changed_by or listing.proxy_created_by
        recipient = helper.email if helper else ""
    if not recipient:
        return response
    # The mail is for the owner (or their helper), whose language the platform does not
    # know; the sender's language says nothing about it. The site's language it is.
    with translation.override(settings.LANGUAGE_CODE):
        _listing_response_mail(listing, sender, message, share_email, recipient).send()
    return response


def _listing_response_mail(
    listing: Listing, sender: Member, message: str, share_email: bool, recipient: str
) -> EmailMessage:
    body = _("Zu Ihrem Eintrag „%(title)s“ hat %(sender)s geschrieben:\n\n%(message)s\n\n") % {
        "title": listing.title,
        "sender": sender.display_name,
        "message": message,
    }
    if listing.proxy_client_id:
        body += _("Bitte geben Sie die Nachricht an %(client)s weiter.\n") % {
            "client": listing.proxy_client.name
        }
    if share_email:
        body += _("Sie können direkt auf diese E-Mail antworten.\n")
    else:
        body += _("%(sender)s möchte die eigene E-Mail-Adresse nicht weitergeben.\n") % {
            "sender": sender.display_name
        }
    return EmailMessage(
        subject=_("Nachricht zu Ihrem Eintrag „%(title)s“") % {"title": listing.title},
        body=body,
        to=[recipient],
        reply_to=[sender.user.email] if share_email else None,
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


def listings_erase(listings) -> int:
    """Delete listings with the answers they received, and forget them; returns how many."""
    listing_ids = list(listings.values_list("pk", flat=True))
    responses_erase(ListingResponse.objects.filter(listing__in=listing_ids))
    _objects_forget({Listing: listing_ids})
    return Listing.objects.filter(pk__in=listing_ids).delete()[1].get(Listing._meta.label, 0)


def _users_erase(user_ids) -> None:
    """Delete the resident accounts among these users that hold no membership any more,
    and sign them out everywhere. A staff account that also was a member keeps its row
    (closing it is the platform admins' task), but loses its sessions of the exchange."""
    users = list(get_user_model().objects.filter(pk__in=user_ids, exchange_memberships=None))
    if not users:
        return
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
