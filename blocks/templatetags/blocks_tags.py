"""Template helpers for the shared blocks."""

import logging
from urllib.parse import urlsplit

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.safestring import mark_safe
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def block_link_url(link_value) -> str:
    """Return the address a LinkBlock value points at."""
    if link_value.get("page"):
        return link_value["page"].url or ""
    return link_value.get("url") or ""


@register.simple_tag
def document_meta(document) -> str:
    """Return "PDF, 240 KB" so that readers know what a link opens before they open it."""
    extension = document.file_extension.upper() or "?"
    try:
        size = document.get_file_size()
    except OSError:
        size = None
    return f"{extension}, {filesizeformat(size)}" if size else extension


@register.filter
def url_host(url: str) -> str:
    """Return the host of an address without a leading "www."."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


@register.simple_tag
def embed_frame(url: str) -> str:
    """Return the provider's embed HTML, cached by Wagtail, or "" if it cannot be had.

    The HTML is placed in an inert <template> and only inserted after a click, so a
    visitor's browser contacts the provider only when asked to.
    """
    try:
        embed = get_embed(url)
    except EmbedException:
        logger.info("No embed available for %s", url)
        return ""
    return mark_safe(embed.html)  # noqa: S308 - HTML from Wagtail's configured oEmbed finders
