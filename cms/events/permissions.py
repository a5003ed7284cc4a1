"""Small predicates about what a user may do in the calendar."""

from django.db.models import QuerySet

from cms.roles.enums import Role
from cms.roles.permissions import districts_for, municipalities_for


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
