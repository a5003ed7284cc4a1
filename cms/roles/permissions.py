"""Small predicates and reads about what a user may do where."""

from django.db.models import Q, QuerySet

from cms.core import tenancy
from cms.places.models import District, Municipality

from .enums import Role
from .models import RoleGroup


def municipalities_for(user, role: Role) -> QuerySet:
    """The municipalities in which the user holds the role (all of them for superusers)."""
    return municipalities_for_any(user, (role,))


def municipalities_for_any(user, roles) -> QuerySet:
    """The municipalities in which the user holds any of the roles (all for superusers)."""
    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(
        role_groups__role__in=roles, role_groups__group__user=user
    ).distinct()


def roles_held(request) -> frozenset[str]:
    """The roles the signed-in user holds in any municipality (all for superusers).

    Read once per request: the admin menu asks for each of its items.
    """
    held = getattr(request, "_quartier_roles_held", None)
    if held is None:
        user = request.user
        if not user.is_authenticated or not user.is_active:
            held = frozenset()
        elif user.is_superuser:
            held = frozenset(Role.values)
        else:
            held = frozenset(
                RoleGroup.objects.filter(group__user=user).values_list("role", flat=True)
            )
        request._quartier_roles_held = held
    return held


def districts_for(user, role: Role) -> QuerySet:
    """The districts in which the user holds a district-scoped role (e.g. district editor)."""
    if not user.is_authenticated or not user.is_active:
        return District.objects.none()
    return District.objects.filter(role_groups__role=role, role_groups__group__user=user).distinct()


def under_portals_of(user, role: Role, *, path_field: str) -> Q:
    """A filter for pages (or rows pointing at pages) below the user's portals.

    `path_field` names the page path to test, e.g. "path" or "provider__path". Matches
    nothing when the user holds the role nowhere.
    """
    portal_paths = (
        tenancy.portal_pages()
        .filter(municipality__in=municipalities_for(user, role))
        .values_list("path", flat=True)
    )
    condition = Q(pk__in=[])
    for path in portal_paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition
