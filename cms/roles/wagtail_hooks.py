from django.core.exceptions import PermissionDenied
from wagtail import hooks

from cms.places.viewsets import MUNICIPALITIES_FOR_CHOOSER_HOOK

from .admin_api import ScopedDocumentsAdminAPIViewSet, ScopedImagesAdminAPIViewSet
from .enums import Role
from .media_admin import IN_REACH_BULK_ACTIONS, media_admin_urlpatterns, refuse_restricted_document
from .permissions import municipalities_for_any
from .services import district_editor_calendar_rights_ensure, provider_section_rights_ensure


@hooks.register("after_create_page")
def grant_roles_new_section(request, page):
    """Open a section added later as the roles would have it.

    The page type says which roles it opens to (`role_sections`): news indexes,
    directories and calendars to the providers; calendars also to the district editors.
    """
    sections = getattr(page.specific, "role_sections", ())
    if Role.PROVIDER in sections:
        provider_section_rights_ensure(page)
    if Role.DISTRICT_EDITOR in sections:
        district_editor_calendar_rights_ensure(page)


@hooks.register("before_move_page")
def refuse_move_confirmation_without_permission(request, page, destination):
    """Refuse the move confirmation screen to users who may not make that move.

    Wagtail 8's MoveConfirmView checks permissions only when the move is posted (in
    MovePageAction), so its GET showed any admin user, a provider of another
    municipality included, the title and place of any page, drafts included.
    """
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


# Images and documents belong to a municipality through their collection; these keep
# Wagtail's own screens, its admin API and its document view to the user's collections
# (see media_admin.py and admin_api.py). The orders put them before (URLs, serve check)
# or after (API endpoints, bulk actions replace Wagtail's) Wagtail's own hooks.


@hooks.register("register_admin_urls", order=-100)
def register_media_urls_in_reach():
    return media_admin_urlpatterns()


@hooks.register("construct_admin_api", order=100)
def scope_media_admin_api(router):
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)


for _action_class in IN_REACH_BULK_ACTIONS:
    hooks.register("register_bulk_action", _action_class, order=100)


hooks.register("before_serve_document", refuse_restricted_document, order=-100)


@hooks.register(MUNICIPALITIES_FOR_CHOOSER_HOOK)
def municipalities_worked_for(user):
    """The places choosers offer the towns in which the user holds any role."""
    return municipalities_for_any(user, tuple(Role))
