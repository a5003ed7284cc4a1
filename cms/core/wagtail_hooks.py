from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .bulk_actions import SCOPED_BULK_ACTIONS
from .page_scoping import pages_explorable_by
from .viewsets import ContactViewSet

register_snippet(ContactViewSet)

# Registered after Wagtail's own (order 0), so these take the same action names' place.
for bulk_action in SCOPED_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=100)


@hooks.register("construct_page_chooser_queryset")
def page_chooser_only_own_trees(pages, request):
    """Browse and search offer only the trees the user works on (none to the exchange's
    roles). Wagtail's chooser offers every page of every municipality, drafts included."""
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=pages_explorable_by(request.user).values("pk"))


@hooks.register("construct_explorer_page_queryset")
def explorer_only_own_trees(parent_page, pages, request):
    """The explorer's listings, searches and the sidebar's page menu show only the
    user's own trees, also when they are opened from the root."""
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=pages_explorable_by(request.user).values("pk"))
