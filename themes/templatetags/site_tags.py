"""Template tags of the public site's frame: navigation and breadcrumbs."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("themes/includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    """The portal's top-level pages that are shown in menus, in the current language."""
    request = context["request"]
    site = Site.find_for_request(request)
    portal = site.root_page.localized if site else None
    pages = portal.get_children().live().public().in_menu() if portal else []
    current = context.get("page")
    items = [(page, _aria_current(page, current)) for page in pages]
    return {"portal": portal, "items": items, "request": request}


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
    ancestors = page.get_ancestors().filter(depth__gte=2).live().public()
    return {"ancestors": ancestors, "page": page, "request": context["request"]}
