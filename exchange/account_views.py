"""Public views of residents' accounts: the account page, password, e-mail, reset.

The reset and the new confirmation link answer alike for every address and are limited
per address and per client address (`ACCOUNT_MAILS_*`, cms.core.ratelimit): every
request sends a mail, so a limit keeps the forms from being used to flood a mailbox.
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.core import ratelimit
from cms.core.ratelimit import Limit

from . import accounts, selectors
from .account_forms import EmailChangeForm, EmailForm, MemberSettingsForm, ResidentPasswordResetForm
from .permissions import member_for_user
from .views import _municipality_for_request, resident_login_required

ACCOUNT_MAILS_ADDRESS = Limit(
    "account-mails-address",
    "QUARTIER_ACCOUNT_MAILS_PER_ADDRESS",
    "QUARTIER_ACCOUNT_MAILS_WINDOW",
    "QUARTIER_ACCOUNT_MAILS_COOLOFF",
)
ACCOUNT_MAILS_CLIENT = Limit(
    "account-mails-client",
    "QUARTIER_ACCOUNT_MAILS_PER_CLIENT",
    "QUARTIER_ACCOUNT_MAILS_WINDOW",
    "QUARTIER_ACCOUNT_MAILS_COOLOFF",
)
TOO_MANY_MAILS = gettext_lazy(
    "Sie haben in kurzer Zeit zu viele E-Mails angefordert. Bitte warten Sie etwa eine "
    "Stunde und versuchen Sie es dann noch einmal. Schauen Sie bis dahin auch in Ihrem "
    "Spam-Ordner nach."
)


def _account_mail_limited(request, email: str):
    """A 429 answer when this address or client asked too often; else count the request."""
    keys = [
        (ACCOUNT_MAILS_ADDRESS, email.strip().casefold()),
        (ACCOUNT_MAILS_CLIENT, ratelimit.client_address(request)),
    ]
    for limit, key in keys:
        decision = ratelimit.check(limit, key)
        if decision.locked:
            return ratelimit.too_many_requests(request, decision, str(TOO_MANY_MAILS))
    for limit, key in keys:
        ratelimit.hit(limit, key)
    return None


class ResidentPasswordResetView(auth_views.PasswordResetView):
    """ "Passwort vergessen?": the same answer for every address, limited per address."""

    template_name = "exchange/password_reset.html"
    form_class = ResidentPasswordResetForm
    success_url = reverse_lazy("exchange:password_reset_done")

    def form_valid(self, form):
        limited = _account_mail_limited(self.request, form.cleaned_data["email"])
        if limited is not None:
            return limited
        form.save(request=self.request)
        return redirect(self.get_success_url())


class ResidentPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "exchange/password_reset_done.html"


class ResidentPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the reset mail; only resident accounts are found by it."""

    template_name = "exchange/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("exchange:password_reset_complete")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is None or not accounts.resident_accounts().filter(pk=user.pk).exists():
            return None
        return user


class ResidentPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "exchange/password_reset_complete.html"


def confirmation_resend(request):
    """A new confirmation link for a registration whose first link got lost or expired."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        limited = _account_mail_limited(request, email)
        if limited is not None:
            return limited
        accounts.confirmation_resend(email=email, site_url=request.build_absolute_uri("/"))
        return render(request, "exchange/confirmation_resent.html", {"email": email})
    return render(request, "exchange/confirmation_resend.html", {"form": form})


@resident_login_required
def account(request):
    """The account page: memberships, own settings here, e-mail, password, data rights."""
    memberships = selectors.memberships_of(request.user)
    if not memberships.exists():
        raise PermissionDenied
    member = member_for_user(request.user, _municipality_for_request(request))
    form = None
    if member is not None:
        form = MemberSettingsForm(request.POST if request.method == "POST" else None, member=member)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            accounts.member_settings_update(
                member=member,
                display_name=data["display_name"],
                district=data["district"],
                language=data["language"],
                notices_on=data["notices_on"],
                weekly_digest=data["weekly_digest"],
            )
            messages.success(request, _("Ihre Angaben wurden gespeichert."))
            return redirect("exchange:account")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "exchange/account.html",
        {
            "memberships": memberships.select_related("municipality", "district"),
            "member": member,
            "form": form,
        },
    )


@resident_login_required
def email_change(request):
    """Ask for a new e-mail address; it applies once the link sent to it is opened."""
    if not selectors.memberships_of(request.user).exists():
        raise PermissionDenied
    form = EmailChangeForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["new_email"]
        limited = _account_mail_limited(request, new_email)
        if limited is not None:
            return limited
        accounts.email_change_request(
            user=request.user, new_email=new_email, site_url=request.build_absolute_uri("/")
        )
        return render(request, "exchange/email_change_sent.html", {"email": new_email})
    return render(request, "exchange/email_change.html", {"form": form})


def email_change_confirm(request, token: str):
    """The link from the mail to the new address."""
    try:
        accounts.email_change_confirm(token=token)
    except ValidationError as error:
        return render(
            request, "exchange/email_change_done.html", {"error": error.messages[0]}, status=400
        )
    return render(request, "exchange/email_change_done.html", {})


@resident_login_required
def password_change(request):
    """A new password, with the current one; the member stays signed in."""
    if not selectors.memberships_of(request.user).exists():
        raise PermissionDenied
    form = PasswordChangeForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Ihr neues Passwort gilt ab sofort."))
        return redirect("exchange:account")
    return render(request, "exchange/password_change.html", {"form": form})
