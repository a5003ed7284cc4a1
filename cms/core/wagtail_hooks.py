from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import BaseViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.wagtail_hooks import require_wagtail_login

from .autosave import autosaved_page_remember, continue_on_autosaved_page
from .bulk_actions import SCOPED_BULK_ACTIONS
from .page_scoping import pages_explorable_by
from .view_restrictions import (
    resident_refused_from_page,
    restriction_admits,
    user_is_staff_account,
)
from .viewsets import ContactViewSet

register_snippet(ContactViewSet)

# Wagtail 8's autosave creates a new page before the editor saves it (see autosave.py).
hooks.register("after_create_page", autosaved_page_remember)
hooks.register("before_create_page", continue_on_autosaved_page)


@hooks.register("before_serve_page")
def refuse_residents_on_staff_pages(page, request, serve_args, serve_kwargs):
    """A "logged-in users" page sends a resident account where it sends anonymous
    visitors: to the sign-in. Wagtail's own check (on_serve_page) runs afterwards and
    handles passwords and groups as before."""
    if resident_refused_from_page(page, request):
        response = require_wagtail_login(next=request.get_full_path())
        add_never_cache_headers(response)
        return response
    return None


@hooks.register("before_serve_document")
def refuse_residents_on_staff_documents(document, request):
    """The same rule for documents in a collection restricted to "logged-in users"."""
    if not request.user.is_authenticated or user_is_staff_account(request.user):
        return None  # Wagtail's own check refuses anonymous visitors; staff pass.
    for restriction in document.collection.get_view_restrictions():
        if restriction.restriction_type != BaseViewRestriction.LOGIN:
            continue
        if not restriction_admits(restriction, request):
            response = require_wagtail_login(next=request.get_full_path())
            add_never_cache_headers(response)
            return response
    return None


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


@hooks.register("insert_editor_js")
def named_editor_fields_js():
    """Names Draftail's and the tag input's text boxes by their field's label."""
    return format_html('<script src="{}"></script>', static("core/js/named-editor-fields.js"))
