"""Double submission: every form that creates something or sends mail carries a token.

A double click, a reload after a slow answer, or the back button sends the same form
twice. The form renders a hidden random token (`SubmissionTokenMixin`); the view wraps
its work in a `Submission`, and the first POST with a token claims it in the cache
(`cache.add`, atomic in Redis and in local memory). A second POST with the same token
does nothing again: it waits briefly for the first to finish and then answers with the
first one's result (where it led), or says that the form was sent already.

    with idempotency.Submission(request, "exchange.listing_create") as submission:
        if submission.repeated:
            return submission.repeated_redirect(default=reverse("exchange:my_listings"))
        listing = services.listing_create(...)
        return submission.finish(redirect("exchange:my_listings"))

Leaving the block without `finish` (the form was refused, the service raised) frees the
token, so that the person can correct the form and send it again. A POST without a
token (an old page, a program) is handled as before; the services' own rules still hold.
The API takes the token from the `Idempotency-Key` header (`Submission(..., token=…)`).

Claims are kept for `QUARTIER_IDEMPOTENCY_TTL` seconds in the cache named by
`QUARTIER_IDEMPOTENCY_CACHE`, keyed by the scope, the sender (account, or session, or
address) and a hash of the token; nothing personal is stored, only the result's path.
"""

import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from . import ratelimit

FIELD = "submission_token"
HEADER = "Idempotency-Key"
HEADER_DESCRIPTION = _(
    "Freiwillig: ein zufälliger Schlüssel je Vorgang. Wird dieselbe Anfrage mit demselben "
    "Schlüssel noch einmal geschickt (etwa nach einem Verbindungsabbruch), geschieht "
    "nichts doppelt; die Antwort ist die der ersten Anfrage, mit Status 200."
)
PENDING = "pending"

REPEATED_MESSAGE = _(
    "Das hatten Sie schon abgeschickt. Es wurde nur einmal gespeichert und nur einmal versendet."
)


def new_token() -> str:
    return secrets.token_urlsafe(18)


class SubmissionTokenMixin:
    """Adds the hidden token field; a new token each time the form is shown empty.

    A bound form keeps the token it was sent with, so that a form shown again with
    errors and then corrected still counts as the same submission.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=new_token, max_length=64, label=""
        )


def _cache():
    return caches[getattr(settings, "QUARTIER_IDEMPOTENCY_CACHE", "default")]


def _sender(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        return f"session:{session.session_key}"
    return f"address:{ratelimit.client_address(request)}"


class Submission:
    """One POST of a form that must take effect once (a context manager)."""

    def __init__(self, request, scope: str, *, token: str | None = None):
        """`token`: given by the caller (the API's `Idempotency-Key` header); else the
        form's hidden field."""
        self.request = request
        if token is None:
            token = request.POST.get(FIELD, "")
        token = str(token)[:64]
        self.key = None
        if token:
            digest = hashlib.sha256(f"{scope}\0{_sender(request)}\0{token}".encode()).hexdigest()
            self.key = f"idempotency:{scope}:{digest[:40]}"
        self.repeated = False
        self._claimed = False
        self._finished = False

    def __enter__(self):
        if self.key is not None:
            ttl = int(settings.QUARTIER_IDEMPOTENCY_TTL)
            self._claimed = _cache().add(self.key, PENDING, timeout=ttl)
            self.repeated = not self._claimed
        return self

    def __exit__(self, *exc_info):
        if self._claimed and not self._finished:
            _cache().delete(self.key)  # nothing happened: the form may be sent again
        return False

    def finish(self, response, location: str = ""):
        """Record that the work is done and where its answer led; returns `response`."""
        if self._claimed:
            if not location and response is not None:
                location = response.get("Location", "") or ""
            ttl = int(settings.QUARTIER_IDEMPOTENCY_TTL)
            _cache().set(self.key, f"done:{location}", timeout=ttl)
        self._finished = True
        return response

    def first_location(self) -> str | None:
        """Where the first submission's answer led, waiting up to
        `QUARTIER_IDEMPOTENCY_WAIT` seconds while it still runs; None if unknown."""
        deadline = time.monotonic() + float(settings.QUARTIER_IDEMPOTENCY_WAIT)
        while True:
            value = _cache().get(self.key)
            if value is None:
                return None
            if value != PENDING:
                return str(value).removeprefix("done:")
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)

    def repeated_redirect(self, *, default: str):
        """The answer to a repeated POST: the first one's result, with a short note."""
        location = self.first_location()
        if not location or not url_has_allowed_host_and_scheme(
            location, allowed_hosts={self.request.get_host()}
        ):
            location = default
        messages.info(self.request, str(REPEATED_MESSAGE))
        return redirect(location)
