"""Permission policies for models that belong to a municipality, registered in ready()."""

from django.db.models import QuerySet

from cms.core.admin_scoping import MunicipalityOwnedPermissionPolicy

from .enums import Role
from .permissions import municipalities_for_any

# Those who write pages choose contacts for them; only the editorial team edits them.
CONTACT_CHOOSING_ROLES = (Role.EDITORIAL_TEAM, Role.DISTRICT_EDITOR, Role.PROVIDER)
CONTACT_EDITING_ROLES = (Role.EDITORIAL_TEAM,)


class ContactPermissionPolicy(MunicipalityOwnedPermissionPolicy):
    """Contacts: the editorial team of their municipality edits them; page writers
    of that municipality choose them; platform-wide contacts are the platform admins'."""

    def municipalities_for_user(self, user, actions) -> QuerySet:
        roles = CONTACT_CHOOSING_ROLES if set(actions) <= {"choose"} else CONTACT_EDITING_ROLES
        return municipalities_for_any(user, roles)
