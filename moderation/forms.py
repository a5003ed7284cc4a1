from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm


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
