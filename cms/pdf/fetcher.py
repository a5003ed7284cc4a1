"""WeasyPrint's URL fetcher for Quartier: this site's static files, read locally, only.

WeasyPrint would fetch stylesheets, fonts and images over the network by default. This
fetcher answers only for URLs below STATIC_URL, read from disk (or from the static
files storage once collected), and refuses every other URL: rendering a PDF never makes
a request, not even to this server.
"""

import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesOnlyFetcher(URLFetcher):
    """Resolves URLs below STATIC_URL to local files; everything else is refused."""

    def __init__(self, *, base_url: str):
        super().__init__()
        static = urlsplit(settings.STATIC_URL)
        base = urlsplit(base_url)
        # A relative STATIC_URL ("/static/") lives on the page's own host.
        self._static_origin = (static.scheme or base.scheme, static.netloc or base.netloc)
        self._static_path = static.path

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)  # decoded in memory, nothing fetched
        if (parts.scheme, parts.netloc) != self._static_origin or not parts.path.startswith(
            self._static_path
        ):
            raise ValueError(f"Only static files are read for PDFs, not {url}")
        name = posixpath.normpath(unquote(parts.path[len(self._static_path) :]))
        if name.startswith(("..", "/")):
            raise ValueError(f"Not a static file: {url}")
        mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        found = finders.find(name)
        if found:
            with open(found, "rb") as static_file:
                body = static_file.read()
        elif staticfiles_storage.exists(name):
            # Collected files under their hashed names (ManifestStaticFilesStorage).
            with staticfiles_storage.open(name) as static_file:
                body = static_file.read()
        else:
            raise ValueError(f"No such static file: {name}")
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})
