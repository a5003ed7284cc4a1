from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import ArticleKind


class ArticleFilterForm(forms.Form):
    """Filters of the public news list; invalid input is ignored, never an error page."""

    kind = forms.ChoiceField(
        label=_("Art"), choices=[("", _("Alle")), *ArticleKind.choices], required=False
    )
    tag = forms.SlugField(label=_("Schlagwort"), required=False, max_length=100)
