from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .enums import Role
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
