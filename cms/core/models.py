"""Shared models: the abstract base page and the translatable contact snippet."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from cms.core import language_prefix


class BasePage(Page):
    """The base of every Quartier page type.

    Adds a short summary used on listing cards and in search results, the mark for
    pages written in Leichte Sprache (easy-to-read German), and hides the "show in
    menus" choice behind sensible defaults per page type.
    """

    listing_summary = models.CharField(
        _("Kurzbeschreibung für Übersichten"),
        max_length=300,
        blank=True,
        help_text=_("Ein bis zwei Sätze, die in Listen und Suchergebnissen erscheinen."),
    )
    is_easy_language = models.BooleanField(
        _("Seite in Leichter Sprache"),
        default=False,
        help_text=_(
            "Die Seite ist nach den Regeln der Leichten Sprache geschrieben. Sie wird "
            "gekennzeichnet und auf der Startseite „Leichte Sprache“ aufgeführt."
        ),
    )

    show_in_menus_default = True

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, _("Allgemeine Einstellungen")),
        FieldPanel("listing_summary"),
        FieldPanel("is_easy_language"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("listing_summary")]

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        """Wagtail's address, kept under the language prefix of the page being served
        when the page has none of its own (cms.core.language_prefix)."""
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, language_prefix.localized_path(page_path)

    # Set on a page that `cms.core.page_routes` found, under the content version in
    # which it has no view restrictions: Wagtail's check then needs no query.
    view_restrictions_known_empty = False

    def get_view_restrictions(self):
        """Wagtail's rule (the restrictions of the page and its ancestors, an alias
        answering to its source's) in one query instead of two, served on every page.

        The ancestors' paths are prefixes of the page's own; an alias has no
        restrictions of its own, so those of its source page count instead.
        """
        if self.view_restrictions_known_empty:
            return PageViewRestriction.objects.none()
        step = Page.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
        return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page_id__in=sources))


class Contact(TranslatableMixin, index.Indexed, models.Model):
    """A contact person or office, reused on many pages through the contact card block.

    Contact details are shown publicly only because the person or office agreed to
    be listed; editors are reminded of that in the help text.

    A contact belongs to one municipality, whose editorial team alone may edit it: the
    feedback form of an accessibility statement mails residents' messages to the
    contact's address, so editing a contact decides where those messages go. A contact
    without municipality is a deliberate platform-wide one that only platform admins
    edit. Translations keep the municipality of their original.
    """

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        help_text=_(
            "Nur die Redaktion dieser Kommune kann den Kontakt bearbeiten und auswählen. "
            "Ohne Kommune gilt er für die ganze Plattform und nur die Plattform-Verwaltung "
            "kann ihn bearbeiten."
        ),
    )
    name = models.CharField(_("Name"), max_length=120)
    role = models.CharField(_("Funktion"), max_length=120, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=160, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    address = models.TextField(_("Anschrift"), blank=True)
    office_hours = models.TextField(_("Sprechzeiten"), blank=True)

    panels = [
        FieldPanel("municipality"),
        FieldPanel("name", help_text=_("Nur mit Einverständnis der Person veröffentlichen.")),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("address"),
        FieldPanel("office_hours"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
        index.FilterField("locale"),
        index.FilterField("municipality"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontakte")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def save(self, *args, **kwargs):
        # A translation made by wagtail-localize is a copy of the original's fields
        # except those it translates; the municipality must never differ from the
        # original's, whatever the copy carried.
        if self.pk is None and self.translation_key:
            originals = list(
                type(self)
                .objects.filter(translation_key=self.translation_key)
                .exclude(locale_id=self.locale_id)
                .values_list("municipality_id", flat=True)[:1]
            )
            if originals:
                self.municipality_id = originals[0]
        super().save(*args, **kwargs)


class AccessibilityFeatures(models.Model):
    """Structured accessibility of a place, shared by provider premises and event venues.

    Residents filter by these, so they are fields rather than free text; the notes
    take what does not fit.
    """

    step_free_access = models.BooleanField(
        _("Stufenloser Zugang"), default=False, help_text=_("Ohne Stufen oder mit Rampe/Aufzug.")
    )
    accessible_wc = models.BooleanField(_("Barrierefreies WC"), default=False)
    accessible_parking = models.BooleanField(_("Behindertenparkplatz"), default=False)
    hearing_loop = models.BooleanField(_("Induktionsschleife / Höranlage"), default=False)
    seating = models.BooleanField(_("Sitzgelegenheiten zum Ausruhen"), default=False)
    sign_language = models.BooleanField(_("Gebärdensprache möglich"), default=False)
    easy_language = models.BooleanField(_("Informationen in Leichter Sprache"), default=False)
    guide_dogs_welcome = models.BooleanField(_("Assistenzhunde willkommen"), default=False)
    accessibility_notes = models.TextField(
        _("Hinweise zur Barrierefreiheit"),
        blank=True,
        max_length=1000,
        help_text=_("Zum Beispiel: Klingel am Seiteneingang, Rampe an der Rückseite."),
    )

    ACCESSIBILITY_FIELDS = (
        "step_free_access",
        "accessible_wc",
        "accessible_parking",
        "hearing_loop",
        "seating",
        "sign_language",
        "easy_language",
        "guide_dogs_welcome",
    )

    class Meta:
        abstract = True

    @classmethod
    def accessibility_panel(cls):
        return MultiFieldPanel(
            [
                *(FieldPanel(name) for name in cls.ACCESSIBILITY_FIELDS),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Barrierefreiheit"),
        )

    @property
    def accessibility_features(self) -> list[str]:
        """The labels of the features this place offers, for display."""
        return [
            self._meta.get_field(name).verbose_name
            for name in self.ACCESSIBILITY_FIELDS
            if getattr(self, name)
        ]

    @property
    def is_barrier_free(self) -> bool:
        """Step-free access is what "barrierefrei" means in the directory's filter."""
        return self.step_free_access


class ContentVersionRecord(models.Model):
    """The one row holding the version of everything the public sees (cms.core.content_version).

    A table rather than the cache, because the default cache is local memory per
    process unless REDIS_URL is set, and every app process must agree on the version.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Inhaltsstand")
        verbose_name_plural = _("Inhaltsstände")

    def __str__(self) -> str:
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
