"""Request bodies of the resident endpoints, passed to the site's own forms.

The forms of the exchange (exchange/forms.py) decide what is valid, so that nothing the
site refuses is possible through the API. A JSON body is turned into what a form
receives from a browser: one text value per field. Anything else (a list, an object,
an unknown field) is refused with a 400 naming the field, before any form sees it.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

BODY = "body"


def form_data(body, fields, *, initial: dict | None = None) -> dict:
    """The body's values for `fields` as form data, over `initial` (for PATCH)."""
    if not isinstance(body, dict):
        raise ValidationError({BODY: [_("Bitte senden Sie ein JSON-Objekt.")]})
    unknown = sorted(set(body) - set(fields))
    if unknown:
        raise ValidationError({name: [_("Dieses Feld gibt es hier nicht.")] for name in unknown})
    data = {name: value for name, value in (initial or {}).items() if value is not None}
    for name, value in body.items():
        if isinstance(value, dict | list):
            raise ValidationError({name: [_("Bitte senden Sie hier einen einzelnen Wert.")]})
        if value is None:
            data.pop(name, None)
        else:
            data[name] = str(value) if not isinstance(value, bool) else ("on" if value else "")
    return data


def form_invalid(form) -> ValidationError:
    """The form's errors as a 400 naming each field (`body` for the form as a whole)."""
    return ValidationError(
        {
            (BODY if name == "__all__" else name): [str(message) for message in messages]
            for name, messages in form.errors.items()
        }
    )


def model_invalid(error: DjangoValidationError) -> ValidationError:
    """A service's model validation error as a 400."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                (BODY if name == "__all__" else name): list(messages)
                for name, messages in error.message_dict.items()
            }
        )
    return ValidationError({BODY: error.messages})
