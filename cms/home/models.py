"""Portal homes (one per municipality and Wagtail Site), district homes, standard pages.

A municipality's tree looks like this:

    PortalHomePage (Gelsenkirchen, a Site of its own)
    ├── NewsIndexPage (city-wide news)
    ├── StandardPage …
    └── DistrictHomePage (Schalke)
        ├── NewsIndexPage (news of Schalke) → ArticlePage …
        └── StandardPage …

Permissions are granted on these subtrees: the editorial team on the portal, district
editors on their district home (see cms/roles).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from blocks.blocks import BodyStreamBlock
from cms.core import tenancy
from cms.core.models import BasePage
from cms.events.upcoming import upcoming_events_context
from cms.news.selectors import latest_articles
from cms.roles.media_forms import MunicipalityMediaPageForm

from .forms import DistrictHomePageForm, PortalHomePageForm


def theme_field():
    """The theme a portal or district home picks; pages below inherit it."""
    return models.ForeignKey(
        "themes.Theme",
        verbose_name=_("Design"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leer lassen, um das Design der übergeordneten Seite zu übernehmen."),
    )


def theme_error(page, municipality_id) -> ValidationError | None:
    """A theme of another municipality may not be picked."""
    if page.theme_id and municipality_id and page.theme.municipality_id != municipality_id:
        return ValidationError({"theme": _("Dieses Design gehört zu einer anderen Kommune.")})
    return None


class PortalHomePage(BasePage):
    """The start page of a municipality's portal; the root page of its Wagtail Site."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.PROTECT,
        related_name="portal_pages",
    )
    intro = models.TextField(_("Einleitung"), max_length=600, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)
    theme = theme_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("municipality"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    settings_panels = [*BasePage.settings_panels, FieldPanel("theme")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.DistrictHomePage",
        "home.StandardPage",
        "news.NewsIndexPage",
        "providers.ProviderIndexPage",
        "events.EventIndexPage",
        "themes.AccessibilityStatementPage",
        "themes.EasyLanguageIndexPage",
        "themes.SignLanguagePage",
    ]
    base_form_class = PortalHomePageForm

    class Meta:
        verbose_name = _("Portal-Startseite")
        verbose_name_plural = _("Portal-Startseiten")

    # cms.core.tenancy finds the portal of a page or request through this flag.
    is_municipality_portal = True

    @classmethod
    def for_page(cls, page) -> "PortalHomePage | None":
        """The portal (and so the municipality) a page belongs to (cms.core.tenancy)."""
        return tenancy.portal_for_page(page)

    @classmethod
    def for_request(cls, request) -> "PortalHomePage | None":
        """The portal whose Site answers this request (cms.core.tenancy)."""
        return tenancy.portal_for_request(request)

    def route(self, request, path_components):
        """Find the page in this language's tree, else the same address in German.

        Under /ar/, /en/, /tr/ and /uk/ the calendar, the directory and the news exist
        even before anyone translated them: the German page answers (marked
        `request.shows_untranslated_page`, so the page says so) instead of a 404.
        """
        try:
            return super().route(request, path_components)
        except Http404:
            source = self._source_portal()
            if source is None or not path_components:
                raise
            request.shows_untranslated_page = True
            return source.route(request, path_components)

    def _source_portal(self) -> "PortalHomePage | None":
        """This portal in the site's default language, if this one is a translation."""
        from wagtail.models import Locale

        default = Locale.get_default()
        if self.locale_id == default.pk:
            return None
        source = self.get_translation_or_none(default)
        return source.specific if source is not None and source.live else None

    def clean(self) -> None:
        super().clean()
        if not self.municipality_id:
            return
        if error := theme_error(self, self.municipality_id):
            raise error
        others = PortalHomePage.objects.filter(
            municipality_id=self.municipality_id, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                {"municipality": _("Für diese Kommune gibt es bereits eine Portal-Startseite.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["district_homes"] = (
            DistrictHomePage.objects.child_of(self).live().public().select_related("district")
        )
        context["latest_articles"] = latest_articles(within=self, limit=6)
        context.update(upcoming_events_context(request, portal=self))
        return context


class DistrictHomePage(BasePage):
    """The home of a district's own page tree, edited by that district's editors."""

    # cms.roles gives the district's editors their rights on this page's subtree.
    district_editors_own_subtree = True

    district = models.ForeignKey(
        "places.District",
        verbose_name=_("Quartier"),
        on_delete=models.PROTECT,
        related_name="home_pages",
    )
    intro = models.TextField(_("Einleitung"), max_length=600, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)
    theme = theme_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("district"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    settings_panels = [*BasePage.settings_panels, FieldPanel("theme")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.PortalHomePage"]
    subpage_types = ["home.StandardPage", "news.NewsIndexPage", "infoscreen.InfoScreenPage"]
    base_form_class = DistrictHomePageForm

    class Meta:
        verbose_name = _("Quartiers-Startseite")
        verbose_name_plural = _("Quartiers-Startseiten")

    def clean(self) -> None:
        super().clean()
        if not self.district_id:
            return
        if error := theme_error(self, self.district.municipality_id):
            raise error
        others = DistrictHomePage.objects.filter(
            district_id=self.district_id, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                {"district": _("Für dieses Quartier gibt es bereits eine Startseite.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = latest_articles(within=self, limit=6)
        context["section_pages"] = self.get_children().live().public().in_menu()
        context.update(
            upcoming_events_context(
                request, portal=tenancy.portal_for_page(self), district=self.district
            )
        )
        return context


class StandardPage(BasePage):
    """An ordinary content page: about us, contact, opening hours, how to take part."""

    intro = models.TextField(_("Einleitung"), max_length=600, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.PortalHomePage", "home.DistrictHomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    base_form_class = MunicipalityMediaPageForm

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")
