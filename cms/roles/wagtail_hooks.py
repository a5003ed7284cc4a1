from django.core.exceptions import PermissionDenied
from wagtail import hooks

from cms.events.models import EventIndexPage
from cms.news.models import NewsIndexPage
from cms.providers.models import ProviderIndexPage

from .services import district_editor_calendar_rights_ensure, provider_section_rights_ensure


@hooks.register("after_create_page")
def grant_roles_new_section(request, page):
    """Open a section added later as the roles would have it.

    News indexes, directories and calendars to the providers; calendars also to the
    district editors.
    """
    if isinstance(page.specific, NewsIndexPage | ProviderIndexPage | EventIndexPage):
        provider_section_rights_ensure(page)
    if isinstance(page.specific, EventIndexPage):
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
