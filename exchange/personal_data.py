"""Finding personal contact data in a listing's text: phone numbers, e-mail, street addresses.

Contact in the exchange goes through the platform, so that no one's phone number or
address is public. `findings_in_text` is a pure function: the listing form refuses a
text with findings and says why; whatever still slips through (a proxy posting, the
API, a variant the form missed on an earlier version) is flagged to the moderator in
the review screens through `findings_in_listing`.

The patterns are tuned against German texts of the exchange: times ("19:00-20:30"),
ranges ("2-3 Personen"), room numbers, prices and dates must not count.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Finding:
    """One piece of contact data in a text: what kind, and the text found."""

    kind: str  # "phone", "email" or "address"
    text: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


KIND_LABELS = {
    "phone": _("Telefonnummer"),
    "email": _("E-Mail-Adresse"),
    "address": _("Adresse mit Hausnummer"),
}

# Separators people type inside a phone number. Not ".", ":" or ",": those make dates,
# times and prices, which are no phone numbers.
_SEP = r"[ \t\-/()]*"
PHONE = re.compile(
    # +49 209 5551234, 0049 (0)209 555-1234
    rf"(?<![\w+])(?:\+|00){_SEP}49{_SEP}(?:\(0\){_SEP})?\d(?:{_SEP}\d){{5,}}"
    # 0209 555 1234, 0209/5551234, 0171-1234567, (0209) 55 51 23
    rf"|(?<![\w])\(?0\d{{2,5}}\)?(?:{_SEP}\d){{4,}}"
)
EMAIL = re.compile(
    r"[\w.+-]+\s*(?:@|\(at\)|\[at\]|\{at\}|\s(?:at|ät)\s)\s*[\w-]+"
    r"(?:\s*(?:\.|\(dot\)|\[dot\]|\spunkt\s|\(punkt\)|\[punkt\])\s*[\w-]+)+",
    re.IGNORECASE,
)
_STREET_SUFFIX = (
    r"(?:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|ufer|pfad|chaussee|markt"
    r"|berg|hof|wall|steig|graben)"
)
ADDRESS = re.compile(
    # Bahnhofstraße 12, Hauptstr. 5a, Im Kirchweg 3 b; also "Essener Straße 12"
    rf"\b[A-ZÄÖÜ][\wäöüß\-]*(?:{_STREET_SUFFIX}|\s(?:Stra(?:ß|ss)e|Str\.|Weg|Platz|Allee|Gasse|Ring))"
    r"\s*\d{1,4}\s?[a-zA-Z]?\b"
)
# A phone number has at least this many digits (without the country code).
PHONE_MIN_DIGITS = 7


def _national_digits(number: str) -> int:
    """How many digits a phone number has without its country code (+49, 0049)."""
    digits = "".join(character for character in number if character.isdigit())
    if number.startswith("+"):
        digits = digits[2:]
    elif digits.startswith("0049"):
        digits = digits[4:]
    return len(digits)


def findings_in_text(text: str) -> list[Finding]:
    """The contact data in `text`, in order of appearance (empty for clean text)."""
    if not text:
        return []
    found: list[tuple[int, Finding]] = []
    taken: list[range] = []
    for kind, pattern in (("email", EMAIL), ("phone", PHONE), ("address", ADDRESS)):
        for match in pattern.finditer(text):
            span = range(match.start(), match.end())
            if any(span.start < other.stop and other.start < span.stop for other in taken):
                continue
            value = match.group().strip()
            if kind == "phone" and _national_digits(value) < PHONE_MIN_DIGITS:
                continue
            taken.append(span)
            found.append((match.start(), Finding(kind, value)))
    return [finding for _start, finding in sorted(found, key=lambda item: item[0])]


def findings_in_listing(listing) -> list[Finding]:
    """Contact data in a listing's title, description and place."""
    return [
        finding
        for text in (listing.title, listing.description, listing.locality)
        for finding in findings_in_text(text)
    ]


def refusal_message(findings: list[Finding]) -> str:
    """Why the form refuses the text and how contact works instead, in plain German."""
    kinds = ", ".join(dict.fromkeys(finding.label for finding in findings))
    return _(
        "Ihr Text enthält etwas, das wie eine %(kinds)s aussieht (%(example)s). "
        "Bitte nehmen Sie das heraus: Einträge sind für alle sichtbar, und Ihre "
        "Kontaktdaten sollen privat bleiben. Wer sich für Ihren Eintrag interessiert, "
        "schreibt Ihnen über die Plattform. Sie bekommen dann eine E-Mail und "
        "entscheiden selbst, ob Sie Ihre Telefonnummer weitergeben."
    ) % {"kinds": kinds, "example": findings[0].text}
