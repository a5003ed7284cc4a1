"""Forms of conversations, agreed help, feedback and the certificate check."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.core.idempotency import SubmissionTokenMixin

from .conversations import hours_validate
from .forms import PlainTextField
from .models_conversations import FEEDBACK_COMMENT_MAX_LENGTH, MESSAGE_MAX_LENGTH


class MessageForm(SubmissionTokenMixin, forms.Form):
    """A reply in a conversation: plain text only."""

    body = PlainTextField(
        label=_("Ihre Nachricht"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Ihre Adresse und Telefonnummer sieht die andere Person nur, wenn Sie sie "
            "selbst hier schreiben oder auf „Meine Kontaktdaten teilen“ drücken."
        ),
    )


class HelpConfirmForm(forms.Form):
    """ "The help happened", with the hours where they are counted."""

    hours = forms.CharField(
        label=_("Wie viele Stunden hat die Hilfe gedauert?"),
        required=False,
        max_length=10,
        help_text=_("Zum Beispiel 1,5 für anderthalb Stunden (zwischen 0,25 und 24)."),
    )

    def __init__(self, *args, with_hours: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_hours:
            del self.fields["hours"]

    def clean_hours(self):
        value = self.cleaned_data.get("hours", "").strip()
        if not value:
            return None
        try:
            return hours_validate(value)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error


class FeedbackForm(forms.Form):
    """A rating from 1 to 5 and a comment; a safety concern goes to the municipality only."""

    rating = forms.TypedChoiceField(
        label=_("Wie war es?"),
        choices=[
            (5, _("5 – sehr gut")),
            (4, _("4 – gut")),
            (3, _("3 – in Ordnung")),
            (2, _("2 – nicht so gut")),
            (1, _("1 – schlecht")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = PlainTextField(
        label=_("Ihr Kommentar (freiwillig)"),
        required=False,
        max_length=FEEDBACK_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Die andere Person und die Kommune können den Kommentar lesen."),
    )
    safety_concern = forms.BooleanField(
        label=_("Ich habe Sicherheitsbedenken"),
        required=False,
        help_text=_(
            "Das geht nur an die Kommune, nicht an die andere Person. "
            "Die Kommune meldet sich bei Ihnen."
        ),
    )
    safety_note = PlainTextField(
        label=_("Was ist passiert? (nur für die Kommune)"),
        required=False,
        max_length=FEEDBACK_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CertificateCheckForm(forms.Form):
    code = forms.CharField(
        label=_("Prüfcode vom Nachweis"),
        max_length=40,
        help_text=_("Er steht unten auf dem Nachweis, z. B. ABCD-EFGH-JKLM-NPQR-STUV."),
    )
