from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.idempotency import SubmissionTokenMixin

from .enums import Contrast, TextSize


class AccessibilityFeedbackForm(SubmissionTokenMixin, forms.Form):
    """Feedback on a barrier. Spam is kept out by a honeypot field, without third parties.

    The honeypot is a text field hidden from people (CSS, `aria-hidden`, no tab stop)
    that bots fill in; a filled-in honeypot is accepted silently and stored nowhere.
    """

    message = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Welche Barriere haben Sie bemerkt? Was hat nicht funktioniert?"),
        error_messages={"required": _("Bitte schreiben Sie uns, was nicht funktioniert hat.")},
    )
    page_url = forms.CharField(
        label=_("Auf welcher Seite? (freiwillig)"),
        max_length=500,
        required=False,
        help_text=_("Die Adresse oder der Titel der Seite."),
    )
    name = forms.CharField(label=_("Ihr Name (freiwillig)"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse (freiwillig)"),
        required=False,
        help_text=_("Nur wenn Sie eine Antwort möchten."),
        error_messages={
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org.")
        },
    )
    website = forms.CharField(
        label=_("Bitte lassen Sie dieses Feld leer."),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    HONEYPOT = "website"

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(self.HONEYPOT))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != self.HONEYPOT]


class DisplayPreferencesForm(forms.Form):
    """One switch at a time: the button pressed names the setting and its value."""

    text_size = forms.ChoiceField(choices=TextSize.choices, required=False)
    contrast = forms.ChoiceField(choices=Contrast.choices, required=False)
    next = forms.CharField(required=False, max_length=2000)
