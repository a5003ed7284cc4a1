"""Template tags of the public site's frame: theme, navigation, breadcrumbs, languages."""

from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from wagtail.models import Page

from cms.core.selectors import outside_view_restrictions
from themes.frame import SiteFrame
from themes.models import TOKENS

register = template.Library()


@register.simple_tag(takes_context=True)
def site_frame(context) -> SiteFrame:
    """The frame of the page in context, built once per page and language however often
    it is asked for in the request."""
    request = context["request"]
    page = context.get("page")
    frames = getattr(request, "_quartier_frames", None)
    if frames is None:
        frames = request._quartier_frames = {}
    key = (page.pk if isinstance(page, Page) else None, get_language())
    if key not in frames:
        frames[key] = SiteFrame(request, page)
    return frames[key]


@register.simple_tag(takes_context=True)
def theme_style(context, theme) -> str:
    """A `:root` rule with the theme's design tokens; nothing for the built-in default.

    The values are validated hex colours (see Theme), so they are safe in CSS. The
    element carries the request's CSP nonce, the one way inline styles pass the policy.
    """
    if theme is None:
        return ""
    declarations = format_html_join(
        "", "{}:{};", ((TOKENS[field], value) for field, value in theme.colours.items())
    )
    return format_html("<style{}>:root{{{}}}</style>", csp_nonce_attribute(context), declarations)


@register.simple_tag(takes_context=True)
def csp_nonce_attribute(context) -> str:
    """` nonce="…"` for an inline `<style>` of this request, or nothing outside one."""
    nonce = getattr(context.get("request"), "csp_nonce", None)
    # django-csp's nonce is lazy (and falsy until read): str() reads it, which also puts
    # it into this response's header.
    return "" if nonce is None else format_html(' nonce="{}"', str(nonce))


@register.inclusion_tag("themes/includes/site_brand.html", takes_context=True)
def site_brand(context):
    """The portal's name (and its theme's logo), linking its home page."""
    frame = site_frame(context)
    return {"portal": frame.portal, "frame": frame, "request": context["request"]}


@register.inclusion_tag("themes/includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    """The portal's top-level menu pages, in the current language where translated.

    The menu is the site's own (German) portal's: a page not yet translated is linked
    under the language's prefix all the same (/ar/veranstaltungen/), where the German
    page answers with a notice (PortalHomePage.route), so every language reaches the
    calendar, the directory and the news. At most two queries, none when the frame's
    cache holds them (see themes.frame).
    """
    frame = site_frame(context)
    request = context["request"]
    source = frame.site.root_page if frame.site is not None else None
    pages, translated = frame.cached(
        "menu", lambda: _menu_pages(source, frame.portal), per_page=False
    )
    language = get_language() or settings.LANGUAGE_CODE
    current = context.get("page")
    items = []
    for page in pages:
        shown = translated.get(page.translation_key)
        if shown is not None:
            url = shown.get_url(request)
        elif language != settings.LANGUAGE_CODE:
            url = _under_language_prefix(page.get_url(request), language)
        else:
            url = page.get_url(request)
        items.append(
            (
                shown or page,
                url,
                _aria_current(shown or page, current) or _aria_current(page, current),
            )
        )
    return {"portal": frame.portal, "items": items, "request": request, "frame": frame}


def _menu_pages(source: Page | None, portal: Page | None) -> tuple[list, dict]:
    """The source portal's menu pages and their translations in the portal's language."""
    if source is None:
        return [], {}
    pages = list(source.get_children().live().filter(outside_view_restrictions()).in_menu())
    translated = {}
    if pages and portal is not None and portal.pk != source.pk:
        translated = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                outside_view_restrictions(),
                locale_id=portal.locale_id,
                translation_key__in=[page.translation_key for page in pages],
            )
        }
    return pages, translated


def _under_language_prefix(url: str, language: str) -> str:
    """A German page's address under a language's prefix (/ar/veranstaltungen/)."""
    parts = urlsplit(url)
    if parts.path.startswith(f"/{language}/"):
        return url
    return urlunsplit(parts._replace(path=f"/{language}{parts.path}"))


def _aria_current(item, current) -> str:
    """'page' for the current page, 'true' for its section, '' otherwise."""
    if current is None:
        return ""
    if item.pk == current.pk:
        return "page"
    return "true" if current.path.startswith(item.path) else ""


@register.inclusion_tag("themes/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The path from the portal home to the current page, for orientation."""
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    ancestors = site_frame(context).cached(
        "breadcrumbs",
        lambda: list(page.get_ancestors().filter(outside_view_restrictions(), depth__gte=2).live()),
    )
    return {"ancestors": ancestors, "page": page, "request": context["request"]}
