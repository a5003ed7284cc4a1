"""Feedback on barriers, sent through the accessibility statement's form."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from themes.enums import FeedbackStatus


class AccessibilityFeedback(models.Model):
    """A visitor's report of a barrier; visible only to the municipality's editors."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="accessibility_feedback",
    )
    statement = models.ForeignKey(
        "themes.AccessibilityStatementPage",
        verbose_name=_("Erklärung"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"), max_length=5000)
    name = models.CharField(_("Name"), max_length=120, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    language = models.CharField(_("Sprache"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("Eingegangen am"), auto_now_add=True)
    mailed_at = models.DateTimeField(_("Weitergeleitet am"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    notes = models.TextField(_("Interne Notizen"), blank=True)

    panels = [FieldPanel("status"), FieldPanel("notes")]

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldungen zur Barrierefreiheit")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y} – {self.message[:60]}"
