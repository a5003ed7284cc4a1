"""Provider profiles (pages), their consent records and the shared service categories.

A provider is a page so that it has revisions, the editorial workflow, translations
and, crucially, an owner: a provider account with "add" on the directory may edit the
profile it owns and nothing else, and never publish (see cms/roles/services.py).

A profile is shown publicly only while a valid consent record exists (see
`selectors.listed_providers`); withdrawing consent hides it everywhere at once.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from blocks.blocks import RICH_TEXT_FEATURES
from cms.core.models import AccessibilityFeatures, BasePage
from cms.roles.enums import Role

from .enums import ConsentMethod, ProviderKind, Weekday
from .page_forms import ProviderPageForm


class ServiceCategory(TranslatableMixin, index.Indexed, models.Model):
    """What kind of help a provider offers; shared by the municipalities of a region."""

    name = models.CharField(_("Name"), max_length=80)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=80)
    description = models.CharField(_("Beschreibung"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Leistungskategorie")
        verbose_name_plural = _("Leistungskategorien")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_service_category_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProviderIndexPage(BasePage):
    """The directory and offer finder of a municipality's portal.

    It finds the listed providers of every municipality in the portal's region, so that
    residents search one directory while each municipality keeps its own entries.
    """

    # cms.roles lets the municipality's providers own what they write below every page
    # of this type (see cms/roles/services.py).
    role_sections = (Role.PROVIDER,)

    intro = models.TextField(_("Einleitung"), max_length=600, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage"]
    subpage_types = ["providers.ProviderPage"]

    class Meta:
        verbose_name = _("Anbieterverzeichnis")
        verbose_name_plural = _("Anbieterverzeichnisse")

    def get_context(self, request, *args, **kwargs):
        from .finder import finder_context

        context = super().get_context(request, *args, **kwargs)
        context.update(finder_context(request, directory=self))
        return context


class ProviderPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "providers.ProviderPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ProviderPage(AccessibilityFeatures, BasePage):
    """A provider's public profile: who they are, what they offer, where and when."""

    kind = models.CharField(_("Art"), max_length=20, choices=ProviderKind.choices)
    description = RichTextField(_("Beschreibung"), features=RICH_TEXT_FEATURES)
    categories = ParentalManyToManyField(
        ServiceCategory, verbose_name=_("Leistungskategorien"), related_name="providers"
    )
    districts_served = ParentalManyToManyField(
        "places.District",
        verbose_name=_("Tätig in den Quartieren"),
        related_name="providers",
        blank=True,
    )
    tags = ClusterTaggableManager(
        through=ProviderPageTag, blank=True, verbose_name=_("Schlagwörter")
    )

    street = models.CharField(_("Straße und Hausnummer"), max_length=120, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=80, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Internetseite"), blank=True)
    # What is public is the provider's choice; nothing is shown unless they say so.
    show_address = models.BooleanField(_("Anschrift öffentlich zeigen"), default=False)
    show_phone = models.BooleanField(_("Telefon öffentlich zeigen"), default=False)
    show_email = models.BooleanField(_("E-Mail öffentlich zeigen"), default=False)

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
        help_text=_("Pflicht, wenn ein Logo gewählt ist, z. B. „Logo der Caritas“."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("districts_served", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        InlinePanel("services", label=_("Leistungen")),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldRowPanel(
                    [FieldPanel("show_address"), FieldPanel("show_phone"), FieldPanel("show_email")]
                ),
            ],
            heading=_("Kontakt"),
        ),
        InlinePanel("opening_hours", label=_("Öffnungszeiten")),
        AccessibilityFeatures.accessibility_panel(),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt_text")], heading=_("Logo")),
        InlinePanel("gallery_images", label=_("Bilder")),
        InlinePanel("cooperations", label=_("Kooperationen")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("city"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields(
            "services", [index.SearchField("title"), index.SearchField("description")]
        ),
        index.FilterField("kind"),
        index.FilterField("step_free_access"),
    ]

    parent_page_types = ["providers.ProviderIndexPage"]
    subpage_types = []
    base_form_class = ProviderPageForm
    show_in_menus_default = False

    class Meta:
        verbose_name = _("Anbieterprofil")
        verbose_name_plural = _("Anbieterprofile")

    def clean(self) -> None:
        super().clean()
        if self.logo_id and not self.logo_alt_text.strip():
            raise ValidationError(
                {
                    "logo_alt_text": _(
                        "Bitte beschreiben Sie das Logo für Menschen, die es nicht sehen."
                    )
                }
            )
        if self.show_address and not (self.street and self.postcode and self.city):
            raise ValidationError(
                {
                    "show_address": _(
                        "Eine Anschrift kann nur gezeigt werden, wenn sie vollständig ist."
                    )
                }
            )

    def is_listed(self) -> bool:
        """Whether a valid consent allows showing this profile publicly."""
        from .selectors import valid_consents

        return valid_consents().filter(provider=self).exists()

    def route(self, request, path_components):
        # Without consent the profile does not exist for visitors; previews by
        # editors do not come through here.
        if not path_components and not self.is_listed():
            raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .selectors import cooperation_partners

        context = super().get_context(request, *args, **kwargs)
        context["partners"] = cooperation_partners(self)
        return context


class ProviderService(Orderable):
    """One service a provider offers, e.g. "Hilfe beim Einkaufen"."""

    provider = ParentalKey(ProviderPage, related_name="services", on_delete=models.CASCADE)
    title = models.CharField(_("Leistung"), max_length=120)
    description = models.TextField(_("Beschreibung"), max_length=600, blank=True)
    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("Kategorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("category")]

    def __str__(self) -> str:
        return self.title


class ProviderOpeningHours(Orderable):
    """Opening hours on one weekday; several rows make split or varying hours."""

    provider = ParentalKey(ProviderPage, related_name="opening_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))
    note = models.CharField(_("Hinweis"), max_length=120, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")

    def clean(self) -> None:
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Das Ende muss nach dem Beginn liegen.")})


class ProviderImage(Orderable):
    """A picture of the provider's premises or work, with mandatory alternative text."""

    provider = ParentalKey(ProviderPage, related_name="gallery_images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("Bild"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("Alternativtext"), max_length=250)
    caption = models.CharField(_("Bildunterschrift"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class ProviderCooperation(Orderable):
    """A cooperation with another provider, shown on both profiles."""

    provider = ParentalKey(ProviderPage, related_name="cooperations", on_delete=models.CASCADE)
    partner = models.ForeignKey(
        ProviderPage,
        verbose_name=_("Partner"),
        on_delete=models.CASCADE,
        related_name="cooperations_as_partner",
    )
    description = models.CharField(
        _("Worum geht es?"),
        max_length=200,
        blank=True,
        help_text=_("Zum Beispiel: gemeinsamer Mittagstisch."),
    )

    panels = [FieldPanel("partner"), FieldPanel("description")]

    def clean(self) -> None:
        super().clean()
        if self.partner_id and self.partner_id == self.provider_id:
            raise ValidationError(
                {"partner": _("Ein Anbieter kann nicht mit sich selbst kooperieren.")}
            )


class ProviderConsent(models.Model):
    """The record of a provider's consent to be listed: who, when, which text, how.

    Only the editorial team records and withdraws consents; providers never edit them.
    A profile is public while one of its consents is neither withdrawn nor expired.
    """

    provider = models.ForeignKey(
        ProviderPage, verbose_name=_("Anbieter"), on_delete=models.CASCADE, related_name="consents"
    )
    given_by = models.CharField(
        _("Erteilt von"),
        max_length=120,
        help_text=_("Name der Person, die für den Anbieter zugestimmt hat."),
    )
    given_at = models.DateTimeField(_("Erteilt am"), default=timezone.now)
    text_version = models.CharField(
        _("Fassung des Einwilligungstextes"), max_length=40, help_text=_("Zum Beispiel „2026-01“.")
    )
    method = models.CharField(_("Form"), max_length=20, choices=ConsentMethod.choices)
    signed_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Unterschriebenes Formular"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expires_on = models.DateField(_("Gültig bis"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Erfasst von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(_("Erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-given_at"]
        indexes = [
            models.Index(
                fields=["provider", "withdrawn_at", "expires_on"], name="consent_validity_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider.title} – {self.given_by} ({self.given_at:%d.%m.%Y})"

    def clean(self) -> None:
        super().clean()
        if self.method == ConsentMethod.SIGNED_FORM and self.signed_form is None:
            raise ValidationError(
                {"signed_form": _("Bitte laden Sie das unterschriebene Formular hoch.")}
            )
        if self.expires_on and self.given_at and self.expires_on < self.given_at.date():
            raise ValidationError({"expires_on": _("Das Ablaufdatum liegt vor der Erteilung.")})

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_at is None and (
            self.expires_on is None or self.expires_on >= timezone.localdate()
        )
