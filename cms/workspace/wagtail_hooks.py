"""Providers and district editors get their own start page instead of the page tree."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem

from .panels import ContributorStartPanel
from .selectors import is_contributor


def _is_contributor(request) -> bool:
    if not hasattr(request, "_quartier_is_contributor"):
        request._quartier_is_contributor = is_contributor(request.user)
    return request._quartier_is_contributor


@hooks.register("construct_homepage_panels", order=1000)
def contributor_start_page(request, panels):
    if _is_contributor(request):
        panels[:] = [ContributorStartPanel(request.user)]


@hooks.register("construct_homepage_summary_items", order=1000)
def no_site_summary_for_contributors(request, summary_items):
    """The counts of all pages, images and documents say nothing to a provider."""
    if _is_contributor(request):
        summary_items.clear()


@hooks.register("construct_main_menu")
def no_page_tree_for_contributors(request, menu_items):
    """The start page links everything a contributor edits; the whole tree confuses."""
    if _is_contributor(request):
        menu_items[:] = [item for item in menu_items if item.name != "explorer"]


class EditorialSubmitMenuItem(SubmitForModerationMenuItem):
    """Wagtail says "In <workflow name> einreichen"; we say what happens."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page and page.pk else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Erneut zur redaktionellen Prüfung einreichen")
        else:
            context["label"] = _("Zur redaktionellen Prüfung einreichen")
        return context


@hooks.register("construct_page_action_menu")
def editorial_submit_label(menu_items, request, context):
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = EditorialSubmitMenuItem(order=item.order)
