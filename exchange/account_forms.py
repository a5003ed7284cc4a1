"""Forms of residents' accounts: password reset, new confirmation link, e-mail, settings."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .accounts import password_reset_request
from .forms import MemberProfileForm
from .notifications import SWITCHABLE_KINDS


class ResidentPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending through `accounts.password_reset_request`.

    Django's own `save()` mails only existing accounts; ours answers every address
    with one mail, so the work done does not tell whether an account exists.
    """

    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def save(self, *, request, **kwargs) -> None:
        password_reset_request(
            email=self.cleaned_data["email"], site_url=request.build_absolute_uri("/")
        )


class EmailForm(forms.Form):
    """One e-mail address (the new confirmation link)."""

    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class EmailChangeForm(forms.Form):
    """A new address for the account, confirmed with the current password."""

    new_email = forms.EmailField(
        label=_("Neue E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Ihr jetziges Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Zu Ihrem Schutz: So wissen wir, dass wirklich Sie die Adresse ändern."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_new_email(self):
        new_email = self.cleaned_data["new_email"].lower()
        if new_email == self.user.email.lower():
            raise forms.ValidationError(_("Das ist schon Ihre E-Mail-Adresse."))
        return new_email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Das Passwort stimmt nicht."))
        return password


class MemberSettingsForm(MemberProfileForm):
    """What a member sets on the account page for their membership on this portal: the
    profile (as the API's `me/` changes it) and how the exchange writes to them."""

    language = forms.ChoiceField(
        label=_("Sprache der E-Mails"),
        choices=[("", _("Wie die Website (Deutsch)")), *settings.LANGUAGES],
        required=False,
    )
    notices_on = forms.MultipleChoiceField(
        label=_("Diese E-Mails möchte ich bekommen"),
        choices=[(kind.value, kind.label) for kind in SWITCHABLE_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "E-Mails zu Ihrem Konto (Freigabe, Passwort, E-Mail-Adresse) bekommen Sie immer."
        ),
    )
    weekly_digest = forms.BooleanField(
        label=_("Einmal pro Woche eine E-Mail mit den neuen Einträgen aus meinem Quartier"),
        required=False,
    )

    def __init__(self, *args, member, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "display_name": member.display_name,
                "district": member.district_id,
                "language": member.language,
                "notices_on": [
                    kind.value for kind in SWITCHABLE_KINDS if kind not in member.notices_off
                ],
                "weekly_digest": member.weekly_digest,
            },
        )
        super().__init__(*args, municipality=member.municipality_id, **kwargs)
