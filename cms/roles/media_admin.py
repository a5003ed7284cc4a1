"""Tenancy of images and documents in Wagtail's own admin screens.

Wagtail's image and document screens check collection rights, which `setup_roles`
grants per municipality, but answer 403 for a file of another municipality (telling
that it exists) and list foreign files by title on bulk-action confirmations. Here:

- every admin URL of Wagtail's image and document apps that takes an id is wrapped so
  that a file outside every collection the user holds a right on answers 404 before
  Wagtail's view runs. The wrapped patterns are generated from Wagtail's own URL
  modules, so a URL added by a Wagtail upgrade is covered without anyone remembering;
- bulk actions leave files out of reach off their confirmation screens;
- a document in a collection closed to the user by a group restriction (the private
  collection of signed consent forms) answers 404 on `/documents/<id>/<filename>`
  instead of Wagtail's redirect to a sign-in page.
"""

from functools import wraps

from django.http import Http404
from django.urls import path
from wagtail.documents import admin_urls as document_admin_urls
from wagtail.documents import get_document_model
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.documents.views.chooser import viewset as document_chooser_viewset
from wagtail.images import admin_urls as image_admin_urls
from wagtail.images import get_image_model
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.images.views.chooser import viewset as image_chooser_viewset
from wagtail.models import BaseViewRestriction
from wagtail.permissions import policy_registry

# Any right on a collection puts its files in reach; whether the user may do the one
# thing asked (edit someone else's upload, say) is then Wagtail's own check.
REACH_ACTIONS = ["add", "change", "delete", "choose"]
ID_KWARGS = ("document_id", "doc_id", "image_id", "pk")


def collections_in_reach(user, model):
    """The collections in which the user holds any right on the model's files."""
    policy = policy_registry.get_by_type(model)
    return policy.collections_user_has_any_permission_for(user, REACH_ACTIONS)


def media_in_reach(user, model, pk) -> bool:
    """Whether the file exists for the user: superusers, or a collection they work in."""
    if user.is_superuser:
        return True
    return (
        model.objects.filter(pk=pk, collection__in=collections_in_reach(user, model))
        .values("pk")
        .exists()
    )


def _in_reach_or_404(view, model):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        pk = next((kwargs[name] for name in ID_KWARGS if name in kwargs), None)
        if pk is not None and request.user.is_authenticated:
            try:
                in_reach = media_in_reach(request.user, model, pk)
            except (TypeError, ValueError):
                in_reach = False
            if not in_reach:
                raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _wrapped_patterns(prefix: str, patterns, model) -> list:
    return [
        path(prefix + str(pattern.pattern), _in_reach_or_404(pattern.callback, model))
        for pattern in patterns
        if any(
            f"<int:{name}>" in str(pattern.pattern) or f"<str:{name}>" in str(pattern.pattern)
            for name in ID_KWARGS
        )
    ]


def media_admin_urlpatterns() -> list:
    """Wagtail's image and document admin URLs that take an id, each checked for reach.

    Registered before Wagtail's own (same paths, no names), so they answer first while
    `reverse()` keeps giving Wagtail's URLs.
    """
    document_model, image_model = get_document_model(), get_image_model()
    return [
        *_wrapped_patterns("documents/", document_admin_urls.urlpatterns, document_model),
        *_wrapped_patterns("images/", image_admin_urls.urlpatterns, image_model),
        *_wrapped_patterns(
            f"{document_chooser_viewset.url_prefix}/",
            document_chooser_viewset.get_urlpatterns(),
            document_model,
        ),
        *_wrapped_patterns(
            f"{image_chooser_viewset.url_prefix}/",
            image_chooser_viewset.get_urlpatterns(),
            image_model,
        ),
    ]


class InReachBulkActionMixin:
    """Leaves files of other municipalities off a bulk action's confirmation screen."""

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        if self.request.user.is_superuser:
            return objects, context
        reach = set(
            collections_in_reach(self.request.user, self.model).values_list("pk", flat=True)
        )
        context["items_with_no_access"] = [
            item for item in context["items_with_no_access"] if item.collection_id in reach
        ]
        return objects, context


def _in_reach_variant(action_class):
    return type(action_class.__name__, (InReachBulkActionMixin, action_class), {})


IN_REACH_BULK_ACTIONS = [
    _in_reach_variant(action_class)
    for action_class in (
        document_bulk_actions.AddTagsBulkAction,
        document_bulk_actions.AddToCollectionBulkAction,
        document_bulk_actions.DeleteBulkAction,
        image_bulk_actions.AddTagsBulkAction,
        image_bulk_actions.AddToCollectionBulkAction,
        image_bulk_actions.DeleteBulkAction,
    )
]


def refuse_restricted_document(document, request) -> None:
    """404 for a document whose collection a group restriction closes to this request.

    Wagtail would redirect to a sign-in page, which tells that the file exists and
    sends residents and other towns' editors in a circle.
    """
    for restriction in document.collection.get_view_restrictions():
        if restriction.restriction_type == BaseViewRestriction.GROUPS and not (
            restriction.accept_request(request)
        ):
            raise Http404
