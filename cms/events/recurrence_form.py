"""The event form's side of the recurrence chooser: preview, checks, exceptions.

Mixed into `EventPageForm`. The chooser (recurrence_widget.py) gives the rule text and
the dates picked as exceptions; this mixin stores the rule in `recurrence_rule` as
before and the exceptions as cancelled `EventOccurrenceChange` rows (the EXDATEs), checks
that the series has dates at all and asks about dates between Christmas and New Year.
"""

from django.utils.translation import gettext_lazy as _

from .recurrence_preview import SeriesPreview, asks_about_holidays, series_preview
from .recurrence_widget import RecurrenceField, RecurrenceValue

FIELD = "recurrence_rule"


def _cancelled_starts(changes) -> dict:
    """Original start -> change, for plain cancellations (not moved dates)."""
    return {
        change.original_start: change
        for change in changes
        if change.cancelled and not change.new_start and change.original_start
    }


class RecurrenceFormMixin:
    """Puts the recurrence chooser in place of the RRULE text field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._recurrence_value: RecurrenceValue | None = None
        # The cleaned rule, kept apart: add_error() removes it from cleaned_data.
        self._recurrence_rule: str | None = None
        if FIELD in self.fields:
            field = RecurrenceField()
            field.widget.preview_source = self.recurrence_preview
            self.fields[FIELD] = field

    def _recurrence_state(self):
        """(start, end, all_day, rule, exceptions) as the form stands, or None."""
        if not self.is_bound:
            instance = self.instance
            if not instance.start:
                return None
            changes = instance.changes.all() if instance.pk else []
            return (
                instance.start,
                instance.end or instance.start,
                instance.all_day,
                instance.recurrence_rule,
                frozenset(_cancelled_starts(changes)),
            )
        cleaned = getattr(self, "cleaned_data", {})
        value = self._recurrence_value
        start = cleaned.get("start")
        if value is None or not start or self._recurrence_rule is None:
            return None
        return (
            start,
            cleaned.get("end") or start,
            bool(cleaned.get("all_day")),
            self._recurrence_rule,
            value.exceptions,
        )

    def recurrence_preview(self) -> SeriesPreview | None:
        state = self._recurrence_state()
        if state is None:
            return None
        start, end, all_day, rule, exceptions = state
        return series_preview(
            start=start, end=end, all_day=all_day, rule=rule, exceptions=exceptions
        )

    def clean_recurrence_rule(self):
        value = self.cleaned_data[FIELD]
        self._recurrence_value = value
        self._recurrence_rule = (
            self.instance.recurrence_rule or "" if value.rule is None else value.rule
        )
        return self._recurrence_rule

    def clean(self):
        cleaned = super().clean()
        value = self._recurrence_value
        rule = cleaned.get(FIELD)
        start = cleaned.get("start")
        if value is None or not value.from_chooser or not rule or not start:
            return cleaned
        preview = self.recurrence_preview()
        if preview is None:
            return cleaned
        if preview.dates == 0:
            self.add_error(
                FIELD,
                _(
                    "Mit diesen Angaben gibt es keinen einzigen Termin. Bitte prüfen Sie "
                    "den Beginn und das Ende der Wiederholung."
                ),
            )
            return cleaned
        unchanged = bool(self.instance.pk) and (
            rule == self.instance.recurrence_rule and start == self.instance.start
        )
        if (
            asks_about_holidays(rule)
            and preview.holiday_dates
            and not value.holidays_confirmed
            and not unchanged
        ):
            self.add_error(
                FIELD,
                _(
                    "Die Serie hat Termine zwischen Weihnachten und Neujahr (%(dates)s). "
                    "Finden diese Termine statt? Dann setzen Sie bitte das Häkchen bei "
                    "„Ja, diese Termine finden statt.“ Sonst markieren Sie sie als Ausfall."
                )
                % {
                    "dates": ", ".join(
                        moment.astimezone(start.tzinfo).strftime("%d.%m.%Y")
                        for moment in preview.holiday_dates
                    )
                },
            )
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        self._exceptions_sync(instance)
        if commit:
            instance.save()
            self._save_m2m()
        return instance

    def _exceptions_sync(self, instance) -> None:
        """Turn the ticked dates into cancellations and unticked ones back into dates.

        Only the dates the chooser offered are touched; moved dates and cancellations
        entered below in "Geänderte oder ausfallende Termine" stay as they are.
        """
        value = self._recurrence_value
        if value is None or not value.from_chooser or not instance.recurrence_rule:
            return
        from .models import EventOccurrenceChange

        preview = series_preview(
            start=instance.start,
            end=instance.end or instance.start,
            all_day=instance.all_day,
            rule=instance.recurrence_rule,
            exceptions=value.exceptions,
        )
        offered = {candidate.start for candidate in preview.candidates}
        chosen = {candidate.start for candidate in preview.candidates if candidate.checked}
        existing = list(instance.changes.all())
        cancelled = _cancelled_starts(existing)
        changed = {change.original_start for change in existing}
        added = [
            EventOccurrenceChange(original_start=moment, cancelled=True)
            for moment in sorted(chosen)
            if moment not in changed
        ]
        removed = [
            change
            for moment, change in cancelled.items()
            if moment in offered and moment not in chosen
        ]
        if added:
            instance.changes.add(*added)
        if removed:
            instance.changes.remove(*removed)
