"""Security headers on every response, and the request's Wagtail Site from the cache.

- `ContentSecurityPolicyMiddleware`: django-csp's middleware with one policy for the
  public site (`CONTENT_SECURITY_POLICY`: no inline scripts, inline `<style>` only with
  the request's nonce) and a looser one for the Wagtail admin
  (`QUARTIER_ADMIN_CONTENT_SECURITY_POLICY`), whose own templates and chooser modals
  carry inline scripts and styles.
- `SecurityHeadersMiddleware`: a Permissions-Policy that switches off the browser
  features the site never uses, and `Cache-Control: private` on every response to a
  signed-in user (resident or staff), so no shared cache keeps their pages.
- `CachedSiteMiddleware`: the Site of the request's host under the content version.
"""

import hashlib

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import DisallowedHost
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Site

from . import version_cache


def _is_admin(request) -> bool:
    return request.path_info.startswith(settings.QUARTIER_ADMIN_URL_PREFIX)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The public policy everywhere, the admin's under the admin's address."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and _is_admin(request):
            parts.config = settings.QUARTIER_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; `Cache-Control: private` when signed in."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.QUARTIER_PERMISSIONS_POLICY_DISABLED
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if _signed_in(request):
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ["Cookie"])
        return response


def _signed_in(request) -> bool:
    """Whether the request carries a signed-in session (staff or resident).

    Reads the session rather than `request.user`, which would load the user for
    responses that never needed it.
    """
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY in session


class CachedSiteMiddleware:
    """Wagtail's Site for the request's host, kept under the content version.

    Wagtail finds the Site of every request with a query (`Site.find_for_request`, by
    host name and port, with the root page); it keeps the answer on the request as
    `_wagtail_site`, which is what this sets from the version cache, so a public page
    does not pay that query. Any change of a Site or its root page bumps the version.
    Only for GET and HEAD, whose version read the response cache and the page's cached
    parts share (`content_version.for_request`). A host that `ALLOWED_HOSTS` refuses is
    left to Wagtail (and to Django's 400). The API's answers ask for no Site (their URLs
    come from the calendars' cached URLs), so they are left alone: for them the version
    read would be a query more, not less.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Pages are read with GET and HEAD; a form's POST (the display switch) may need
        # no Site and no database at all.
        if request.method not in ("GET", "HEAD") or request.path_info.startswith("/api/"):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        digest = hashlib.blake2b(f"{host}|{request.get_port()}".encode(), digest_size=16)
        request._wagtail_site = version_cache.get_or_build(
            request, f"site:{digest.hexdigest()}", lambda: Site._find_for_request(request)
        )
        return self.get_response(request)
