"""The recurrence chooser: a form field and widget in place of the RRULE text box.

The widget is a set of plain form controls (radio buttons, checkboxes, number and date
inputs), so it works without JavaScript; recurrence-chooser.js only hides the parts that
do not apply and asks the admin preview endpoint (admin_views.recurrence_preview) for the
summary and the next dates while the provider chooses. The field turns the posted
controls into a `RecurrenceValue`: the RRULE text, the exceptions picked from the next
dates and the answer to the Christmas question.

A rule the chooser cannot show (imported from another calendar) is offered as
"keep the rule as it is"; the form then keeps the stored rule unchanged.
A POST without the chooser's controls (an older client, the test helpers) may still send
the rule as text under the field's own name; it is validated like before.
"""

import contextlib
from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .recurrence import MAX_OCCURRENCES_PER_EVENT, RecurrenceError, validate_rule
from .recurrence_choices import (
    MAX_INTERVAL,
    ORDINALS,
    WEEKDAYS,
    Ending,
    Frequency,
    MonthlyMode,
    RecurrenceChoices,
    choices_from_rule,
    ordinal_names,
    rule_from_choices,
    weekday_names,
)
from .recurrence_preview import SeriesPreview, parse_exception_key

KEEP = "keep"
UNTIL_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
SUBFIELDS = (
    "frequency",
    "interval",
    "weekdays",
    "monthly_mode",
    "month_day",
    "ordinal",
    "ordinal_weekday",
    "ending",
    "until",
    "count",
    "exceptions",
    "holidays",
)


@dataclass(frozen=True)
class RecurrenceValue:
    """The cleaned chooser: `rule` is None when the stored rule is to be kept."""

    rule: str | None
    exceptions: frozenset[datetime] = field(default_factory=frozenset)
    holidays_confirmed: bool = False
    from_chooser: bool = True
    # The imported rule the chooser was showing read-only (only for the preview).
    kept_rule: str = ""


def _choice_values(choices: RecurrenceChoices) -> dict:
    """The chooser's controls for choices, as strings the template compares."""
    return {
        "frequency": str(choices.frequency),
        "interval": str(choices.interval),
        "weekdays": list(choices.weekdays),
        "monthly_mode": str(choices.monthly_mode),
        "month_day": str(choices.month_day or ""),
        "ordinal": str(choices.ordinal),
        "ordinal_weekday": choices.ordinal_weekday,
        "ending": str(choices.ending),
        "until": choices.until.strftime("%d.%m.%Y") if choices.until else "",
        "count": str(choices.count or ""),
        "exceptions": [],
        "holidays": False,
    }


class RecurrenceWidget(forms.Widget):
    """Plain controls for the recurrence; see the module docstring."""

    template_name = "events/widgets/recurrence_chooser.html"

    class Media:
        js = ["events/js/recurrence-chooser.js"]
        css = {"all": ["events/css/recurrence-chooser.css"]}

    def __init__(self, attrs=None):
        super().__init__(attrs)
        # Set by the form: a callable giving the SeriesPreview for the current state.
        self.preview_source = None

    def value_from_datadict(self, data, files, name):
        if f"{name}-frequency" not in data:
            return {"raw": data.get(name, "")}
        values = {key: data.get(f"{name}-{key}", "") for key in SUBFIELDS}
        values["weekdays"] = data.getlist(f"{name}-weekdays") if hasattr(data, "getlist") else []
        values["exceptions"] = (
            data.getlist(f"{name}-exceptions") if hasattr(data, "getlist") else []
        )
        values["holidays"] = bool(data.get(f"{name}-holidays"))
        values["kept_rule"] = data.get(f"{name}-kept", "")
        return values

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-frequency" not in data and name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, dict) and "raw" not in value:
            values = value
            imported_rule = value.get("kept_rule", "") if value.get("frequency") == KEEP else ""
        else:
            rule = value.get("raw", "") if isinstance(value, dict) else (value or "")
            with contextlib.suppress(RecurrenceError):
                rule = validate_rule(rule)
            choices = choices_from_rule(rule)
            values = _choice_values(choices or RecurrenceChoices())
            imported_rule = "" if choices is not None else rule
            if imported_rule:
                values["frequency"] = KEEP
        preview: SeriesPreview | None = self.preview_source() if self.preview_source else None
        names = weekday_names()
        frequencies = list(Frequency.choices)
        if imported_rule:
            frequencies.insert(0, (KEEP, _("Übernommene Regel unverändert lassen")))
        context["chooser"] = {
            "values": values,
            "imported_rule": imported_rule,
            "frequencies": frequencies,
            "weekdays": [(code, names[code]) for code in WEEKDAYS],
            "monthly_modes": MonthlyMode.choices,
            "ordinals": [(str(number), label) for number, label in ordinal_names().items()],
            "endings": Ending.choices,
            "max_interval": MAX_INTERVAL,
            "max_count": MAX_OCCURRENCES_PER_EVENT,
            "preview": preview,
            "preview_url": reverse("events_recurrence_preview"),
        }
        return context


def _number(text: str, *, minimum: int, maximum: int, message) -> int:
    try:
        number = int(str(text).strip())
    except ValueError:
        raise forms.ValidationError(message) from None
    if not minimum <= number <= maximum:
        raise forms.ValidationError(message)
    return number


def _until(text: str):
    text = (text or "").strip()
    for fmt in UNTIL_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise forms.ValidationError(
        _("Bitte geben Sie das Enddatum der Wiederholung als TT.MM.JJJJ an, z. B. 31.03.2027.")
    )


def choices_from_values(values: dict) -> RecurrenceChoices:
    """The chooser's posted controls as choices; ValidationError names what is wrong."""
    frequency = values.get("frequency")
    if frequency not in Frequency.values:
        raise forms.ValidationError(_("Bitte wählen Sie, wie oft die Veranstaltung stattfindet."))
    if frequency == Frequency.ONCE:
        return RecurrenceChoices()
    interval = _number(
        values.get("interval") or "1",
        minimum=1,
        maximum=MAX_INTERVAL,
        message=_("Bitte geben Sie bei „alle …“ eine Zahl von 1 bis %(max)d an.")
        % {"max": MAX_INTERVAL},
    )
    weekdays = tuple(values.get("weekdays") or ())
    if any(day not in WEEKDAYS for day in weekdays):
        raise forms.ValidationError(_("Bitte wählen Sie die Wochentage aus der Liste."))
    choices = RecurrenceChoices(frequency=frequency, interval=interval, weekdays=weekdays)
    if frequency == Frequency.MONTHLY:
        mode = values.get("monthly_mode") or MonthlyMode.DAY_OF_MONTH
        if mode not in MonthlyMode.values:
            raise forms.ValidationError(_("Bitte wählen Sie, an welchem Tag im Monat."))
        month_day = None
        if mode == MonthlyMode.DAY_OF_MONTH and str(values.get("month_day") or "").strip():
            month_day = _number(
                values["month_day"],
                minimum=1,
                maximum=31,
                message=_("Bitte geben Sie den Tag im Monat als Zahl von 1 bis 31 an."),
            )
        ordinal_text = str(values.get("ordinal") or "1")
        ordinal_weekday = values.get("ordinal_weekday") or "MO"
        if ordinal_text not in {str(number) for number in ORDINALS} or (
            ordinal_weekday not in WEEKDAYS
        ):
            raise forms.ValidationError(_("Bitte wählen Sie den Wochentag im Monat aus der Liste."))
        choices = RecurrenceChoices(
            frequency=frequency,
            interval=interval,
            monthly_mode=mode,
            month_day=month_day,
            ordinal=int(ordinal_text),
            ordinal_weekday=ordinal_weekday,
        )
    ending = values.get("ending") or Ending.NEVER
    if ending not in Ending.values:
        raise forms.ValidationError(_("Bitte wählen Sie, wann die Wiederholung endet."))
    until = _until(values.get("until")) if ending == Ending.UNTIL else None
    count = None
    if ending == Ending.COUNT:
        count = _number(
            values.get("count") or "",
            minimum=1,
            maximum=MAX_OCCURRENCES_PER_EVENT,
            message=_("Bitte geben Sie die Anzahl der Termine als Zahl von 1 bis %(max)d an.")
            % {"max": MAX_OCCURRENCES_PER_EVENT},
        )
    return RecurrenceChoices(
        frequency=choices.frequency,
        interval=choices.interval,
        weekdays=choices.weekdays,
        monthly_mode=choices.monthly_mode,
        month_day=choices.month_day,
        ordinal=choices.ordinal,
        ordinal_weekday=choices.ordinal_weekday,
        ending=ending,
        until=until,
        count=count,
    ).canonical()


class RecurrenceField(forms.Field):
    """The chooser's value: RRULE text (or "keep"), exceptions, holiday answer."""

    widget = RecurrenceWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Wiederholung"))
        super().__init__(**kwargs)

    def clean(self, value):
        if not isinstance(value, dict) or "raw" in value:
            raw = value.get("raw", "") if isinstance(value, dict) else (value or "")
            try:
                return RecurrenceValue(rule=validate_rule(str(raw)), from_chooser=False)
            except RecurrenceError as error:
                raise forms.ValidationError(str(error)) from error
        exceptions = set()
        for key in value.get("exceptions") or ():
            moment = parse_exception_key(key)
            if moment is None:
                raise forms.ValidationError(_("Ein ausgewählter Ausfalltermin ist nicht lesbar."))
            exceptions.add(moment)
        kept_rule = ""
        if value.get("frequency") == KEEP:
            rule = None
            try:
                kept_rule = validate_rule(str(value.get("kept_rule") or ""))
            except RecurrenceError:
                kept_rule = ""
        else:
            rule = rule_from_choices(choices_from_values(value))
            try:
                rule = validate_rule(rule)
            except RecurrenceError as error:
                raise forms.ValidationError(str(error)) from error
        return RecurrenceValue(
            rule=rule,
            exceptions=frozenset(exceptions),
            holidays_confirmed=bool(value.get("holidays")),
            kept_rule=kept_rule,
        )

    def has_changed(self, initial, data):
        try:
            cleaned = self.clean(data)
        except forms.ValidationError:
            return True
        return cleaned.rule is not None and cleaned.rule != (initial or "")
