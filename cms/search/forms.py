from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """The public search box."""

    q = forms.CharField(
        label=_("Suchbegriff"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Bitte suchen Sie mit höchstens %(limit_value)d Zeichen.")},
    )
