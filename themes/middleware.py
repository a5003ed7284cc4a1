from django.utils.cache import patch_vary_headers

from .preferences import COOKIE_NAME, DisplayPreferences


class DisplayPreferencesMiddleware:
    """Reads the display preferences into `request.display_preferences`.

    Pages differ by the preference cookie, so shared caches are told to keep them
    apart (Vary: Cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.display_preferences = DisplayPreferences.from_cookie(
            request.COOKIES.get(COOKIE_NAME)
        )
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])
        return response
