"""Resident tokens: checking them on every request, revoking them, the resident views' base.

A token (cms.api.models.ResidentToken, django-rest-knox) counts only while everything
that let it be issued still holds: it has not expired, the account is active, the
membership it was issued for is not blocked, rejected or withdrawn, and the password is
the one it was issued with. Anything else is a 401 and the token is deleted, so a
revocation never depends on a hook having run. The exchange also says when a
membership's access ends (`exchange.signals.member_access_ended`); its tokens are
deleted then, in the same transaction. Deleting an account or a membership deletes its
tokens with it (foreign keys).
"""

import binascii
from hmac import compare_digest

from django.dispatch import receiver
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication
from knox.crypto import hash_token
from knox.settings import CONSTANTS
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from exchange.permissions import SIGN_IN_REFUSED_STATUSES, member_can_post
from exchange.signals import member_access_ended

from .base import ConditionalMixin
from .models import ResidentToken

AUTH_SCHEME = "Token"


def password_mark(user) -> str:
    """A mark of the account's current password hash (Django's session hash)."""
    return user.get_session_auth_hash()


def token_in_force(token: ResidentToken) -> bool:
    """Whether the token may still act for its membership."""
    user, member = token.user, token.member
    return (
        (token.expiry is None or token.expiry > timezone.now())
        and user.is_active
        and member.status not in SIGN_IN_REFUSED_STATUSES
        and compare_digest(token.password_mark, password_mark(user))
    )


def _invalid() -> exceptions.AuthenticationFailed:
    return exceptions.AuthenticationFailed(
        _("Ihre Anmeldung gilt nicht mehr. Bitte melden Sie sich in der App neu an.")
    )


class ResidentTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>` of a signed-in resident; nothing else signs in here.

    One query finds the token with its account and membership; the digest is compared
    in constant time.
    """

    def authenticate_credentials(self, token: bytes):
        try:
            text = token.decode()
            digest = hash_token(text)
        except (UnicodeError, TypeError, ValueError, binascii.Error):
            raise _invalid() from None
        candidates = ResidentToken.objects.filter(
            token_key=text[: CONSTANTS.TOKEN_KEY_LENGTH]
        ).select_related("user", "member__user", "member__municipality", "member__district")
        for candidate in candidates:
            if compare_digest(digest, candidate.digest):
                if not token_in_force(candidate):
                    candidate.delete()
                    raise _invalid()
                return candidate.user, candidate
        raise _invalid()

    def authenticate_header(self, request) -> str:
        return AUTH_SCHEME


@receiver(member_access_ended, dispatch_uid="api-revoke-tokens-of-member")
def tokens_revoke_for_member(sender, member, **kwargs) -> None:
    """A blocked, rejected or withdrawn membership loses its app sign-ins at once."""
    ResidentToken.objects.filter(member=member).delete()


def awaiting_approval() -> exceptions.PermissionDenied:
    return exceptions.PermissionDenied(
        _(
            "Ihre Anmeldung wird noch von Ihrer Kommune geprüft. Sobald sie freigegeben "
            "ist, können Sie Einträge schreiben und beantworten."
        )
    )


class ResidentApiView(ConditionalMixin, APIView):
    """The base of the endpoints that act for a signed-in resident.

    Only a resident token authenticates here (no session: a browser signed in to the
    site or the admin reaches nothing). Answers are private: never stored by a shared
    cache. Requests with a missing or bad token count against the client address's
    throttle, so guessing tokens is limited like everything else.
    """

    authentication_classes = (ResidentTokenAuthentication,)
    permission_classes = (IsAuthenticated,)

    def initial(self, request, *args, **kwargs):
        try:
            super().initial(request, *args, **kwargs)
        except (exceptions.NotAuthenticated, exceptions.AuthenticationFailed):
            self.check_throttles(request)
            raise

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        patch_vary_headers(response, ["Authorization"])
        return response

    @property
    def member(self):
        """The membership the token was issued for."""
        return self.request.auth.member

    def require_approval(self) -> None:
        """Only an approved member acts; a pending one is told they wait for approval."""
        if not member_can_post(self.member):
            raise awaiting_approval()
