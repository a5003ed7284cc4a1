"""Writes of translations: a translation reaches the site only through review.

wagtail-localize publishes a translated page from its editor ("Publish in …") and
from "Sync translated pages" ("Publish immediately"). The first checks the publish
right; the second does not, so `views.UpdateTranslationsView` closes that door for
those who may not publish. Everyone else saves the translation as a draft and submits
it to the editorial workflow here, like any other change.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation


class TranslationReviewError(Exception):
    """The translation cannot be submitted; the message says why, in German."""


def translation_for_page(page: Page) -> Translation | None:
    """The active wagtail-localize translation whose target is this page, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def user_may_publish_translations(user, source_page: Page) -> bool:
    """Whether the user may publish every existing translation of the page."""
    translations = source_page.get_translations()
    return all(page.permissions_for_user(user).can_publish() for page in translations)


@transaction.atomic
def translation_submit_for_review(*, page: Page, user) -> WorkflowState:
    """Save the page's translation as a draft revision and start its workflow."""
    page = page.specific
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    translation = translation_for_page(page)
    if translation is None:
        raise TranslationReviewError(_("Diese Seite ist keine Übersetzung."))
    workflow = page.get_workflow()
    if workflow is None:
        raise TranslationReviewError(
            _("Für diese Seite ist keine redaktionelle Prüfung eingerichtet.")
        )
    if page.workflow_in_progress:
        raise TranslationReviewError(_("Diese Übersetzung wird bereits geprüft."))
    translation.save_target(user=user, publish=False)
    page.refresh_from_db()
    return workflow.start(page, user)
