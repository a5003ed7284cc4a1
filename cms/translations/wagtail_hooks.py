"""Admin hooks of the translation review.

The first six URL patterns below have the same paths as wagtail-localize's submit
(page, snippet), update, convert-to-alias and translations report views and are registered first
(order=-1), so they answer instead.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import views
from .services import translation_for_page


@hooks.register("register_admin_urls", order=-1)
def register_translation_review_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.SubmitPageTranslationView.as_view(),
            name="translations_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.SubmitSnippetTranslationView.as_view(),
            name="translations_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.UpdateTranslationsView.as_view(),
            name="translations_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            views.convert_to_alias,
            name="translations_convert_to_alias",
        ),
        path(
            "localize/reports/translations/",
            views.TranslationsReportView.as_view(),
            name="translations_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            views.TranslationsReportView.as_view(results_only=True),
            name="translations_translations_report_results",
        ),
        path(
            "translations/<int:page_id>/submit-for-review/",
            views.submit_for_review,
            name="translations_submit_for_review",
        ),
    ]


def submit_for_review_button(page, user, view_name=None, next_url=None):
    """Shown on translated pages for those who may edit but not publish them."""
    permissions = page.permissions_for_user(user)
    if (
        permissions.can_edit()
        and not permissions.can_publish()
        and not page.workflow_in_progress
        and translation_for_page(page) is not None
    ):
        yield Button(
            _("Übersetzung zur Prüfung einreichen"),
            reverse("translations_submit_for_review", args=[page.pk]),
            icon_name="resubmit",
            priority=55,
        )


hooks.register("register_page_header_buttons", submit_for_review_button)
hooks.register("register_page_listing_more_buttons", submit_for_review_button)
