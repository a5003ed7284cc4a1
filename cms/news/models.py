"""News index pages and articles (news and press releases)."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from blocks.blocks import BodyStreamBlock
from cms.core.models import BasePage
from cms.roles.enums import Role
from cms.roles.media_forms import MunicipalityMediaPageForm

from .enums import ArticleKind
from .forms import ArticleFilterForm
from .selectors import ARTICLES_PER_PAGE, articles_for_listing


class NewsIndexPage(BasePage):
    """Lists the articles below it, newest first, filterable by kind and tag."""

    # cms.roles lets the municipality's providers own what they write below every page
    # of this type (see cms/roles/services.py).
    role_sections = (Role.PROVIDER,)

    intro = models.TextField(_("Einleitung"), max_length=600, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.PortalHomePage", "home.DistrictHomePage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = _("Nachrichtenübersicht")
        verbose_name_plural = _("Nachrichtenübersichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ArticleFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        articles = articles_for_listing(
            within=self, kind=filters.get("kind"), tag=filters.get("tag")
        )
        context["filter_form"] = form
        context["articles"] = Paginator(articles, ARTICLES_PER_PAGE).get_page(
            request.GET.get("seite")
        )
        return context


class ArticlePageTag(TaggedItemBase):
    """Links tags (django-taggit) to articles."""

    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(BasePage):
    """A news article or press release of a municipality or a district.

    The district an article belongs to is where it sits in the tree: below a district
    home it is that district's news, below the portal it is the whole municipality's.
    """

    kind = models.CharField(
        _("Art"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.NEWS
    )
    date = models.DateField(_("Datum"), default=timezone.localdate, db_index=True)
    intro = models.TextField(
        _("Vorspann"),
        max_length=600,
        help_text=_("Zwei bis drei Sätze, die sagen, worum es geht."),
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt_text = models.CharField(
        _("Alternativtext des Aufmacherbilds"),
        max_length=250,
        blank=True,
        help_text=_("Pflicht, wenn ein Bild gewählt ist: Was ist auf dem Bild zu sehen?"),
    )
    lead_image_credit = models.CharField(_("Bildnachweis"), max_length=120, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"))
    tags = ClusterTaggableManager(
        through=ArticlePageTag, blank=True, verbose_name=_("Schlagwörter")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("date"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt_text"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Aufmacherbild"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        MultipleChooserPanel(
            "event_links", chooser_field_name="event", label=_("Veranstaltungen zum Artikel")
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = MunicipalityMediaPageForm
    show_in_menus_default = False

    class Meta:
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikel")

    def clean(self) -> None:
        super().clean()
        if self.lead_image_id and not self.lead_image_alt_text.strip():
            raise ValidationError(
                {
                    "lead_image_alt_text": _(
                        "Bitte beschreiben Sie das Bild für Menschen, die es nicht sehen können."
                    )
                }
            )


class ArticleEventLink(Orderable):
    """An event an article is about; the article then appears on the event's page."""

    article = ParentalKey(ArticlePage, related_name="event_links", on_delete=models.CASCADE)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="article_links",
    )

    panels = [FieldPanel("event")]

    class Meta(Orderable.Meta):
        verbose_name = _("Veranstaltung zum Artikel")
        verbose_name_plural = _("Veranstaltungen zum Artikel")
        constraints = [
            models.UniqueConstraint(fields=["article", "event"], name="unique_article_event_link")
        ]
