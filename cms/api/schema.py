"""Hooks for the OpenAPI schema: only the public API, not the admin's internal APIs."""


def only_public_api(endpoints):
    """drf-spectacular preprocessing hook: keep the endpoints below /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
