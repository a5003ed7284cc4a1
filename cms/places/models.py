"""Where things are: Region → Municipality → District → SocialSpace.

These are plain models maintained in the admin ("Stammdaten"). Everything that belongs
somewhere points at a district or municipality, and every admin permission is scoped by
them. Slugs are the lower-case ASCII form of the name with umlauts written out; they
appear in URLs, API filters and management commands and must not change lightly.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cms.core.text import german_slugify

from .enums import SocialSpaceKind


class SluggedPlace(models.Model):
    """A named place whose slug defaults to the German ASCII form of its name."""

    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(
        _("Kurzname (URL)"),
        max_length=120,
        blank=True,
        help_text=_("Wird aus dem Namen gebildet, wenn leer (z. B. „Hüllen“ → „huellen“)."),
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = german_slugify(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.slug:
            self.slug = german_slugify(self.name)
        if not self.slug:
            raise ValidationError({"name": _("Aus diesem Namen lässt sich kein Kurzname bilden.")})


class Region(index.Indexed, SluggedPlace):
    """An optional grouping of municipalities that share one offer finder."""

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(SluggedPlace.Meta):
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")
        constraints = [models.UniqueConstraint(fields=["slug"], name="unique_region_slug")]


class Municipality(index.Indexed, SluggedPlace):
    """A town or city (Kommune) that runs its own portal, editorial team and exchange."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="municipalities",
    )
    official_key = models.CharField(
        _("Amtlicher Gemeindeschlüssel"),
        max_length=12,
        blank=True,
        help_text=_("Achtstelliger AGS, z. B. 05513000 für Gelsenkirchen."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("region"),
        FieldPanel("official_key"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(SluggedPlace.Meta):
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        constraints = [models.UniqueConstraint(fields=["slug"], name="unique_municipality_slug")]


class District(index.Indexed, SluggedPlace):
    """A district (Quartier, Stadtteil or village) of a municipality with its own page tree.

    District slugs are unique across all municipalities, because calendar feeds, the API
    and `import_ical` name a district by its slug alone.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("Kommune"),
        on_delete=models.PROTECT,
        related_name="districts",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("municipality")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("municipality"),
    ]

    class Meta(SluggedPlace.Meta):
        verbose_name = _("Quartier")
        verbose_name_plural = _("Quartiere")
        constraints = [models.UniqueConstraint(fields=["slug"], name="unique_district_slug")]


class SocialSpace(index.Indexed, SluggedPlace):
    """A place within a district where people meet: parish, kindergarten, school, village."""

    district = models.ForeignKey(
        District,
        verbose_name=_("Quartier"),
        on_delete=models.CASCADE,
        related_name="social_spaces",
    )
    kind = models.CharField(
        _("Art"), max_length=20, choices=SocialSpaceKind.choices, default=SocialSpaceKind.OTHER
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("district"), FieldPanel("kind")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("district"),
        index.FilterField("kind"),
    ]

    class Meta(SluggedPlace.Meta):
        verbose_name = _("Sozialraum")
        verbose_name_plural = _("Sozialräume")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "slug"], name="unique_social_space_slug_per_district"
            )
        ]
