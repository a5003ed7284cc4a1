"""Custom workflow tasks of the editorial review."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

CHECKLIST_FIELDS = ("people_consented", "no_third_party_data", "sources_and_rights_named")


class DataProtectionCheckTaskState(TaskState):
    """Records which points of the data-protection checklist the reviewer confirmed."""

    people_consented = models.BooleanField(_("Einwilligung der Personen bestätigt"), default=False)
    no_third_party_data = models.BooleanField(_("Keine Daten Dritter bestätigt"), default=False)
    sources_and_rights_named = models.BooleanField(
        _("Quellen und Bildrechte bestätigt"), default=False
    )

    class Meta:
        verbose_name = _("Status der Datenschutzprüfung")
        verbose_name_plural = _("Status der Datenschutzprüfungen")


class DataProtectionCheckTask(AbstractGroupApprovalTask):
    """The data-protection check: members of the chosen groups confirm a checklist.

    Approving requires every point of the checklist; requesting changes requires a
    comment, which goes back to the author with the page. While the page is in this
    step only the reviewers may edit it.
    """

    task_state_class = DataProtectionCheckTaskState

    class Meta:
        verbose_name = _("Datenschutzprüfung")
        verbose_name_plural = _("Datenschutzprüfungen")

    @classmethod
    def get_description(cls):
        return _(
            "Mitglieder der gewählten Gruppen bestätigen eine Datenschutz-Checkliste "
            "oder schicken den Beitrag mit einem Kommentar an die Autorin oder den Autor zurück."
        )

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Änderungen anfordern"), True),
                ("approve", _("Datenschutz bestätigen"), True),
            ]
        return []

    def get_form_for_action(self, action):
        # Imported here: Wagtail's admin forms load models at import time.
        from .forms import DataProtectionApprovalForm, RequestChangesForm

        if action == "approve":
            return DataProtectionApprovalForm
        return RequestChangesForm

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # The page editor passes the modal's data back as client-side JSON, so the
        # checklist and the comment are validated again here, not trusted.
        form = self.get_form_for_action(action_name)(data=kwargs)
        if not form.is_valid():
            raise PermissionDenied(form.errors.as_text())
        comment = form.cleaned_data.get("comment", "")
        if action_name == "approve":
            task_state = task_state.specific
            for field in CHECKLIST_FIELDS:
                setattr(task_state, field, True)
            task_state.save(update_fields=CHECKLIST_FIELDS)
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)


# Reports --------------------------------------------------------------------------------


class ReportReason(models.TextChoices):
    """Why a member reports something; "other" asks for the free text."""

    PERSONAL_DATA = "personal_data", _("Enthält Telefonnummer, Adresse oder E-Mail")
    OFFENSIVE = "offensive", _("Beleidigend oder verletzend")
    SPAM = "spam", _("Werbung oder Spam")
    FRAUD = "fraud", _("Betrug oder unseriös")
    DANGEROUS = "dangerous", _("Gefährlich oder verboten")
    OTHER = "other", _("Etwas anderes")


class ReportState(models.TextChoices):
    OPEN = "open", _("Offen")
    DECIDED = "decided", _("Entschieden")


class ReportDecision(models.TextChoices):
    """What a moderator decided about reported content."""

    REMOVE = "remove", _("Entfernt")
    KEEP = "keep", _("Bleibt sichtbar")
    WARN = "warn", _("Verwarnt")
    BLOCK = "block", _("Gesperrt")


class Report(models.Model):
    """A member's report of a listing, a message or a member (any registered model).

    Generic through a content type and an object id, so that events and articles can be
    reported later by registering them (moderation.reports.register). Each member
    reports one object once. Who reported is shown to the municipality's admins only;
    the reported member never learns it.
    """

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("Art"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("Nummer"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Gemeldet von"),
        on_delete=models.CASCADE,
        related_name="reports_made",
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("Beschreibung"), max_length=1000, blank=True)
    state = models.CharField(
        _("Stand"), max_length=20, choices=ReportState.choices, default=ReportState.OPEN
    )
    decision = models.CharField(
        _("Entscheidung"), max_length=20, choices=ReportDecision.choices, blank=True
    )
    decision_reason = models.TextField(_("Begründung der Entscheidung"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Entschieden von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Gemeldet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"], name="one_report_per_reporter"
            )
        ]
        indexes = [models.Index(fields=["content_type", "state", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.content_type.name} {self.object_id})"


class ReportKeep(models.Model):
    """A moderator decided to keep reported content: reports do not hide it again
    until the content is edited (then this row is deleted)."""

    municipality = models.ForeignKey(
        "places.Municipality", verbose_name=_("Kommune"), on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("Art"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("Nummer"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Entschieden von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Entschieden am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Entscheidung „bleibt sichtbar“")
        verbose_name_plural = _("Entscheidungen „bleibt sichtbar“")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_keep_per_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"
