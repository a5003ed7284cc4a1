"""Small predicates and reads about what a user may do where."""

from django.db.models import Q, QuerySet

from cms.places.models import District, Municipality

from .enums import Role


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


def districts_for(user, role: Role) -> QuerySet:
    """The districts in which the user holds a district-scoped role (e.g. district editor)."""
    if not user.is_authenticated or not user.is_active:
        return District.objects.none()
    return District.objects.filter(role_groups__role=role, role_groups__group__user=user).distinct()


def event_districts_limited_to(user) -> QuerySet | None:
    """The districts a user may give an event, or None when any district will do.

    District editors add events to the portal's shared calendar for their own district
    only; the editorial team, providers (who serve several districts) and superusers
    choose freely.
    """
    if user.is_superuser:
        return None
    if municipalities_for(user, Role.EDITORIAL_TEAM).exists():
        return None
    if municipalities_for(user, Role.PROVIDER).exists():
        return None
    own = districts_for(user, Role.DISTRICT_EDITOR)
    return own if own.exists() else None


def under_portals_of(user, role: Role, *, path_field: str) -> Q:
    """A filter for pages (or rows pointing at pages) below the user's portals.

    `path_field` names the page path to test, e.g. "path" or "provider__path". Matches
    nothing when the user holds the role nowhere.
    """
    from cms.home.models import PortalHomePage

    portal_paths = PortalHomePage.objects.filter(
        municipality__in=municipalities_for(user, role)
    ).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in portal_paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition
