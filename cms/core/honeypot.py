"""A honeypot for the public forms: an input people never see, that bots fill in.

The field is hidden from sight and from screen readers and skipped by the keyboard, so
a person leaves it empty. A form with it filled is treated as sent by a program: the
view answers exactly as on success, but saves nothing and sends no mail, so the
program learns nothing from the answer.

    class RegistrationForm(HoneypotMixin, forms.Form): ...
    if form.honeypot_filled:
        return <the success answer>
"""

from django import forms

HONEYPOT_FIELD = "homepage"


class HoneypotWidget(forms.TextInput):
    """Rendered among the hidden fields, inside a visually hidden, aria-hidden span."""

    template_name = "core/widgets/honeypot.html"

    @property
    def is_hidden(self) -> bool:
        return True


class HoneypotMixin:
    """Adds the honeypot field to a form; `honeypot_filled` tells whether a bot sent it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False, widget=HoneypotWidget, label=""
        )

    @property
    def honeypot_filled(self) -> bool:
        return self.is_bound and bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())
