"""The start page panel of providers and district editors."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from . import selectors


@dataclass(frozen=True)
class Submission:
    title: str
    kind: str
    state: str
    edit_url: str
    live_url: str | None


def review_state(page) -> str:
    """Where a page stands, in the words of the person who wrote it."""
    status = page.workflow_status
    if status == WorkflowState.STATUS_IN_PROGRESS:
        if page.workflow_task:
            return _("Wird geprüft (%(step)s)") % {"step": page.workflow_task}
        return _("Wird geprüft")
    if status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Zurückgegeben: bitte überarbeiten und erneut einreichen")
    if page.live and page.has_unpublished_changes:
        return _("Veröffentlicht; neue Änderungen noch nicht eingereicht")
    if page.live:
        return _("Veröffentlicht")
    return _("Entwurf, noch nicht eingereicht")


class ContributorStartPanel(Component):
    """Mein Profil, Neue Veranstaltung, Neuer Beitrag, Meine Einreichungen."""

    name = "contributor_start"
    order = 10
    template_name = "workspace/start_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        submissions = [
            Submission(
                title=page.get_admin_display_title(),
                kind=page.content_type.model_class()._meta.verbose_name
                if page.content_type.model_class()
                else "",
                state=review_state(page),
                edit_url=reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                live_url=page.url if page.live else None,
            )
            for page in selectors.submissions(self.user)
        ]
        return {
            "profiles": [
                (profile.title, reverse("wagtailadmin_pages:edit", args=(profile.pk,)))
                for profile in selectors.own_profiles(self.user)
            ],
            "new_events": [
                (
                    calendar.get_parent().title,
                    reverse("wagtailadmin_pages:add", args=("events", "eventpage", calendar.pk)),
                )
                for calendar in selectors.calendars_to_add_to(self.user)
            ],
            "new_articles": [
                (
                    index.get_parent().title,
                    reverse("wagtailadmin_pages:add", args=("news", "articlepage", index.pk)),
                )
                for index in selectors.news_indexes_to_add_to(self.user)
            ],
            "submissions": submissions,
        }

    def render_html(self, parent_context=None):
        return render_to_string(self.template_name, self.get_context_data(parent_context))
