from django.core.exceptions import PermissionDenied
from wagtail import hooks

from cms.events.models import EventIndexPage
from cms.news.models import NewsIndexPage
from cms.providers.models import ProviderIndexPage

from .services import provider_section_rights_ensure


@hooks.register("after_create_page")
def grant_providers_new_section(request, page):
    """A news index, directory or calendar added later is open to the providers too."""
    if isinstance(page.specific, NewsIndexPage | ProviderIndexPage | EventIndexPage):
        provider_section_rights_ensure(page)


@hooks.register("before_move_page")
def refuse_move_confirmation_without_permission(request, page, destination):
    """Refuse the move confirmation screen to users who may not make that move.

    Wagtail 8's MoveConfirmView checks permissions only when the move is posted (in
    MovePageAction), so its GET showed any admin user, a provider of another
    municipality included, the title and place of any page, drafts included.
    """
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
