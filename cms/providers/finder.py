"""The offer finder's page context (rendered by ProviderIndexPage).

Not a view: it finds the portals of the directory's region and filters, searches and
paginates their providers. The page model renders with it (`get_context`).
"""

from django.core.paginator import Paginator
from wagtail.models import Page

from cms.core import tenancy
from cms.places.models import Municipality

from .forms import FinderForm
from .selectors import providers_for_finder

RESULTS_PER_PAGE = 20


def region_portals(portal: Page) -> list[Page]:
    """The portals of every municipality in the portal's region, in the same language."""
    region_id = portal.municipality.region_id
    if region_id is None:
        return [portal]
    return list(
        tenancy.portal_pages()
        .filter(municipality__region_id=region_id, locale_id=portal.locale_id)
        .select_related("municipality")
    )


def finder_context(request, *, directory) -> dict:
    """Filter, search and paginate the providers of the directory's region."""
    portal = tenancy.portal_for_page(directory)
    portals = region_portals(portal)
    municipalities = Municipality.objects.filter(pk__in=[p.municipality_id for p in portals])
    form = FinderForm(request.GET or None, municipalities=municipalities, locale=directory.locale)
    filters = form.cleaned_data if form.is_valid() else {}
    providers = providers_for_finder(
        portals=portals,
        query=filters.get("q", "").strip(),
        municipality=filters.get("municipality"),
        district=filters.get("district"),
        category=filters.get("category"),
        kind=filters.get("kind", ""),
        barrier_free=filters.get("barrier_free", False),
    )
    results = Paginator(providers, RESULTS_PER_PAGE).get_page(request.GET.get("seite"))
    # Name each result's municipality from the portals already at hand, not per row.
    municipality_by_path = {p.path: p.municipality.name for p in portals}
    for provider in results:
        provider.municipality_name = municipality_by_path.get(provider.path[: portal.depth * 4])
    return {
        "finder_form": form,
        "results": results,
        "is_filtered": bool(filters and any(filters.values())),
        "spans_region": len(portals) > 1,
    }
