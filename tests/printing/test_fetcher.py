"""PDFs read this site's static files from disk and never fetch anything else."""

import urllib.request

import pytest
from django.test import override_settings

from cms.pdf.fetcher import StaticFilesOnlyFetcher
from cms.pdf.render import pdf_document

BASE_URL = "http://quartier.example/"


def _fetch(url: str) -> bytes:
    response = StaticFilesOnlyFetcher(base_url=BASE_URL).fetch(url)
    try:
        return response.read()
    finally:
        response.close()


def test_static_file_is_read_from_disk():
    css = _fetch(BASE_URL + "static/themes/css/print.css")
    assert b"@page" in css


@pytest.mark.parametrize(
    "url",
    [
        "http://other.example/static/themes/css/print.css",  # another host
        "https://quartier.example/static/themes/css/print.css",  # another origin
        "http://quartier.example/media/original_images/foto.png",  # not a static file
        "http://quartier.example/static/../cms/settings/base.py",  # out of the static tree
        "http://quartier.example/static/%2e%2e/cms/settings/base.py",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/static/themes/css/print.css",
    ],
)
def test_everything_else_is_refused(url):
    with pytest.raises(ValueError):
        _fetch(url)


def test_missing_static_file_is_refused():
    with pytest.raises(ValueError, match="No such static file"):
        _fetch(BASE_URL + "static/themes/css/gibt-es-nicht.css")


@override_settings(STATIC_URL="https://cdn.example/assets/")
def test_absolute_static_url_is_mapped_to_local_files_too():
    fetcher = StaticFilesOnlyFetcher(base_url=BASE_URL)
    response = fetcher.fetch("https://cdn.example/assets/themes/css/print.css")
    assert b"@page" in response.read()
    response.close()


def test_rendering_does_not_fetch_a_remote_stylesheet(monkeypatch):
    requested = []

    def record(self, url, headers=None):
        requested.append(url)
        raise AssertionError("no network")

    # Every request WeasyPrint's default fetcher makes goes through urllib's opener.
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", record)
    html = (
        '<link rel="stylesheet" href="https://fonts.example/font.css">'
        '<img src="http://tracker.example/pixel.png"><p>Hallo</p>'
    )
    document = pdf_document(html, base_url=BASE_URL)
    assert len(document.pages) == 1
    assert requested == []
