"""The recurrence chooser's preview endpoint in the admin (see recurrence_widget.py).

It reads only what the request sends (the event's start and end, the chooser's
controls) and names no stored object, so there is nothing of another municipality it
could show; it is an admin URL, so only staff who may use the admin reach it.
"""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .recurrence_preview import series_preview
from .recurrence_widget import RecurrenceField

DATETIME_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S"]
FIELD_NAME = "recurrence_rule"


class RecurrencePreviewForm(forms.Form):
    """The event's times and the chooser, as the event form would read them."""

    start = forms.DateTimeField(
        input_formats=DATETIME_FORMATS,
        error_messages={"required": _("Bitte tragen Sie zuerst den Beginn ein.")},
    )
    end = forms.DateTimeField(input_formats=DATETIME_FORMATS, required=False)
    all_day = forms.BooleanField(required=False)
    recurrence_rule = RecurrenceField()


@require_GET
def recurrence_preview(request):
    form = RecurrencePreviewForm(request.GET)
    context = {"name": FIELD_NAME, "preview": None, "error": None}
    if not form.is_valid():
        context["error"] = " ".join(
            str(message) for messages in form.errors.values() for message in messages
        )
        return TemplateResponse(
            request, "events/widgets/recurrence_preview.html", context, status=400
        )
    value = form.cleaned_data["recurrence_rule"]
    start = form.cleaned_data["start"]
    end = form.cleaned_data.get("end") or start
    context["preview"] = series_preview(
        start=start,
        end=end,
        all_day=form.cleaned_data["all_day"],
        rule=value.kept_rule if value.rule is None else value.rule,
        exceptions=value.exceptions,
    )
    context["holidays_confirmed"] = value.holidays_confirmed
    return TemplateResponse(request, "events/widgets/recurrence_preview.html", context)
