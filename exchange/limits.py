"""Abuse limits of the public exchange: registration, new listings, reports.

Each is a `cms.core.ratelimit.Limit` per account and per client address, with its
numbers in settings (QUARTIER_*_MAX_PER_ACCOUNT / _PER_CLIENT, _WINDOW, _COOLOFF).
The counters live in the configured cache: with REDIS_URL set, all app processes
share them. A view asks `refused(...)` before it acts and `count(...)` after it acted;
a refused request gets the 429 page with a plain German explanation.
"""

import math

from django.utils.translation import gettext_lazy as _

from cms.core import ratelimit
from cms.core.ratelimit import Limit


def _limit(name: str, scope: str, prefix: str) -> Limit:
    return Limit(
        f"{name}-{scope}",
        f"QUARTIER_{prefix}_MAX_PER_{scope.upper()}",
        f"QUARTIER_{prefix}_WINDOW",
        f"QUARTIER_{prefix}_COOLOFF",
    )


# Registration has no account yet: it is counted per address typed in and per client.
REGISTRATION_ACCOUNT = _limit("registration", "account", "REGISTRATION")
REGISTRATION_CLIENT = _limit("registration", "client", "REGISTRATION")
LISTING_ACCOUNT = _limit("listing", "account", "LISTING")
LISTING_CLIENT = _limit("listing", "client", "LISTING")
REPORT_ACCOUNT = _limit("report", "account", "REPORT")
REPORT_CLIENT = _limit("report", "client", "REPORT")

MESSAGES = {
    "registration": _(
        "Von hier aus wurden in kurzer Zeit sehr viele Anmeldungen geschickt. Zum Schutz "
        "vor Missbrauch geht das erst in etwa %(minutes)s Minuten wieder."
    ),
    "listing": _(
        "Sie haben in kurzer Zeit sehr viele Einträge geschrieben. Zum Schutz vor "
        "Missbrauch geht das erst in etwa %(minutes)s Minuten wieder. Ihre bisherigen "
        "Einträge sind gespeichert."
    ),
    "report": _(
        "Sie haben in kurzer Zeit sehr viele Meldungen geschickt. Zum Schutz vor "
        "Missbrauch geht das erst in etwa %(minutes)s Minuten wieder. Ihre bisherigen "
        "Meldungen sind angekommen."
    ),
}


def _pairs(request, account_limit: Limit, client_limit: Limit, account: str):
    return [(account_limit, account), (client_limit, ratelimit.client_address(request))]


def refused(request, account_limit: Limit, client_limit: Limit, *, account: str):
    """A 429 answer if the account or the client is locked under these limits, else None."""
    for limit, key in _pairs(request, account_limit, client_limit, account):
        decision = ratelimit.check(limit, key)
        if decision.locked:
            action = limit.name.rsplit("-", 1)[0]
            minutes = max(1, math.ceil(decision.retry_after / 60))
            message = str(MESSAGES[action]) % {"minutes": minutes}
            return ratelimit.too_many_requests(request, decision, message)
    return None


def count(request, account_limit: Limit, client_limit: Limit, *, account: str) -> None:
    """Count one action for the account and the client."""
    for limit, key in _pairs(request, account_limit, client_limit, account):
        ratelimit.hit(limit, key)
