"""A clear 503 while the database cannot be reached, instead of a 500 traceback page.

Django turns every uncaught exception, in a view or in a middleware, into the answer of
`handler500` (cms/urls.py points it here). When the exception says that the database is
away (refused or dropped connection, a server shutting down or starting up), the
visitor gets a short page in plain German, or a problem-details body under /api/, with
status 503 and `Retry-After`, and the log gets one line saying so. Every other error,
including query errors of a reachable database (a cancelled statement, a deadlock),
still goes to the ordinary 500 page: this must not hide bugs.

The page is a static template rendered without a request, so no context processor
and nothing else can touch the database while it is down. With persistent connections
(`CONN_MAX_AGE`, `CONN_HEALTH_CHECKS`) Django drops the broken connection at the end
of the request and the next request connects afresh, so the site recovers by itself.
"""

import json
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error

logger = logging.getLogger("quartier.database")

# Seconds a client is asked to wait; a restart of PostgreSQL takes a few.
RETRY_AFTER_SECONDS = 30

# SQLSTATEs of a database that is away rather than of a failed query: class 08
# (connection exception) and the server shutting down, crashed or starting up.
_UNREACHABLE_SQLSTATES = {"57P01", "57P02", "57P03"}


def database_unreachable(exc: BaseException | None) -> bool:
    """True if `exc` says that the database cannot be reached, not that a query failed."""
    if isinstance(exc, InterfaceError):
        # The connection object is closed or broken: never a fault of the query.
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if cause is None or not hasattr(cause, "sqlstate"):
        # Only PostgreSQL's driver tells a lost connection from a failed query.
        return False
    sqlstate = cause.sqlstate
    # psycopg sets no SQLSTATE when it could not connect or the connection broke.
    return sqlstate is None or sqlstate.startswith("08") or sqlstate in _UNREACHABLE_SQLSTATES


def _unavailable_response(request) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        body = {
            "type": "about:blank",
            "title": _("Vorübergehend nicht erreichbar"),
            "status": 503,
            "detail": _("Bitte versuchen Sie es in %(seconds)s Sekunden noch einmal.")
            % {"seconds": RETRY_AFTER_SECONDS},
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False),
            status=503,
            content_type="application/problem+json",
        )
    else:
        response = HttpResponse(
            render_to_string("core/unavailable.html"),
            status=503,
            content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Nobody must keep the outage: not a browser, not a proxy.
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error_or_unavailable(request, template_name="500.html"):
    """handler500: a 503 page when the database is away, Django's 500 page otherwise."""
    exc = sys.exc_info()[1]
    if database_unreachable(exc):
        logger.warning(
            "Database unreachable (%s: %s): answered 503 to %s %s",
            type(exc).__name__,
            str(exc).strip().splitlines()[0] if str(exc).strip() else "",
            request.method,
            request.path,
        )
        return _unavailable_response(request)
    return server_error(request, template_name=template_name)
