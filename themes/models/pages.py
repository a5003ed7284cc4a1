"""The portal's accessibility pages: the statement with its feedback form, the start
page in Leichte Sprache and the sign-language page. One of each per portal; the footer
of every page links to them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site
from wagtail.search import index

from blocks.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from cms.core.models import BasePage
from themes.admin_forms import AccessibilityStatementPageForm
from themes.blocks import SignLanguageStreamBlock
from themes.enums import AssessmentMethod, ConformanceStatus

FEEDBACK_SENT_PARAMETER = "gesendet"


class PortalServicePage(BasePage):
    """A page that exists once directly below each portal."""

    parent_page_types = ["home.PortalHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    show_in_menus_default = False

    class Meta:
        abstract = True


class AccessibilityStatementPage(PortalServicePage):
    """Erklärung zur Barrierefreiheit, structured as BITV 2.0 asks, with a feedback form.

    Feedback is stored first and then mailed to the contact, so nothing a visitor
    wrote is lost when mail fails.
    """

    conformance_status = models.CharField(
        _("Stand der Vereinbarkeit"),
        max_length=20,
        choices=ConformanceStatus.choices,
        default=ConformanceStatus.PARTIAL,
    )
    conformance_text = RichTextField(
        _("Erläuterung zum Stand der Vereinbarkeit"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Welche Anforderungen (BITV 2.0, WCAG 2.1 AA) die Website erfüllt."),
    )
    non_accessible_content = RichTextField(
        _("Nicht barrierefreie Inhalte"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Welche Inhalte nicht barrierefrei sind, warum, und welche Alternativen es gibt."
        ),
    )
    prepared_on = models.DateField(_("Erklärung erstellt am"))
    reviewed_on = models.DateField(_("Zuletzt überprüft am"), null=True, blank=True)
    assessment_method = models.CharField(
        _("Grundlage der Erklärung"),
        max_length=20,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    assessment_text = RichTextField(
        _("Erläuterung zur Erstellung"), features=RICH_TEXT_FEATURES, blank=True
    )
    contact = models.ForeignKey(
        "core.Contact",
        verbose_name=_("Kontaktstelle für Rückmeldungen"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Rückmeldungen aus dem Formular gehen an die E-Mail-Adresse dieser Stelle."),
    )
    feedback_intro = RichTextField(
        _("Text zu Feedback und Kontakt"), features=RICH_TEXT_FEATURES, blank=True
    )
    enforcement_text = RichTextField(
        _("Schlichtungsverfahren"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Die zuständige Schlichtungs- oder Durchsetzungsstelle mit Anschrift."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("conformance_status"), FieldPanel("conformance_text")],
            heading=_("Stand der Vereinbarkeit"),
        ),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("assessment_method"),
                FieldPanel("assessment_text"),
            ],
            heading=_("Erstellung dieser Erklärung"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact"), FieldPanel("feedback_intro")],
            heading=_("Feedback und Kontakt"),
        ),
        FieldPanel("enforcement_text"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("conformance_text"),
        index.SearchField("non_accessible_content"),
    ]

    template = "themes/accessibility_statement_page.html"
    base_form_class = AccessibilityStatementPageForm

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärungen zur Barrierefreiheit")

    def clean(self) -> None:
        super().clean()
        if self.contact_id and not self.contact.email:
            raise ValidationError(
                {"contact": _("Die Kontaktstelle braucht eine E-Mail-Adresse für Rückmeldungen.")}
            )

    def get_context(self, request, *args, **kwargs):
        # The empty feedback form belongs to the context, not only to serve(): the
        # admin's preview renders the page from get_context() alone.
        from themes.forms import AccessibilityFeedbackForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = AccessibilityFeedbackForm(
            initial={"page_url": request.GET.get("seite", "")[:500]}
        )
        context["feedback_sent"] = request.GET.get(FEEDBACK_SENT_PARAMETER) == "1"
        return context

    def serve(self, request, *args, **kwargs):
        from cms.core.idempotency import Submission
        from themes.forms import AccessibilityFeedbackForm
        from themes.services import accessibility_feedback_submit

        context = self.get_context(request, *args, **kwargs)
        if request.method == "POST":
            form = AccessibilityFeedbackForm(request.POST)
            if form.is_valid():
                sent = f"{self.get_url(request)}?{FEEDBACK_SENT_PARAMETER}=1#feedback-heading"
                # One mail per form, however often it is sent (double click, reload).
                with Submission(request, f"themes.accessibility_feedback.{self.pk}") as once:
                    if once.repeated:
                        return once.repeated_redirect(default=sent)
                    accessibility_feedback_submit(
                        statement=self, data=form.cleaned_data, language=get_language()
                    )
                    return once.finish(redirect(sent))
            context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)


class EasyLanguageIndexPage(PortalServicePage):
    """Start page in Leichte Sprache: explains the site and lists the pages in easy
    language below the portal."""

    intro = models.TextField(_("Einleitung"), max_length=600, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    template = "themes/easy_language_index_page.html"

    class Meta:
        verbose_name = _("Startseite Leichte Sprache")
        verbose_name_plural = _("Startseiten Leichte Sprache")

    def save(self, *args, **kwargs):
        # The start page is written in easy language by definition.
        self.is_easy_language = True
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from themes.selectors import easy_language_pages

        context = super().get_context(request, *args, **kwargs)
        site = self.get_site() or Site.find_for_request(request)
        context["easy_language_pages"] = (
            easy_language_pages(site=site, locale_id=self.locale_id).exclude(pk=self.pk).specific()
        )
        return context


class SignLanguagePage(PortalServicePage):
    """Information in German Sign Language (DGS): videos with captions and transcripts."""

    intro = models.TextField(_("Einleitung"), max_length=600, blank=True)
    videos = StreamField(SignLanguageStreamBlock(), verbose_name=_("Videos"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("videos")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    template = "themes/sign_language_page.html"

    class Meta:
        verbose_name = _("Seite Gebärdensprache")
        verbose_name_plural = _("Seiten Gebärdensprache")
