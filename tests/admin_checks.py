"""Assertions about Wagtail admin responses and about what a request left in the database."""

from dataclasses import dataclass

from django.contrib.messages import ERROR, get_messages
from django.urls import reverse
from wagtail.models import Page, Revision


def assert_permission_denied(response) -> None:
    """Wagtail's answer to PermissionDenied: back to the dashboard with an error message.

    (`wagtail.admin.auth.require_admin_access` turns PermissionDenied into this redirect
    for ordinary requests; only XMLHttpRequests get a bare 403.)
    """
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")
    errors = [m for m in get_messages(response.wsgi_request) if m.level == ERROR]
    assert errors, "no permission-denied message was shown"


@dataclass(frozen=True)
class PageSnapshot:
    """What a forbidden request must not change about a page and the tree around it."""

    title: str
    draft_title: str
    slug: str
    path: str
    live: bool
    locked: bool
    owner_id: int | None
    latest_revision_id: int | None
    live_revision_id: int | None
    has_unpublished_changes: bool
    view_restriction_count: int
    page_count: int
    revision_count: int

    @classmethod
    def take(cls, page: Page) -> "PageSnapshot":
        page = Page.objects.get(pk=page.pk)
        return cls(
            title=page.title,
            draft_title=page.draft_title,
            slug=page.slug,
            path=page.path,
            live=page.live,
            locked=page.locked,
            owner_id=page.owner_id,
            latest_revision_id=page.latest_revision_id,
            live_revision_id=page.live_revision_id,
            has_unpublished_changes=page.has_unpublished_changes,
            view_restriction_count=page.view_restrictions.count(),
            page_count=Page.objects.count(),
            revision_count=Revision.objects.count(),
        )


def assert_refused(response) -> None:
    """Refused either way: 404 where the page lies outside every tree the user holds
    rights on (cms.core.page_scoping), Wagtail's permission-denied redirect otherwise."""
    if response.status_code == 404:
        return
    assert_permission_denied(response)
