"""Saving a new page after Wagtail 8's autosave has already created it.

Autosave posts the half-filled create form in the background (a request that does not
accept HTML) and the create view makes the page. Until the browser has switched the
form over to that page's edit view, the editor's own "Speichern" posts the same create
form again: a second page with the same slug, refused (or, with both requests at once,
a server error). So the create view remembers, per session, which new page autosave
made under which parent; a later post of the create form for that parent and type with
the same slug goes to the edit view of that page instead, which saves (or autosaves)
it like any later change.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page

SESSION_KEY = "quartier_autosaved_new_pages"


def _is_autosave(request) -> bool:
    # As Wagtail's views tell them apart (`expects_json_response`).
    return not request.accepts("text/html")


def _key(parent_page, page_class) -> str:
    return f"{parent_page.pk}:{page_class._meta.label_lower}"


def autosaved_page_remember(request, page) -> None:
    """After a create by autosave: note the new page for the session (after_create_page)."""
    if not _is_autosave(request) or not hasattr(request, "session"):
        return
    parent = page.get_parent()
    if parent is None:
        return
    remembered = dict(request.session.get(SESSION_KEY, {}))
    remembered[_key(parent, type(page))] = page.pk
    request.session[SESSION_KEY] = remembered


def autosaved_page_for(request, parent_page, page_class):
    """The draft that autosave created from this very form, if the post is for it."""
    if request.method != "POST" or not hasattr(request, "session"):
        return None
    key = _key(parent_page, page_class)
    page_id = request.session.get(SESSION_KEY, {}).get(key)
    if page_id is None:
        return None
    page = (
        Page.objects.child_of(parent_page)
        .filter(
            pk=page_id,
            owner=request.user,
            live=False,
            content_type=ContentType.objects.get_for_model(page_class),
        )
        .first()
    )
    if page is None or page.slug != request.POST.get("slug", ""):
        # Gone, published or another new page (its own slug): a create of its own.
        return None
    return page


def continue_on_autosaved_page(request, parent_page, page_class):
    """A create post for a page autosave already made is that page's edit (before_create_page)."""
    page = autosaved_page_for(request, parent_page, page_class)
    if page is None:
        return None
    if not _is_autosave(request):
        # The editor saved on purpose: from now on the form is that page's edit form.
        remembered = dict(request.session.get(SESSION_KEY, {}))
        remembered.pop(_key(parent_page, page_class), None)
        request.session[SESSION_KEY] = remembered
    return EditView.as_view()(request, page_id=page.pk)
