"""Admin views around wagtail-localize that keep translations under review.

`SubmitPageTranslationView`, `UpdateTranslationsView` and `convert_to_alias` take the
place of wagtail-localize's own views of the same address (see wagtail_hooks.py): they
add the object-level checks those views lack.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.views import convert, report, submit_translations, update_translations
from wagtail_localize.views.edit_translation import user_can_edit_instance as _may_edit_type

from cms.core.models import Contact
from cms.core.page_scoping import pages_explorable_by

from .services import (
    TranslationReviewError,
    translation_for_page,
    translation_submit_for_review,
    user_may_publish_translations,
)


def user_can_edit_instance(user, instance) -> bool:
    """wagtail-localize's check, plus the snippet's own permission policy for the object.

    wagtail-localize checks snippets by model permission only, so a municipality's
    editorial team could translate (and so create rows for) another town's contacts.
    """
    if not _may_edit_type(user, instance):
        return False
    if isinstance(instance, Page):
        return True
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_permission_for_instance(user, "change", instance)


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    """Translate only pages one may edit (the original checks the model permission only)."""

    def get_object(self):
        page = super().get_object()
        if not page.permissions_for_user(self.request.user).can_edit():
            raise PermissionDenied
        return page


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    """Translate only snippets one may change: a snippet has no draft, so its translation
    is saved live at once (the original checks the translate permission only)."""

    def get_object(self):
        snippet = super().get_object()
        if not user_can_edit_instance(self.request.user, snippet):
            raise PermissionDenied
        return snippet


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages": "Publish immediately" only for those who may publish."""

    def get_form(self):
        form = super().get_form()
        source = self.object.get_source_instance()
        if isinstance(source, Page) and not user_may_publish_translations(
            self.request.user, source
        ):
            field = form.fields["publish_translations"]
            field.disabled = True
            field.help_text = _(
                "Übersetzungen gehen nach der redaktionellen Prüfung online. Reichen Sie "
                "die aktualisierte Übersetzung auf ihrer Seite zur Prüfung ein."
            )
        return form

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(
            update_translations.TranslationSource, id=kwargs["translation_source_id"]
        ).get_source_instance()
        # Pages: the edit right (publishing is held back in get_form). Snippets: the
        # change right, since syncing saves their translations live.
        if not user_can_edit_instance(request.user, source):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def convert_to_alias(request, page_id: int):
    """ "Convert to alias" only for those who may publish the translation: the alias takes
    the original's live state at once (wagtail-localize checks the edit right only)."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def submit_for_review(request, page_id: int):
    """Confirm, then save a translation as a draft and hand it to the editorial workflow."""
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if translation_for_page(page) is None:
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST":
        try:
            translation_submit_for_review(page=page, user=request.user)
        except TranslationReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "„%s“ ist zur Prüfung eingereicht. "
                    "Nach der Freigabe geht die Übersetzung online."
                )
                % page.get_admin_display_title(),
            )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "translations/submit_for_review.html",
        {"page": page, "edit_url": edit_url},
    )


class TranslationsReportView(report.TranslationsReportView):
    """The translations report, of the user's own pages and contacts only.

    wagtail-localize's report lists every translation of every municipality with its
    title, drafts included.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return queryset
        own_pages = pages_explorable_by(user).values_list("translation_key", flat=True)
        own_contacts = (
            policy_registry.get_by_type(Contact)
            .instances_user_has_any_permission_for(user, ("change", "view"))
            .values_list("translation_key", flat=True)
        )
        own_keys = [str(key) for key in (*own_pages, *own_contacts)]
        return queryset.filter(source__object_id__in=own_keys)
