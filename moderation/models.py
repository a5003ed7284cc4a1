"""Custom workflow tasks of the editorial review."""

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
