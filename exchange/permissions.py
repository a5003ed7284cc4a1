"""Who may do what in the exchange: small predicates and the scope of each role.

A municipality admin or proxy helper acts only in the municipalities whose role group
(cms.roles.RoleGroup) they belong to; platform admins (superusers) act everywhere.
"""

from cms.roles.enums import Role
from cms.roles.permissions import municipalities_for as municipalities_for_role

from .enums import MemberStatus
from .models import Listing, Member


def user_is_municipality_admin(user) -> bool:
    return municipalities_for_role(user, Role.MUNICIPALITY_ADMIN).exists()


def user_is_proxy_helper(user) -> bool:
    return municipalities_for_role(user, Role.PROXY_HELPER).exists()


def user_can_moderate(user, listing: Listing) -> bool:
    """Municipality admins moderate the listings of their own municipality only."""
    return (
        municipalities_for_role(user, Role.MUNICIPALITY_ADMIN)
        .filter(pk=listing.municipality_id)
        .exists()
    )


def member_can_post(member: Member | None) -> bool:
    """Only approved members with their consents in force post and answer."""
    return bool(member) and member.status == MemberStatus.APPROVED and member.user.is_active


def member_for_user(user) -> Member | None:
    """The user's exchange membership, if they have one."""
    if not user.is_authenticated:
        return None
    return (
        Member.objects.select_related("user", "municipality", "district").filter(user=user).first()
    )
