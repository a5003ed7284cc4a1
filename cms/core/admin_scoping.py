"""Row-level scoping for Wagtail admin viewsets.

Wagtail's generic admin views check model-level permissions only and fetch objects
from the model's default manager, so a viewset that must show each user only their
own municipality's rows narrows every one of its views here. A foreign id then gives
404 on the index, edit, delete, history and usage views alike.
"""

from django.contrib.admin.utils import unquote
from django.db.models import Q, QuerySet
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

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
        # The copy and inspect views fetch their object from the model directly,
        # bypassing get_queryset, and the copy view asks the permission policy first
        # (a 403 rather than 404), so the scope is checked before anything else.
        # (Some views take no queryset argument; the create view has no object.)
        pk = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        if pk is not None:
            candidates = self.model._default_manager.filter(pk=unquote(str(pk)))
            if not self.scope_queryset(self.request, candidates).exists():
                raise Http404
        return super().get_object(*args, **kwargs)


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


class MunicipalityOwnedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions narrowed to the rows of the municipalities a user works for.

    Wagtail's ModelPermissionPolicy grants an action on every row once the user holds
    the model permission; here the user also needs to work for the row's municipality
    (`municipality_field`). A row without municipality is platform-wide: only
    superusers act on it, except for the `shared_actions` (choosing a platform-wide
    contact for a page is fine for everyone who may choose contacts at all).

    The core does not know the roles, so the app that defines them implements
    `municipalities_for_user` and registers the policy with
    `wagtail.permissions.register_permission_policy`.
    """

    municipality_field = "municipality"
    shared_actions = frozenset({"choose"})

    def municipalities_for_user(self, user, actions) -> QuerySet:
        """The municipalities in whose rows the user may perform any of the actions."""
        raise NotImplementedError

    def user_has_permission(self, user, action):
        if action in self.shared_actions:
            return user.is_active and (
                user.is_superuser or self.municipalities_for_user(user, {action}).exists()
            )
        return super().user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not (user.is_authenticated and user.is_active):
            return manager.none()
        if user.is_superuser:
            return manager.all()
        granted = {action for action in actions if self.user_has_permission(user, action)}
        if not granted:
            return manager.none()
        condition = Q(
            **{f"{self.municipality_field}__in": self.municipalities_for_user(user, granted)}
        )
        if granted & self.shared_actions:
            condition |= Q(**{f"{self.municipality_field}__isnull": True})
        return manager.filter(condition)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if user.is_active and user.is_superuser:
            return True
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )


def municipalities_assignable_by(user, model) -> QuerySet | None:
    """The municipalities a user may give a new or edited row of the model.

    None means any, or none at all (platform-wide): the user is a superuser, or the
    model has no municipality-owned policy.
    """
    policy = policy_registry.get_by_type(model)
    if user.is_superuser or not isinstance(policy, MunicipalityOwnedPermissionPolicy):
        return None
    return policy.municipalities_for_user(user, {"add", "change"})
