"""Residents' accounts: password reset, a new confirmation link, e-mail change, settings.

Whoever asks for a password reset or a new confirmation link gets the same answer and
causes the same work whether the address has an account or not: one lookup, one mail
rendered and sent (to the address typed in, saying what applies to it). So nobody
learns through these forms which addresses are registered. Staff accounts are never
reset here (they use the Wagtail admin's own reset).

An e-mail change takes effect only when the link mailed to the new address is opened;
the old address is told of the change then.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Member
from .notifications import SWITCHABLE_KINDS, NoticeKind, mail_address
from .services import existing_account_notify, member_confirmation_send

EMAIL_CHANGE_SALT = "exchange.account.change-email"
EMAIL_CHANGE_MAX_AGE = 60 * 60 * 24 * 3  # three days


def resident_accounts():
    """Active accounts that are not staff: the only ones the public forms act on.

    One query, whatever the address: staff (superusers and whoever may use the Wagtail
    admin, directly or through a group) is excluded by a subquery.
    """
    user_model = get_user_model()
    admin_access = {"codename": "access_admin", "content_type__app_label": "wagtailadmin"}
    staff = user_model.objects.filter(
        Q(is_superuser=True)
        | Q(**{f"user_permissions__{key}": value for key, value in admin_access.items()})
        | Q(**{f"groups__permissions__{key}": value for key, value in admin_access.items()})
    )
    return user_model.objects.filter(is_active=True).exclude(pk__in=staff.values("pk"))


def _no_account_mail(email: str, site_url: str) -> None:
    base = site_url.rstrip("/")
    mail_address(
        NoticeKind.NO_ACCOUNT,
        to=email,
        context={
            "register_link": base + reverse("exchange:register"),
            "resend_link": base + reverse("exchange:confirmation_resend"),
        },
    )


def _language_of(user) -> str:
    return Member.objects.filter(user=user).values_list("language", flat=True).first() or ""


def password_reset_request(*, email: str, site_url: str) -> None:
    """Mail a reset link to a resident account of this address, or say there is none."""
    user = resident_accounts().filter(username__iexact=email.strip()).first()
    if user is None or not user.has_usable_password():
        _no_account_mail(email, site_url)
        return
    link = site_url.rstrip("/") + reverse(
        "exchange:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    mail_address(
        NoticeKind.PASSWORD_RESET,
        to=user.email,
        context={"link": link},
        language=_language_of(user),
    )


def confirmation_resend(*, email: str, site_url: str) -> None:
    """Mail a new confirmation link for an unconfirmed registration of this address.

    A confirmed account is told to sign in instead; an unknown address that there is
    no account. One mail either way.
    """
    member = (
        Member.objects.select_related("user")
        .filter(user__username__iexact=email.strip())
        .order_by("created_at")
        .first()
    )
    if member is None:
        _no_account_mail(email, site_url)
    elif member.email_confirmed_at is None:
        member_confirmation_send(member=member, site_url=site_url)
    else:
        existing_account_notify(email=member.user.email, site_url=site_url)


# E-mail change ----------------------------------------------------------------------


def email_change_request(*, user, new_email: str, site_url: str) -> None:
    """Mail a confirmation link to the new address; nothing changes before it is opened.

    When the new address belongs to another account, its owner is told so instead
    (the page answers alike, so the form reveals no accounts).
    """
    # Staff accounts are not named by their address; the admin changes theirs.
    if not resident_accounts().filter(pk=user.pk).exists():
        raise PermissionDenied
    new_email = new_email.strip().lower()
    if get_user_model().objects.filter(username__iexact=new_email).exists():
        existing_account_notify(email=new_email, site_url=site_url)
        return
    token = signing.dumps(
        {"user": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT
    )
    link = site_url.rstrip("/") + reverse("exchange:email_change_confirm", args=[token])
    mail_address(
        NoticeKind.EMAIL_CHANGE_CONFIRM,
        to=new_email,
        context={"link": link, "new_email": new_email},
        language=_language_of(user),
    )


def _masked(email: str) -> str:
    """r…@example.org: enough for the owner to recognise, not to copy."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


@transaction.atomic
def email_change_confirm(*, token: str):
    """Make the new address the account's (and its name); tell the old address.

    A link works once: it names the address it replaces, which is gone afterwards.
    Raises ValidationError for a bad, expired or used link.
    """
    invalid = ValidationError(
        _("Der Bestätigungslink ist ungültig, abgelaufen oder schon benutzt.")
    )
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature as error:
        raise invalid from error
    user_model = get_user_model()
    user = user_model.objects.select_for_update().filter(pk=data.get("user")).first()
    if user is None or user.email != data.get("old"):
        raise invalid
    new_email = data["new"]
    if user_model.objects.filter(username__iexact=new_email).exclude(pk=user.pk).exists():
        raise ValidationError(_("Diese E-Mail-Adresse gehört inzwischen zu einem anderen Konto."))
    old_email = user.email
    user.email = new_email
    user.username = new_email
    user.save(update_fields=["email", "username"])
    log(instance=user, action="exchange.account.email_change", user=user)
    mail_address(
        NoticeKind.EMAIL_CHANGED,
        to=old_email,
        context={"new_email": _masked(new_email)},
        language=_language_of(user),
    )
    return user


# Settings -----------------------------------------------------------------------------


@transaction.atomic
def member_settings_update(
    *,
    member: Member,
    display_name: str,
    district,
    language: str,
    notices_on: list[str],
    weekly_digest: bool,
) -> Member:
    """Save what a member chose on the account page.

    `notices_on` lists the switchable kinds the member wants; the others are stored as
    switched off. The district must be one of the membership's municipality.
    """
    if district.municipality_id != member.municipality_id:
        raise ValidationError(_("Dieses Quartier gehört zu einer anderen Kommune."))
    member.display_name = display_name
    member.district = district
    member.language = language
    member.notices_off = [kind.value for kind in SWITCHABLE_KINDS if kind not in notices_on]
    member.weekly_digest = weekly_digest
    member.save(
        update_fields=["display_name", "district", "language", "notices_off", "weekly_digest"]
    )
    log(instance=member, action="wagtail.edit", user=member.user)
    return member
