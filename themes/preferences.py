"""The visitor's display preferences (text size, contrast), kept in one small cookie.

The cookie is set only when the visitor presses one of the switches, holds nothing but
the two choices (no identifier) and is read only by this site. Storing it is therefore
strictly necessary to provide the function the visitor explicitly asked for
(§ 25 Abs. 2 Nr. 2 TDDDG; see README, "Accessibility"), and needs no consent banner.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from .enums import Contrast, TextSize

COOKIE_NAME = "quartier_darstellung"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
# What we write is about 30 characters; anything much longer is not ours.
COOKIE_MAX_LENGTH = 200


@dataclass(frozen=True)
class DisplayPreferences:
    text_size: str = TextSize.NORMAL
    contrast: str = Contrast.NORMAL

    @classmethod
    def from_cookie(cls, value: str | None) -> "DisplayPreferences":
        """Parse the cookie; anything unknown (extra fields, garbage) falls back to the default.

        The cookie is the visitor's to change: it is read leniently and never raises, as
        every page (the admin's too) reads it before anything else.
        """
        values = dict(parse_qsl((value or "")[:COOKIE_MAX_LENGTH], keep_blank_values=True))
        text_size = values.get("schrift", "")
        contrast = values.get("kontrast", "")
        return cls(
            text_size=text_size if text_size in TextSize.values else TextSize.NORMAL,
            contrast=contrast if contrast in Contrast.values else Contrast.NORMAL,
        )

    def to_cookie(self) -> str:
        return urlencode({"schrift": self.text_size, "kontrast": self.contrast})

    @property
    def is_default(self) -> bool:
        return self == DisplayPreferences()

    @property
    def html_classes(self) -> str:
        """Classes for <html>, the same ones site.js sets without a reload."""
        classes = []
        if self.text_size != TextSize.NORMAL:
            classes.append(f"q-text-{self.text_size}")
        if self.contrast == Contrast.HIGH:
            classes.append("q-contrast-high")
        return " ".join(classes)
