"""Themes: a portal's or district's colours, logo and header image as design tokens.

A theme belongs to one municipality; its portal and district homes pick it, and every
page below inherits the nearest choice (district → portal → the built-in default).
The colours reach the page as CSS custom properties (`--q-color-…`, see `TOKENS`),
which `site.css` and the print and kiosk stylesheets consume. A theme whose colour
pairs fall short of WCAG's contrast minimums cannot be saved.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from themes.contrast import (
    HEX_COLOUR,
    LARGE_TEXT_MINIMUM,
    NON_TEXT_MINIMUM,
    TEXT_MINIMUM,
    contrast_ratio,
)

hex_colour_validator = RegexValidator(
    HEX_COLOUR, _("Bitte eine Farbe als Hex-Wert angeben, z. B. #005a8c.")
)


def colour_field(label, default: str, help_text=""):
    return models.CharField(
        label, max_length=7, default=default, validators=[hex_colour_validator], help_text=help_text
    )


# Field name → CSS custom property. The names are a published contract (README,
# "Themes"): the print and kiosk stylesheets read them too.
TOKENS = {
    "color_background": "--q-color-background",
    "color_text": "--q-color-text",
    "color_heading": "--q-color-heading",
    "color_muted": "--q-color-muted",
    "color_link": "--q-color-link",
    "color_primary": "--q-color-primary",
    "color_primary_text": "--q-color-primary-text",
    "color_header_background": "--q-color-header-background",
    "color_header_text": "--q-color-header-text",
    "color_surface": "--q-color-surface",
    "color_accent": "--q-color-accent",
    "color_focus": "--q-color-focus",
    "color_error": "--q-color-error",
}

# The built-in default, used where no portal or district has picked a theme. site.css
# carries the same values as the fallbacks of its custom properties.
DEFAULT_COLOURS = {
    "color_background": "#ffffff",
    "color_text": "#1a1a1a",
    "color_heading": "#1a1a1a",
    "color_muted": "#545454",
    "color_link": "#005a8c",
    "color_primary": "#005a8c",
    "color_primary_text": "#ffffff",
    "color_header_background": "#f2f5f7",
    "color_header_text": "#1a1a1a",
    "color_surface": "#f2f5f7",
    "color_accent": "#005a8c",
    "color_focus": "#c05600",
    "color_error": "#b00020",
}


@dataclass(frozen=True)
class ContrastRule:
    """A foreground/background pair that must reach `minimum`; errors go to `field`."""

    field: str
    against: str
    minimum: float
    label: Promise


# In the header, focus rings, links and the borders of buttons take the header's text
# colour, which the header rule holds to 4.5:1; so a dark header needs no focus colour
# of its own (one colour cannot reach 3:1 against both white and dark blue).
CONTRAST_RULES = (
    ContrastRule("color_text", "color_background", TEXT_MINIMUM, _("Text auf Seitenhintergrund")),
    ContrastRule(
        "color_muted", "color_background", TEXT_MINIMUM, _("Gedämpfter Text auf Seitenhintergrund")
    ),
    ContrastRule("color_link", "color_background", TEXT_MINIMUM, _("Links auf Seitenhintergrund")),
    ContrastRule(
        "color_error", "color_background", TEXT_MINIMUM, _("Fehlertext auf Seitenhintergrund")
    ),
    ContrastRule(
        "color_heading",
        "color_background",
        LARGE_TEXT_MINIMUM,
        _("Überschriften (großer Text) auf Seitenhintergrund"),
    ),
    ContrastRule("color_text", "color_surface", TEXT_MINIMUM, _("Text auf Flächen")),
    ContrastRule("color_muted", "color_surface", TEXT_MINIMUM, _("Gedämpfter Text auf Flächen")),
    ContrastRule("color_link", "color_surface", TEXT_MINIMUM, _("Links auf Flächen")),
    ContrastRule(
        "color_heading",
        "color_surface",
        LARGE_TEXT_MINIMUM,
        _("Überschriften (großer Text) auf Flächen"),
    ),
    ContrastRule(
        "color_primary_text", "color_primary", TEXT_MINIMUM, _("Schrift auf Schaltflächen")
    ),
    ContrastRule(
        "color_primary",
        "color_background",
        NON_TEXT_MINIMUM,
        _("Schaltflächen (Bedienelement) auf Seitenhintergrund"),
    ),
    ContrastRule(
        "color_header_text", "color_header_background", TEXT_MINIMUM, _("Text in der Kopfzeile")
    ),
    ContrastRule(
        "color_accent", "color_background", NON_TEXT_MINIMUM, _("Akzentfarbe auf Seitenhintergrund")
    ),
    ContrastRule(
        "color_focus", "color_background", NON_TEXT_MINIMUM, _("Fokusrahmen auf Seitenhintergrund")
    ),
)


def contrast_errors(colours: dict[str, str]) -> dict[str, list[str]]:
    """The contrast rules the colours break, as German messages by field.

    Each message names the pair, its ratio and the minimum, e.g. "Text auf
    Seitenhintergrund: Kontrast 3,20:1, nötig sind mindestens 4,5:1."
    """
    errors: dict[str, list[str]] = {}
    for rule in CONTRAST_RULES:
        foreground, background = colours.get(rule.field), colours.get(rule.against)
        if not (foreground and background):
            continue
        if not (HEX_COLOUR.match(foreground) and HEX_COLOUR.match(background)):
            continue  # the field validator reports malformed colours
        ratio = contrast_ratio(foreground, background)
        if ratio < rule.minimum:
            message = _("%(pair)s: Kontrast %(ratio)s:1, nötig sind mindestens %(minimum)s:1.") % {
                "pair": rule.label,
                "ratio": number_format(round(ratio, 2), 2, use_l10n=True),
                "minimum": number_format(rule.minimum, 1, use_l10n=True),
            }
            errors.setdefault(rule.field, []).append(message)
    return errors


class Theme(models.Model):
    """Colours, logo and header image of a portal or district, kept by its editors."""

    name = models.CharField(_("Name"), max_length=80)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="themes",
    )

    color_background = colour_field(_("Seitenhintergrund"), DEFAULT_COLOURS["color_background"])
    color_text = colour_field(_("Text"), DEFAULT_COLOURS["color_text"])
    color_heading = colour_field(_("Überschriften"), DEFAULT_COLOURS["color_heading"])
    color_muted = colour_field(
        _("Gedämpfter Text"),
        DEFAULT_COLOURS["color_muted"],
        _("Datum, Bildunterschriften, Hinweise."),
    )
    color_link = colour_field(_("Links"), DEFAULT_COLOURS["color_link"])
    color_primary = colour_field(
        _("Schaltflächen: Hintergrund"),
        DEFAULT_COLOURS["color_primary"],
        _("Auch Linien und Markierungen der aktuellen Seite."),
    )
    color_primary_text = colour_field(
        _("Schaltflächen: Schrift"), DEFAULT_COLOURS["color_primary_text"]
    )
    color_header_background = colour_field(
        _("Kopfzeile: Hintergrund"), DEFAULT_COLOURS["color_header_background"]
    )
    color_header_text = colour_field(_("Kopfzeile: Text"), DEFAULT_COLOURS["color_header_text"])
    color_surface = colour_field(
        _("Flächen"),
        DEFAULT_COLOURS["color_surface"],
        _("Kacheln, Kästen und Fußzeile."),
    )
    color_accent = colour_field(
        _("Akzentfarbe"), DEFAULT_COLOURS["color_accent"], _("Trennlinien und Randmarkierungen.")
    )
    color_focus = colour_field(
        _("Fokusrahmen"),
        DEFAULT_COLOURS["color_focus"],
        _("Rahmen um das Element, das gerade per Tastatur ausgewählt ist."),
    )
    color_error = colour_field(_("Fehlermeldungen"), DEFAULT_COLOURS["color_error"])

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt_text = models.CharField(
        _("Alternativtext des Logos"),
        max_length=200,
        blank=True,
        help_text=_("Was auf dem Logo steht, z. B. „Quartiersnetz Schalke“."),
    )
    header_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Kopfbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    header_image_alt_text = models.CharField(
        _("Alternativtext des Kopfbilds"),
        max_length=250,
        blank=True,
        help_text=_("Leer lassen, wenn das Bild nur schmückt und nichts Wichtiges zeigt."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("municipality"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("color_background"), FieldPanel("color_surface")]),
                FieldRowPanel(
                    [
                        FieldPanel("color_text"),
                        FieldPanel("color_heading"),
                        FieldPanel("color_muted"),
                    ]
                ),
                FieldRowPanel([FieldPanel("color_link"), FieldPanel("color_error")]),
                FieldRowPanel([FieldPanel("color_primary"), FieldPanel("color_primary_text")]),
                FieldRowPanel(
                    [FieldPanel("color_header_background"), FieldPanel("color_header_text")]
                ),
                FieldRowPanel([FieldPanel("color_accent"), FieldPanel("color_focus")]),
            ],
            heading=_("Farben"),
            help_text=_(
                "Farben als Hex-Wert (#rrggbb). Farbpaare müssen den Mindestkontrast nach "
                "WCAG erreichen: 4,5:1 für Text, 3:1 für große Überschriften, Bedienelemente "
                "und den Fokusrahmen."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("logo_alt_text"),
                FieldPanel("header_image"),
                FieldPanel("header_image_alt_text"),
            ],
            heading=_("Bilder"),
        ),
    ]

    class Meta:
        verbose_name = _("Design")
        verbose_name_plural = _("Designs")
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = contrast_errors(self.colours)
        if self.logo_id and not self.logo_alt_text.strip():
            errors.setdefault("logo_alt_text", []).append(
                _("Ein Logo braucht einen Alternativtext.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def colours(self) -> dict[str, str]:
        return {field: getattr(self, field) for field in TOKENS}

    @property
    def css_custom_properties(self) -> list[tuple[str, str]]:
        """(property, value) pairs for a `:root { … }` rule."""
        return [(TOKENS[field], value) for field, value in self.colours.items()]

    @classmethod
    def builtin_default(cls) -> "Theme":
        """The unsaved default theme: the colours site.css falls back to."""
        return cls(name=str(_("Standard")), **DEFAULT_COLOURS)
