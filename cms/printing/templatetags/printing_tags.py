"""Template tags of the printed views: QR codes and URLs written out for paper."""

from django import template
from django.utils.translation import gettext as _

from cms.printing.qr import qr_svg
from cms.printing.weeks import IsoWeek

register = template.Library()


@register.simple_tag
def qr_code(url: str, label: str = ""):
    """`{% qr_code url label %}`: the URL's QR code as inline SVG."""
    return qr_svg(url, label=label or _("QR-Code zu %(url)s") % {"url": url})


@register.filter
def without_scheme(url: str) -> str:
    """ "https://example.org/a/" → "example.org/a/": shorter to type from paper."""
    return url.split("://", 1)[-1]


@register.simple_tag(takes_context=True)
def absolute_url(context, path_or_page) -> str:
    """The absolute URL of a page or a site path, as a QR code or paper must give it."""
    request = context["request"]
    if hasattr(path_or_page, "get_full_url"):
        return path_or_page.get_full_url(request=request)
    return request.build_absolute_uri(path_or_page)


@register.filter
def iso_week(day) -> str:
    """A date as the ISO week that contains it, the programme's `woche` parameter."""
    return str(IsoWeek.containing(day))
