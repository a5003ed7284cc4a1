"""Row-level scoping for Wagtail admin viewsets.

Wagtail's generic admin views check model-level permissions only and fetch objects
from the model's default manager, so a viewset that must show each user only their
own municipality's rows narrows every one of its views here. A foreign id then gives
404 on the index, edit, delete, history and usage views alike.
"""

from django.db.models import QuerySet
from django.http import Http404

VIEW_CLASS_ATTRIBUTES = (
    "index_view_class",
    "add_view_class",
    "edit_view_class",
    "delete_view_class",
    "history_view_class",
    "usage_view_class",
    "inspect_view_class",
    "copy_view_class",
)


class ScopedQuerysetMixin:
    """Applies the viewset's `scope_queryset(request, queryset)` to a generic view."""

    scope_queryset = None

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if queryset.model is not self.model:
            return queryset  # the history view lists log entries; get_object() scopes its object
        return self.scope_queryset(self.request, queryset)

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(super(), "get_base_queryset") or queryset.model is not self.model:
            return queryset  # listing views: already scoped in get_base_queryset
        return self.scope_queryset(self.request, queryset)

    def get_object(self, *args, **kwargs):
        # The inspect and copy views fetch their object from the model directly,
        # bypassing get_queryset, so the scope is checked here once more. (The history
        # and usage views' get_object() takes no queryset argument.)
        obj = super().get_object(*args, **kwargs)
        in_scope = self.scope_queryset(self.request, self.model._default_manager.filter(pk=obj.pk))
        if not in_scope.exists():
            raise Http404
        return obj


class ScopedViewSetMixin:
    """Mix into a ModelViewSet and implement `scope_queryset(request, queryset)`."""

    def scope_queryset(self, request, queryset: QuerySet) -> QuerySet:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for attribute in VIEW_CLASS_ATTRIBUTES:
            view_class = getattr(self, attribute, None)
            if view_class is None:
                continue
            scoped = type(
                f"Scoped{view_class.__name__}",
                (ScopedQuerysetMixin, view_class),
                {"scope_queryset": staticmethod(self.scope_queryset)},
            )
            setattr(self, attribute, scoped)
