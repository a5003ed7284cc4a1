"""The lockout of every sign-in form: Wagtail admin, resident sign-in, page passwords.

After `QUARTIER_SIGNIN_MAX_FAILURES` failed attempts for one account within
`QUARTIER_SIGNIN_FAILURE_WINDOW` seconds (or `QUARTIER_SIGNIN_MAX_FAILURES_PER_CLIENT`
from one client address) signing in is refused for `QUARTIER_SIGNIN_COOLOFF` seconds,
even with the right password, and the form says until when in plain words. A
successful sign-in forgets the account's failures. The counters are
`cms.core.ratelimit` limits, so they are shared by all app processes through the cache.
"""

import math

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm
from wagtail.forms import PasswordViewRestrictionForm

from . import ratelimit
from .ratelimit import SIGNIN_ACCOUNT, SIGNIN_CLIENT, Decision


def account_key(name: str) -> str:
    """Accounts are counted by the name typed in, whatever its case and spaces."""
    return name.strip().casefold()


def signin_locked(request, account: str) -> Decision:
    """Whether signing in to `account` from this client is refused right now."""
    for limit, key in _keys(request, account):
        decision = ratelimit.check(limit, key)
        if decision.locked:
            return decision
    return ratelimit.ALLOWED


def signin_failed(request, account: str) -> Decision:
    """Count a failed attempt for the account and the client; the longer lock wins."""
    decisions = [ratelimit.hit(limit, key) for limit, key in _keys(request, account)]
    return max(decisions, key=lambda decision: decision.retry_after)


def signin_succeeded(request, account: str) -> None:
    """Forget the account's failures (the client's count goes on: it may try many)."""
    ratelimit.reset(SIGNIN_ACCOUNT, account)


def _keys(request, account: str):
    return [(SIGNIN_ACCOUNT, account), (SIGNIN_CLIENT, ratelimit.client_address(request))]


def lockout_message(decision: Decision) -> str:
    """'Too many attempts, try again at 14:35 (in about 15 minutes)', in German."""
    minutes = max(1, math.ceil(decision.retry_after / 60))
    at = formats.time_format(timezone.localtime(decision.until), "H:i")
    return ngettext(
        "Zu viele falsche Anmeldeversuche. Zu Ihrem Schutz ist die Anmeldung jetzt "
        "gesperrt. Bitte versuchen Sie es um %(time)s Uhr wieder (in etwa %(minutes)s "
        "Minute).",
        "Zu viele falsche Anmeldeversuche. Zu Ihrem Schutz ist die Anmeldung jetzt "
        "gesperrt. Bitte versuchen Sie es um %(time)s Uhr wieder (in etwa %(minutes)s "
        "Minuten).",
        minutes,
    ) % {"time": at, "minutes": minutes}


def _locked_error(decision: Decision) -> ValidationError:
    return ValidationError(lockout_message(decision), code="locked")


class SigninLockoutMixin:
    """For `AuthenticationForm` subclasses: refuse locked accounts and clients before
    any password is checked, count every refused sign-in, reset on success."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()
        account = account_key(username)
        decision = signin_locked(self.request, account)
        if decision.locked:
            raise _locked_error(decision)
        try:
            cleaned_data = super().clean()
        except ValidationError:
            decision = signin_failed(self.request, account)
            if decision.locked:
                raise _locked_error(decision) from None
            raise
        signin_succeeded(self.request, account)
        return cleaned_data


class AdminLoginForm(SigninLockoutMixin, LoginForm):
    """Wagtail's admin sign-in with the lockout (`WAGTAILADMIN_USER_LOGIN_FORM`)."""


class LockedAuthenticationForm(SigninLockoutMixin, AuthenticationForm):
    """Django's sign-in form with the lockout, for public sign-in forms to build on."""


class PagePasswordForm(PasswordViewRestrictionForm):
    """The password form of a restricted page or document collection, with the lockout.

    There is no account here, so the "account" is the restriction as seen from one
    client address: guessing one page's password from one address is locked after a
    few attempts without letting a stranger lock everyone else out of the page.
    """

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def _account(self) -> str:
        restriction = self.restriction
        address = ratelimit.client_address(self.request)
        return f"{restriction._meta.label_lower}:{restriction.pk}@{address}"

    def clean_password(self):
        account = self._account()
        decision = signin_locked(self.request, account)
        if decision.locked:
            raise forms.ValidationError(lockout_message(decision), code="locked")
        try:
            password = super().clean_password()
        except ValidationError:
            decision = signin_failed(self.request, account)
            if decision.locked:
                raise forms.ValidationError(lockout_message(decision), code="locked") from None
            raise forms.ValidationError(
                _("Das Passwort stimmt nicht. Bitte versuchen Sie es noch einmal."),
                code="invalid",
            ) from None
        signin_succeeded(self.request, account)
        return password
