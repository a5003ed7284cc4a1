"""Who passes a page's view restriction: one rule for every page the site serves.

Wagtail's "logged-in users" restriction admits any signed-in account. Here residents
sign in on the public site too (the help exchange), and a resident account of any
state must see exactly what an anonymous visitor sees. So "logged-in users" means
staff accounts: active users who may use the Wagtail admin. Password and group
restrictions keep Wagtail's own meaning.
"""

from django.db.models import Value
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from wagtail.models import BaseViewRestriction, PageViewRestriction


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


def resident_refused_from_page(page, request: HttpRequest) -> bool:
    """Whether a signed-in non-staff account meets a "logged-in users" restriction here.

    Anonymous visitors are Wagtail's to refuse, and staff accounts pass, so neither
    costs a query; for a resident one query finds a restriction on the page or an
    ancestor (its path is a prefix of the page's path). An alias has its source's
    restrictions, as in `Page.get_view_restrictions`.
    """
    user = request.user
    if not user.is_authenticated or user_is_staff_account(user):
        return False
    source = page
    while source.alias_of_id:
        source = source.alias_of
    return PageViewRestriction.objects.filter(
        restriction_type=BaseViewRestriction.LOGIN,
        page__path=Substr(Value(source.path), 1, Length("page__path")),
    ).exists()
