"""Text helpers used across apps."""

import re

from django.utils.text import slugify

_GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def german_slugify(value: str) -> str:
    """Return the lower-case ASCII slug of a German name.

    German umlauts are written out (ü → ue), as German readers expect and as the URLs
    and API filters of the platform promise: "Schaffrath/Rosenhügel" becomes
    "schaffrath-rosenhuegel", "Hüllen" becomes "huellen".
    """
    spelled_out = value.translate(_GERMAN_TRANSLITERATION)
    separated = re.sub(r"[^\w]+", " ", spelled_out)
    return slugify(separated)
