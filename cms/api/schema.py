"""Hooks for the OpenAPI schema: only the public API, not the admin's internal APIs;
the resident token as the one security scheme."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension


def only_public_api(endpoints):
    """drf-spectacular preprocessing hook: keep the endpoints below /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class ResidentTokenScheme(OpenApiAuthenticationExtension):
    """`Authorization: Token <token>` from POST /api/v1/auth/login/ (django-rest-knox)."""

    target_class = "cms.api.tokens.ResidentTokenAuthentication"
    name = "residentToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": _(
                "Der Token aus `POST /api/v1/auth/login/`, gesendet als "
                "`Authorization: Token <token>`. Er gilt 30 Tage (Einstellung "
                "`QUARTIER_API_TOKEN_DAYS`) und endet mit der Abmeldung, einer Sperre, "
                "dem Widerruf der Einwilligung und einer Änderung des Passworts."
            ),
        }
