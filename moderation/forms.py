from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm

from .models import ReportDecision, ReportReason


class DataProtectionApprovalForm(TaskStateCommentForm):
    """The data-protection checklist a reviewer must confirm to approve.

    Each point must be ticked; an article that fails one is sent back with a comment
    instead ("Änderungen anfordern").
    """

    people_consented = forms.BooleanField(
        label=_("Alle erkennbar abgebildeten oder genannten Personen haben eingewilligt."),
        required=True,
    )
    no_third_party_data = forms.BooleanField(
        label=_("Der Beitrag enthält keine personenbezogenen Daten Dritter."),
        required=True,
    )
    sources_and_rights_named = forms.BooleanField(
        label=_("Quellen und Bildrechte sind genannt."),
        required=True,
    )


class RequestChangesForm(TaskStateCommentForm):
    """Sending an article back needs a comment that tells the author what to change."""

    comment = forms.CharField(
        label=_("Was muss geändert werden?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=True,
    )


class ReportDecisionForm(forms.Form):
    """A moderator's decision about reported content, with the reason that is mailed."""

    decision = forms.ChoiceField(label=_("Entscheidung"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Begründung (wird per E-Mail mitgeteilt)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ReportDecision.choices)
        self.fields["decision"].choices = [(value, labels[value]) for value in decisions]


class ReportForm(forms.Form):
    """A member's report: a reason from a short list and, if they like, a few words."""

    reason = forms.ChoiceField(
        label=_("Was stimmt nicht?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Möchten Sie etwas dazu schreiben? (freiwillig)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("details", "").strip():
            self.add_error("details", _("Bitte schreiben Sie kurz, was nicht stimmt."))
        return cleaned
