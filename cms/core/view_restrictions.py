"""Who passes a page's view restriction: one rule for every page the site serves.

Wagtail's "logged-in users" restriction admits any signed-in account. Here residents
sign in on the public site too (the help exchange), and a resident account of any
state must see exactly what an anonymous visitor sees. So "logged-in users" means
staff accounts: active users who may use the Wagtail admin. Password and group
restrictions keep Wagtail's own meaning.
"""

from django.http import HttpRequest
from wagtail.models import BaseViewRestriction


def user_is_staff_account(user) -> bool:
    """An active account that may use the admin (editors, providers, admins)."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
    )


def restriction_admits(restriction: BaseViewRestriction, request: HttpRequest) -> bool:
    """Whether the request passes this view restriction."""
    if restriction.restriction_type == BaseViewRestriction.LOGIN:
        return user_is_staff_account(request.user)
    return restriction.accept_request(request)
