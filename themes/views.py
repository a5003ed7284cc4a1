"""The display switches: text size and contrast, with and without JavaScript."""

from dataclasses import replace

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cms.core.redirects import back_to

from .forms import DisplayPreferencesForm
from .preferences import COOKIE_MAX_AGE, COOKIE_NAME

# Exempt from CSRF on purpose: a forged request could at worst change a visitor's text
# size, and a CSRF token in the form on every page would set a cookie on every visit,
# which this feature exists to avoid.
_FETCH_HEADER = "X-Quartier-Fetch"


@csrf_exempt
@require_POST
def display_preferences(request):
    """Remember the pressed switch and go back (or answer 204 to site.js)."""
    form = DisplayPreferencesForm(request.POST)
    preferences = request.display_preferences
    if form.is_valid():
        changes = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in ("text_size", "contrast") and value
        }
        preferences = replace(preferences, **changes)
    if request.headers.get(_FETCH_HEADER):
        response = HttpResponse(status=204)
    else:
        next_url = form.cleaned_data.get("next") if form.is_valid() else ""
        response = back_to(request, next_url, default="/")
    if preferences.is_default:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    else:
        response.set_cookie(
            COOKIE_NAME,
            preferences.to_cookie(),
            max_age=COOKIE_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response
