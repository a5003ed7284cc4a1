"""A municipality's info box ("digitales schwarzes Brett") and its sponsor links.

Both are kept by the municipality's admins (Kommunenadministration) and shown on the
portal's home and on the pages of its help exchange. Reads for the public go through
`cms.noticeboard.selectors`.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from cms.core import language_prefix

INFO_BOX_TEXT_MAX_LENGTH = 600
INFO_BOX_MAX_LINKS = 4

# A link goes to a page of the portal ("/veranstaltungen/") or to a web address
# (https://…); nothing else (no "javascript:", no "mailto:" with a resident's address).
link_target_validator = RegexValidator(
    r"^(https?://[^\s/$.?#][^\s]*|/[^\s/][^\s]*|/)$",
    _(
        "Bitte geben Sie eine Webadresse an, die mit https:// beginnt, oder eine Seite "
        "dieses Portals, die mit / beginnt."
    ),
)


class InfoBox(ClusterableModel):
    """A short notice of the municipality with a few links, shown while it is valid."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="info_boxes",
    )
    title = models.CharField(_("Überschrift"), max_length=120)
    text = models.TextField(
        _("Kurzer Text"),
        max_length=INFO_BOX_TEXT_MAX_LENGTH,
        help_text=_("Ein paar Sätze in einfachen Worten. Nur Text, keine Formatierung."),
    )
    valid_from = models.DateField(
        _("Anzeigen ab"), null=True, blank=True, help_text=_("Leer lassen: ab sofort.")
    )
    valid_until = models.DateField(
        _("Anzeigen bis"), null=True, blank=True, help_text=_("Leer lassen: ohne Ende.")
    )
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    panels = [
        FieldPanel("municipality"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        InlinePanel("links", label=_("Link"), max_num=INFO_BOX_MAX_LINKS),
    ]

    class Meta:
        verbose_name = _("Infokasten")
        verbose_name_plural = _("Infokästen")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["municipality", "valid_from", "valid_until"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("Das Ende darf nicht vor dem Beginn liegen.")})


class InfoBoxLink(Orderable):
    """One link of an info box, e.g. "Sprechstunde im Quartiersbüro"."""

    info_box = ParentalKey(InfoBox, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("Linktext"), max_length=80)
    url = models.CharField(
        _("Adresse"),
        max_length=500,
        validators=[link_target_validator],
        help_text=_("Zum Beispiel https://www.beispiel.de/ oder /veranstaltungen/"),
    )

    panels = [FieldPanel("label"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Link")
        verbose_name_plural = _("Links")

    def __str__(self) -> str:
        return self.label

    @property
    def is_external(self) -> bool:
        return not self.url.startswith("/")

    @property
    def href(self) -> str:
        """The address to link: a site-relative one stays under the language prefix of
        the page it is shown on (/ar/veranstaltungen/), like every page link there."""
        return self.url if self.is_external else language_prefix.localized_url(self.url)


class Sponsor(models.Model):
    """A sponsor of the municipality's exchange: name, link and logo, in a given order."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="sponsors",
    )
    name = models.CharField(_("Name"), max_length=120)
    url = models.URLField(
        _("Webseite"),
        blank=True,
        help_text=_("Die Adresse der Webseite des Förderers, mit https://"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ein Bild aus der Sammlung Ihrer Kommune."),
    )
    logo_alt_text = models.CharField(
        _("Beschreibung des Logos"),
        max_length=200,
        blank=True,
        help_text=_(
            "Was auf dem Logo zu sehen ist, für Menschen, die es nicht sehen können. "
            "Meist reicht der Name, z. B. „Logo der Stadtwerke“."
        ),
    )
    sort_order = models.PositiveIntegerField(
        _("Reihenfolge"), default=0, help_text=_("Kleinere Zahlen stehen weiter vorne.")
    )

    panels = [
        FieldPanel("municipality"),
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("logo"),
        FieldPanel("logo_alt_text"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("Förderer")
        verbose_name_plural = _("Förderer")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.logo_id and not self.logo_alt_text.strip():
            raise ValidationError(
                {"logo_alt_text": _("Bitte beschreiben Sie das Logo in wenigen Worten.")}
            )
