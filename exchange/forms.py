"""Forms of the exchange. They parse and check input; services do the writing.

Texts are plain text: markup is refused with a clear message rather than silently
stripped, so that what the author sees is what gets published. Django renders every
error with an id that the field's aria-describedby points to.
"""

import re
from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms.core.honeypot import HoneypotMixin
from cms.core.idempotency import SubmissionTokenMixin
from cms.core.signin import LockedAuthenticationForm
from cms.core.text import german_slugify
from cms.places.models import District, SocialSpace

from . import personal_data
from .enums import ListingKind, ListingType, MemberKind
from .models import (
    DESCRIPTION_MAX_LENGTH,
    PROXY_CONSENT_VERSION,
    TITLE_MAX_LENGTH,
    Category,
    LegalText,
    Listing,
    ProxyClient,
)
from .permissions import resident_may_sign_in

MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|&[a-zA-Z#][a-zA-Z0-9]*;|javascript:", re.IGNORECASE)
LISTING_MAX_DAYS = 365


def plain_text_clean(value: str) -> str:
    """Refuse HTML, entities and script URLs; return the stripped text."""
    if MARKUP.search(value):
        raise forms.ValidationError(
            _("Bitte schreiben Sie nur Text, ohne HTML oder Code (zum Beispiel ohne „<“)."),
            code="markup",
        )
    return value.strip()


class PlainTextField(forms.CharField):
    """A text field that refuses markup."""

    def clean(self, value):
        value = super().clean(value)
        return plain_text_clean(value) if value else value


class ListingForm(SubmissionTokenMixin, forms.ModelForm):
    """A listing's fields, limited to the places and categories of one municipality."""

    title = PlainTextField(label=_("Titel"), max_length=TITLE_MAX_LENGTH, min_length=5)
    description = PlainTextField(
        label=_("Beschreibung"),
        max_length=DESCRIPTION_MAX_LENGTH,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Beschreiben Sie, was Sie anbieten oder suchen. Bitte keine Adresse, "
            "Telefonnummer oder E-Mail-Adresse: Antworten kommen über die Plattform."
        ),
    )
    locality = PlainTextField(
        label=_("Ort oder Straße (ohne Hausnummer)"), max_length=80, required=False
    )

    class Meta:
        model = Listing
        fields = [
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
        ]
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "category": {
                "invalid_choice": _("Diese Kategorie gibt es in Ihrer Kommune nicht."),
            },
            "district": {"invalid_choice": _("Dieses Quartier gibt es in Ihrer Kommune nicht.")},
            "social_space": {
                "invalid_choice": _("Diesen Sozialraum gibt es in Ihrer Kommune nicht.")
            },
        }

    def __init__(self, *args, municipality, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        # Set here so that model validation (which checks places against the
        # municipality) sees it before the service saves.
        self.instance.municipality = municipality
        categories = Category.objects.filter(municipality=municipality)
        if member is not None and member.is_minor:
            categories = categories.filter(for_minors=True)
        self.fields["category"].queryset = categories
        self.fields["district"].queryset = District.objects.filter(municipality=municipality)
        self.fields["social_space"].queryset = SocialSpace.objects.filter(
            district__municipality=municipality
        ).select_related("district")
        self.fields["valid_until"].help_text = _(
            "Spätestens in einem Jahr. Danach verschwindet der Eintrag von selbst."
        )
        self.fields["pocket_money_amount"].help_text = _("Nur bei Taschengeldjobs.")

    def clean_valid_until(self):
        valid_until = self.cleaned_data["valid_until"]
        today = timezone.localdate()
        if valid_until < today:
            raise forms.ValidationError(
                _("Das Datum liegt in der Vergangenheit. Bitte wählen Sie heute oder später.")
            )
        if valid_until > today + timedelta(days=LISTING_MAX_DAYS):
            raise forms.ValidationError(_("Ein Eintrag gilt höchstens ein Jahr."))
        return valid_until

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("pocket_money_amount")
        if cleaned.get("listing_type") == ListingType.POCKET_MONEY_JOB:
            if amount is None:
                self.add_error(
                    "pocket_money_amount", _("Bitte nennen Sie das Taschengeld in Euro.")
                )
            elif amount <= 0 or amount > 100:
                self.add_error(
                    "pocket_money_amount",
                    _("Das Taschengeld muss zwischen 0,01 und 100 Euro liegen."),
                )
        elif amount is not None:
            cleaned["pocket_money_amount"] = None
        for field in ("title", "description", "locality"):
            findings = personal_data.findings_in_text(cleaned.get(field) or "")
            if findings:
                self.add_error(field, personal_data.refusal_message(findings))
        social_space = cleaned.get("social_space")
        district = cleaned.get("district")
        if social_space and district and social_space.district_id != district.pk:
            self.add_error(
                "social_space", _("Dieser Sozialraum liegt nicht im gewählten Quartier.")
            )
        return cleaned

    def _post_clean(self):
        # The service sets the owner before validating the model; here only the form's
        # own checks run, so that a half-built listing is not validated too early.
        pass


class PublicListingForm(HoneypotMixin, ListingForm):
    """The listing form of the public site, with the honeypot against programs."""


class ListingTextForm(forms.ModelForm):
    """A moderator's correction of a listing's text."""

    title = PlainTextField(label=_("Titel"), max_length=TITLE_MAX_LENGTH, min_length=5)
    description = PlainTextField(
        label=_("Beschreibung"),
        max_length=DESCRIPTION_MAX_LENGTH,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    class Meta:
        model = Listing
        fields = ["title", "description"]

    def _post_clean(self):
        # The service validates the whole listing before it saves.
        pass


class ListingFilterForm(forms.Form):
    """The public list's filters and search; every field optional, sent by GET."""

    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Angebot oder Gesuch"),
        required=False,
        choices=[("", _("Alle")), *ListingKind.choices],
    )
    listing_type = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("Alle Arten")), *ListingType.choices]
    )
    category = forms.ModelChoiceField(
        label=_("Kategorie"),
        required=False,
        queryset=Category.objects.none(),
        to_field_name="slug",
        empty_label=_("Alle Kategorien"),
    )
    district = forms.ModelChoiceField(
        label=_("Quartier"),
        required=False,
        queryset=District.objects.none(),
        to_field_name="slug",
        empty_label=_("Alle Quartiere"),
    )
    social_space = forms.ModelChoiceField(
        label=_("Sozialraum"),
        required=False,
        queryset=SocialSpace.objects.none(),
        empty_label=_("Alle Sozialräume"),
    )
    locality = forms.CharField(label=_("Ort oder Straße"), required=False, max_length=80)

    def __init__(self, *args, municipality, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["district"].queryset = District.objects.filter(municipality=municipality)
        self.fields["social_space"].queryset = SocialSpace.objects.filter(
            district__municipality=municipality
        )

    def filters(self) -> dict:
        """The valid filters as keyword arguments of `selectors.listings_filtered`."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "listing_type": data["listing_type"],
            "category": data["category"],
            "district": data["district"],
            "social_space": data["social_space"],
            "locality": data["locality"].strip(),
            "query": data["q"].strip(),
        }


def consent_links_add(form) -> None:
    """Link the texts next to the boxes that agree to them (they open in a new tab, so
    that what was typed into the form stays)."""
    for field, viewname, text in (
        ("accept_terms", "exchange:terms", _("Die Nutzungsbedingungen lesen")),
        ("accept_privacy", "exchange:privacy", _("Die Datenschutzhinweise lesen")),
    ):
        form.fields[field].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> {}',
            reverse(viewname),
            text,
            _("(öffnet in einem neuen Fenster)"),
        )


class RegistrationForm(SubmissionTokenMixin, HoneypotMixin, forms.Form):
    """Registration with consent to the terms and the privacy notice."""

    email = forms.EmailField(label=_("E-Mail-Adresse"))
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindestens 8 Zeichen, nicht nur Ziffern."),
    )
    display_name = PlainTextField(
        label=_("Angezeigter Name"),
        max_length=80,
        help_text=_("So erscheinen Sie bei Ihren Einträgen, z. B. „Renate S.“."),
    )
    kind = forms.ChoiceField(
        label=_("Ich melde mich an als"),
        choices=MemberKind.choices,
        initial=MemberKind.PERSON,
        widget=forms.RadioSelect,
    )
    network_profile = PlainTextField(
        label=_("Unser Netzwerk (nur für Organisationen)"),
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    district = forms.ModelChoiceField(label=_("Ihr Quartier"), queryset=District.objects.none())
    is_minor = forms.BooleanField(label=_("Ich bin unter 18 Jahre alt."), required=False)
    guardian_name = PlainTextField(
        label=_("Name eines Elternteils oder der sorgeberechtigten Person"),
        max_length=120,
        required=False,
        help_text=_("Nur für Minderjährige: Diese Person willigt in die Teilnahme ein."),
    )
    guardian_consent = forms.BooleanField(
        label=_("Meine Eltern (oder Sorgeberechtigten) sind mit der Teilnahme einverstanden."),
        required=False,
    )
    accept_terms = forms.BooleanField(
        label=_("Ich stimme den Nutzungsbedingungen zu."), required=True
    )
    accept_privacy = forms.BooleanField(
        label=_("Ich habe die Datenschutzhinweise gelesen und willige ein."), required=True
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(municipality=municipality)
        consent_links_add(self)

    def clean_email(self):
        # Whether the address already has an account is not said here: that would let
        # anyone test addresses. The view answers both cases alike (see views.register).
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = get_user_model()(
                username=cleaned.get("email", ""), email=cleaned.get("email", "")
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        if cleaned.get("is_minor"):
            if not cleaned.get("guardian_name"):
                self.add_error(
                    "guardian_name", _("Bitte nennen Sie ein Elternteil oder Sorgeberechtigte.")
                )
            if not cleaned.get("guardian_consent"):
                self.add_error(
                    "guardian_consent",
                    _("Minderjährige brauchen die Einwilligung ihrer Eltern."),
                )
        return cleaned


class ResidentLoginForm(LockedAuthenticationForm):
    """Sign-in for residents, whose account name is the e-mail address they registered
    with: the field says so rather than asking for a "Benutzername" they never chose.

    Failed attempts are counted and lock the account and the client for a while
    (`cms.core.signin`); an unknown address costs a password hash like a known one
    (Django's ModelBackend hashes the password given when no account matches).

    A blocked, rejected or withdrawn membership of the portal's municipality refuses
    the sign-in; the reason is given only after a correct password (Django calls
    `confirm_login_allowed` after authenticating), so it reveals nothing to a guesser.
    """

    error_messages = {
        **LockedAuthenticationForm.error_messages,
        "membership_refused": _(
            "Mit diesem Konto können Sie sich hier nicht anmelden: Ihre Teilnahme an der "
            "Nachbarschaftshilfe ist gesperrt, abgelehnt oder beendet. Bei Fragen wenden "
            "Sie sich bitte an Ihre Kommune."
        ),
    }

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["username"].label = _("E-Mail-Adresse")

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not resident_may_sign_in(user, self.municipality):
            raise forms.ValidationError(
                self.error_messages["membership_refused"], code="membership_refused"
            )


class MembershipApplicationForm(forms.Form):
    """An account with a membership elsewhere applies to this municipality's exchange."""

    display_name = PlainTextField(
        label=_("Angezeigter Name"),
        max_length=80,
        help_text=_("So erscheinen Sie bei Ihren Einträgen, z. B. „Renate S.“."),
    )
    district = forms.ModelChoiceField(label=_("Ihr Quartier"), queryset=District.objects.none())
    guardian_name = PlainTextField(
        label=_("Name eines Elternteils oder der sorgeberechtigten Person"),
        max_length=120,
        required=False,
        help_text=_("Nur für Minderjährige: Diese Person willigt in die Teilnahme ein."),
    )
    accept_terms = forms.BooleanField(
        label=_("Ich stimme den Nutzungsbedingungen zu."), required=True
    )
    accept_privacy = forms.BooleanField(
        label=_("Ich habe die Datenschutzhinweise gelesen und willige ein."), required=True
    )

    def __init__(self, *args, municipality, is_minor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_minor = is_minor
        self.fields["district"].queryset = District.objects.filter(municipality=municipality)
        consent_links_add(self)
        if not is_minor:
            del self.fields["guardian_name"]

    def clean(self):
        cleaned = super().clean()
        if self.is_minor and not cleaned.get("guardian_name"):
            self.add_error(
                "guardian_name", _("Bitte nennen Sie ein Elternteil oder Sorgeberechtigte.")
            )
        return cleaned


class AccountDeleteForm(forms.Form):
    """The confirmation step of deleting one's account: a box to tick."""

    confirm = forms.BooleanField(
        label=_("Ja, ich möchte mein Konto und alle meine Daten endgültig löschen."),
        required=True,
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten.")},
    )


class ResponseForm(SubmissionTokenMixin, HoneypotMixin, forms.Form):
    """A message to a listing's owner, passed on by the platform."""

    message = PlainTextField(
        label=_("Ihre Nachricht"),
        max_length=DESCRIPTION_MAX_LENGTH,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    share_email = forms.BooleanField(
        label=_("Meine E-Mail-Adresse mitschicken, damit man mir direkt antworten kann."),
        required=False,
    )


class ReasonForm(forms.Form):
    """A moderation action's reason (required when removing or blocking)."""

    reason = PlainTextField(
        label=_("Begründung"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CategoryForm(forms.ModelForm):
    """A category of one of the admin's municipalities."""

    name = PlainTextField(label=_("Name"), max_length=80)

    class Meta:
        model = Category
        fields = ["municipality", "name", "for_minors"]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def clean(self):
        cleaned = super().clean()
        # Slugs are unique per municipality; the model forms them from the name.
        municipality, name = cleaned.get("municipality"), cleaned.get("name")
        if municipality and name:
            clashes = Category.objects.filter(municipality=municipality, slug=german_slugify(name))
            if self.instance.pk:
                clashes = clashes.exclude(pk=self.instance.pk)
                self.instance.slug = german_slugify(name)
            if clashes.exists():
                self.add_error("name", _("Diese Kategorie gibt es schon."))
        return cleaned


class ProxyClientForm(forms.ModelForm):
    """A resident without internet and their paper consent, recorded by a proxy helper."""

    name = PlainTextField(label=_("Name"), max_length=120)
    display_name = PlainTextField(label=_("Angezeigter Name"), max_length=80)
    how_to_reach = PlainTextField(
        label=_("Erreichbarkeit"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    paper_consent = forms.BooleanField(
        label=_("Die Einwilligung liegt unterschrieben auf Papier vor."), required=True
    )

    class Meta:
        model = ProxyClient
        fields = [
            "municipality",
            "district",
            "name",
            "display_name",
            "how_to_reach",
            "paper_consent_given_at",
        ]
        widgets = {
            "paper_consent_given_at": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["district"].queryset = District.objects.filter(municipality__in=municipalities)

    def clean_paper_consent_given_at(self):
        given_at = self.cleaned_data["paper_consent_given_at"]
        if given_at > timezone.localdate():
            raise forms.ValidationError(_("Das Datum liegt in der Zukunft."))
        return given_at

    def clean(self):
        cleaned = super().clean()
        district, municipality = cleaned.get("district"), cleaned.get("municipality")
        if district and municipality and district.municipality_id != municipality.pk:
            self.add_error("district", _("Dieses Quartier gehört zu einer anderen Kommune."))
        cleaned["paper_consent_version"] = PROXY_CONSENT_VERSION
        return cleaned

    def _post_clean(self):
        # The service builds and validates the client; see ListingForm._post_clean.
        pass

    def client_data(self) -> dict:
        data = {field: self.cleaned_data[field] for field in self._meta.fields}
        data["paper_consent_version"] = PROXY_CONSENT_VERSION
        return data


class LegalTextForm(forms.ModelForm):
    """A new version of the terms of use or the privacy notice of one of the admin's
    municipalities. Versions are never edited: what members agreed to stays as it was."""

    body = PlainTextField(
        label=_("Text"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_("Absätze durch eine Leerzeile trennen. Bitte in einfacher Sprache."),
    )

    class Meta:
        model = LegalText
        fields = ["municipality", "document", "version", "body"]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class MemberProfileForm(forms.Form):
    """What a member changes about their membership: the name shown and their district.

    Used by the REST API's `me/` (the site's account page shows the same fields).
    """

    display_name = PlainTextField(
        label=_("Angezeigter Name"),
        max_length=80,
        help_text=_("So erscheinen Sie bei Ihren Einträgen, z. B. „Renate S.“."),
    )
    district = forms.ModelChoiceField(
        label=_("Ihr Quartier"),
        queryset=District.objects.none(),
        error_messages={"invalid_choice": _("Dieses Quartier gibt es in Ihrer Kommune nicht.")},
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(municipality=municipality)
