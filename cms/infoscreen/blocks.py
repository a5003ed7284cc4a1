"""The info screen's own block: a notice in plain text, read from the pavement."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class InfoBoxBlock(blocks.StructBlock):
    """One info box (Infokasten): a heading and a few lines, shown as a slide of its own.

    Plain text only: nobody can click a link in a shop window, and short lines in very
    large type are what can be read from across the street.
    """

    heading = blocks.CharBlock(label=_("Überschrift"), max_length=60)
    text = blocks.TextBlock(
        label=_("Text"),
        max_length=400,
        help_text=_("Wenige kurze Sätze; Zeilenumbrüche bleiben erhalten."),
    )

    class Meta:
        label = _("Infokasten")
        icon = "info-circle"
