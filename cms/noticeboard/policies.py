"""Info boxes and sponsors are the municipality admins' (Kommunenadministration)."""

from django.db.models import QuerySet

from cms.core.admin_scoping import MunicipalityOwnedPermissionPolicy
from cms.roles.enums import Role
from cms.roles.permissions import municipalities_for


class MunicipalityAdminPermissionPolicy(MunicipalityOwnedPermissionPolicy):
    """Model permissions narrowed to the municipalities the user administers.

    The model permission (granted to each Kommunenadministration group by
    `setup_roles`) opens the door; the row's municipality decides which rows.
    Nothing here is platform-wide or shared: a row without municipality cannot exist.
    """

    shared_actions = frozenset()

    def municipalities_for_user(self, user, actions) -> QuerySet:
        return municipalities_for(user, Role.MUNICIPALITY_ADMIN)
