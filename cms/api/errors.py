"""Errors as RFC 9457 problem details, in German by default, naming the parameter."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: lambda: _("Ungültige Anfrage"),
    401: lambda: _("Anmeldung nötig"),
    403: lambda: _("Nicht erlaubt"),
    404: lambda: _("Nicht gefunden"),
    405: lambda: _("Methode nicht erlaubt"),
    406: lambda: _("Format nicht verfügbar"),
    409: lambda: _("Nicht möglich"),
    415: lambda: _("Format nicht verfügbar"),
    429: lambda: _("Zu viele Anfragen"),
}


def _invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's error tree into RFC 9457's `invalid_params`."""
    if isinstance(detail, dict):
        params = []
        for name, value in detail.items():
            params += _invalid_params(value, f"{prefix}{name}")
        return params
    if isinstance(detail, list):
        return [{"name": prefix or "query", "reason": str(reason)} for reason in detail]
    return [{"name": prefix or "query", "reason": str(detail)}]


def problem_details_handler(exc, context):
    """DRF's handler, with every error answered as problem details."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Diesen Eintrag gibt es nicht oder nicht öffentlich."))
    response = exception_handler(exc, context)
    if response is None:
        return None
    status = response.status_code
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, lambda: _("Fehler"))(),
        "status": status,
    }
    if isinstance(exc, exceptions.ValidationError):
        body["invalid_params"] = _invalid_params(exc.detail)
        names = ", ".join(param["name"] for param in body["invalid_params"])
        body["detail"] = _("Bitte prüfen Sie: %(names)s.") % {"names": names}
    elif isinstance(exc, exceptions.Throttled):
        body["detail"] = _("Bitte warten Sie %(seconds)s Sekunden.") % {
            "seconds": exc.wait and int(exc.wait + 0.999)
        }
    else:
        body["detail"] = str(getattr(exc, "detail", exc))
    problem = Response(body, status=status, headers=dict(response.items()))
    problem.content_type = PROBLEM_MEDIA_TYPE
    # Problems are JSON whatever format was asked for (`format=ics` included).
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = PROBLEM_MEDIA_TYPE
    return problem
