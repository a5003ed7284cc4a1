"""The info screen (Infobildschirm) of a district centre, shown in its window.

An editor of the district creates an `InfoScreenPage` below the district's home page
and opens its address in a browser in kiosk mode. The page cycles through the
district's upcoming events, its latest news and the page's own info boxes, in very
large type, reloads itself every few minutes and needs no touch, mouse or JavaScript.

The info boxes are text on the page rather than a separate "Infokasten" model: each
screen belongs to one district centre, whose editors write for it, and as page content
the boxes get revisions, the editorial review (including the data-protection check),
preview and scheduled publishing without anything new to learn or administer.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField

from cms.core import response_cache, tenancy
from cms.core.models import BasePage

from .blocks import InfoBoxBlock
from .selectors import district_news, upcoming_occurrences
from .slides import Cycle, clock_for, slides_for


def _bounded(low: int, high: int) -> list:
    return [MinValueValidator(low), MaxValueValidator(high)]


class InfoScreenPage(BasePage):
    """A kiosk page for a district centre: upcoming events, news and info boxes."""

    days_ahead = models.PositiveSmallIntegerField(
        _("Veranstaltungen der nächsten Tage"),
        default=7,
        validators=_bounded(1, 31),
        help_text=_("Wie viele Tage im Voraus Termine gezeigt werden (1 bis 31)."),
    )
    max_events = models.PositiveSmallIntegerField(
        _("Höchstens so viele Termine"), default=8, validators=_bounded(1, 24)
    )
    max_news = models.PositiveSmallIntegerField(
        _("Höchstens so viele Nachrichten"), default=3, validators=_bounded(0, 10)
    )
    seconds_per_slide = models.PositiveSmallIntegerField(
        _("Sekunden je Anzeige"),
        default=15,
        validators=_bounded(5, 120),
        help_text=_("So lange bleibt jede Anzeige stehen, bevor die nächste kommt."),
    )
    refresh_minutes = models.PositiveSmallIntegerField(
        _("Neu laden alle … Minuten"),
        default=5,
        validators=_bounded(1, 60),
        help_text=_("Danach holt sich der Bildschirm die aktuellen Termine und Nachrichten."),
    )
    info_boxes = StreamField(
        [("info_box", InfoBoxBlock())],
        verbose_name=_("Infokästen"),
        blank=True,
        help_text=_(
            "Öffnungszeiten, Hinweise, Ansprechpartner – jeder Kasten wird eine eigene "
            "Anzeige. Keine personenbezogenen Daten ohne Einwilligung."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("days_ahead"), FieldPanel("max_events")]),
                FieldPanel("max_news"),
            ],
            heading=_("Inhalte"),
        ),
        FieldPanel("info_boxes"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("seconds_per_slide"), FieldPanel("refresh_minutes")])],
            heading=_("Anzeige"),
        ),
    ]

    parent_page_types = ["home.DistrictHomePage"]
    subpage_types = []
    show_in_menus_default = False

    class Meta:
        verbose_name = _("Infobildschirm")
        verbose_name_plural = _("Infobildschirme")

    def get_sitemap_urls(self, request=None):
        # A screen for a shop window, not a page for search engines.
        return []

    def serve(self, request, *args, **kwargs):
        # The screen shows the clock and the next hours' events, which change with the
        # time of day, not with the content version: never from the response cache.
        return response_cache.not_cached(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        from cms.home.models import DistrictHomePage

        context = super().get_context(request, *args, **kwargs)
        district_home = (
            DistrictHomePage.objects.ancestor_of(self).select_related("district").first()
        )
        # Events come from the site's own tree, one calendar for all languages; a
        # translated screen differs in its texts and links only.
        portal = tenancy.portal_for_request(request)
        occurrences = upcoming_occurrences(
            portal=portal,
            district=district_home.district,
            now=timezone.now(),
            days=self.days_ahead,
            limit=self.max_events,
        )
        articles = (
            district_news(district_home=district_home, limit=self.max_news) if self.max_news else []
        )
        slides = slides_for(occurrences=occurrences, articles=articles, info_boxes=self.info_boxes)
        cycle = Cycle(slide_count=len(slides), seconds_per_slide=self.seconds_per_slide)
        context.update(
            district_home=district_home,
            district=district_home.district,
            slides=slides,
            timed_slides=list(zip(slides, cycle.delays, strict=True)),
            cycle=cycle,
            clock=clock_for(self.refresh_minutes),
            refresh_seconds=self.refresh_minutes * 60,
        )
        return context
