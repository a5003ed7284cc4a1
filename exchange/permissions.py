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


def member_for_user(user, municipality) -> Member | None:
    """The user's membership in this municipality's exchange, if they have one.

    Memberships count per municipality: every view and service that acts for "the
    current member" asks for the membership of the portal's municipality, so an
    approval elsewhere grants nothing here.
    """
    if not user.is_authenticated or municipality is None:
        return None
    return (
        Member.objects.select_related("user", "municipality", "district")
        .filter(user=user, municipality=municipality)
        .first()
    )


# States in which a membership does not let its account sign in on that portal.
SIGN_IN_REFUSED_STATUSES = (MemberStatus.BLOCKED, MemberStatus.REJECTED, MemberStatus.WITHDRAWN)


def resident_may_sign_in(user, municipality) -> bool:
    """Whether a resident account may sign in on this municipality's portal.

    Refused when its membership here is blocked, rejected or withdrawn, and when it
    has no membership here and every membership it has elsewhere is in such a state.
    An account with no membership at all (staff) is not the exchange's to refuse.
    """
    memberships = list(Member.objects.filter(user=user).values_list("municipality_id", "status"))
    if not memberships:
        return True
    here = [
        status
        for municipality_id, status in memberships
        if municipality_id == getattr(municipality, "pk", None)
    ]
    if here:
        return here[0] not in SIGN_IN_REFUSED_STATUSES
    return any(status not in SIGN_IN_REFUSED_STATUSES for _municipality, status in memberships)
