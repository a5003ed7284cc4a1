"""Dates written the way the active language writes them.

Django's `date` filter translates month and weekday names but keeps the order of the
format it is given ("l, j. F Y" is German). These filters pick the order per language.
"""

from django import template
from django.utils.dateformat import format as date_format
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language

register = template.Library()

# weekday, day, month and year; weekday, day and month; month and year
FORMATS = {
    "de": ("l, j. F Y", "D, j. F", "F Y"),
    "en": ("l, j F Y", "D, j F", "F Y"),
    "tr": ("j F Y, l", "j F, D", "F Y"),
    "ar": ("l، j F Y", "D، j F", "F Y"),
    "uk": ("l, j E Y", "D, j E", "F Y"),
}


def _formatted(value, which: int) -> str:
    if not value:
        return ""
    if hasattr(value, "hour") and is_aware(value):
        value = localtime(value)
    language = (get_language() or "de").split("-")[0]
    return date_format(value, FORMATS.get(language, FORMATS["de"])[which])


@register.filter
def long_date(value) -> str:
    """Monday, 14 December 2026 in the active language."""
    return _formatted(value, 0)


@register.filter
def short_date(value) -> str:
    """Mon, 14 December in the active language."""
    return _formatted(value, 1)


@register.filter
def month_year(value) -> str:
    return _formatted(value, 2)
