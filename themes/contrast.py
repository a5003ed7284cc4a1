"""Colour contrast after WCAG 2.x: relative luminance and contrast ratio.

https://www.w3.org/TR/WCAG22/#dfn-relative-luminance and #dfn-contrast-ratio. Ratios
are compared unrounded: WCAG's thresholds are exact, so #777777 on white (4.48:1)
fails 4.5:1 even though it is often shown as "4.5".
"""

import re

HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

# WCAG 2.x success criteria 1.4.3 (text), 1.4.3 large text and 1.4.11 (controls, focus).
TEXT_MINIMUM = 4.5
LARGE_TEXT_MINIMUM = 3.0
NON_TEXT_MINIMUM = 3.0


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """Parse "#1a2b3c" or "#abc" into an (r, g, b) tuple of 0 to 255."""
    if not HEX_COLOUR.match(colour):
        raise ValueError(f"Not a hex colour: {colour!r}")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def _linear(channel: int) -> float:
    value = channel / 255
    # WCAG 2.x names 0.03928 as the threshold (sRGB's own is 0.04045); for 8-bit
    # channels both give the same result.
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of a hex colour: 0 for black, 1 for white."""
    red, green, blue = (_linear(channel) for channel in hex_to_rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The contrast ratio of two hex colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
