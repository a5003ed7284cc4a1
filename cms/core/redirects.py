"""Going back to where a visitor came from, for a `next` or `return_url` a form carries.

Such a value is whatever the browser sent. Django's `redirect()` takes a string that
is not a URL for a view name and raises when it is neither, and a line break in a
`Location` header raises too: both would be a 500 for a tampered field. So only an
address of this site is followed; anything else goes to the default.
"""

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def is_local_url(request: HttpRequest, url: str) -> bool:
    """A path of this site (`/…`) or a whole URL on its host, without control characters."""
    if not isinstance(url, str) or not url:
        return False
    if any(ord(character) < 32 or ord(character) == 127 for character in url):
        return False
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return False
    return url.startswith("/") or bool(urlsplit(url).netloc)


def back_to(request: HttpRequest, url: str, *, default: str) -> HttpResponseRedirect:
    """A redirect to `url` if it is an address of this site, else to `default`."""
    return HttpResponseRedirect(url if is_local_url(request, url) else default)
