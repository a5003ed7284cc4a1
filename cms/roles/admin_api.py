"""The admin API's document and image endpoints, narrowed to what the user may choose.

Wagtail's admin API (`/admin/api/main/documents/`, `/admin/api/main/images/`) is not
permission-filtered: any admin account listed every file of every municipality with its
download link. The admin's own JavaScript uses only the pages endpoint, but the admin
templates reverse these URLs, so they stay and answer with the files the user may
choose in the chooser (collection rights, which `setup_roles` grants per municipality).
A foreign id gives 404.
"""

from rest_framework.authentication import SessionAuthentication
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

VISIBLE_ACTIONS = ["choose", "change"]


class AdminSessionMixin:
    """Signs the request in through the admin session, as Wagtail's pages endpoint does.

    Wagtail's document and image admin endpoints take DRF's default authentication,
    which the public REST API (cms.api) sets to none, so `request.user` would be None.
    """

    authentication_classes = [SessionAuthentication]


class ScopedDocumentsAdminAPIViewSet(AdminSessionMixin, DocumentsAdminAPIViewSet):
    """Documents the user may choose or change; view restrictions still apply."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        visible = policy.instances_user_has_any_permission_for(self.request.user, VISIBLE_ACTIONS)
        return super().get_queryset().filter(pk__in=visible.values("pk"))


class ScopedImagesAdminAPIViewSet(AdminSessionMixin, ImagesAdminAPIViewSet):
    """Images the user may choose or change."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        visible = policy.instances_user_has_any_permission_for(self.request.user, VISIBLE_ACTIONS)
        return super().get_queryset().filter(pk__in=visible.values("pk"))
