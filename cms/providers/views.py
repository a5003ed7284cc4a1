"""The offer finder (rendered by ProviderIndexPage) and the admin's hand-over screen."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.log_actions import log

from cms.core import tenancy
from cms.home.models import PortalHomePage
from cms.places.models import Municipality
from cms.roles.enums import Role

from .forms import FinderForm, HandOverForm
from .models import ProviderPage
from .selectors import providers_for_finder

RESULTS_PER_PAGE = 20


def region_portals(portal: PortalHomePage) -> list[PortalHomePage]:
    """The portals of every municipality in the portal's region, in the same language."""
    region_id = portal.municipality.region_id
    if region_id is None:
        return [portal]
    return list(
        PortalHomePage.objects.filter(
            municipality__region_id=region_id, locale_id=portal.locale_id
        ).select_related("municipality")
    )


def finder_context(request, *, directory) -> dict:
    """Filter, search and paginate the providers of the directory's region."""
    portal = PortalHomePage.for_page(directory)
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


def hand_over(request, page_id: int):
    """Hand a profile the editors made over to the provider's own account.

    Only someone who may publish the profile may do this; the new owner must be a
    provider account of the profile's municipality. From then on the provider edits
    the profile themselves, and every change is reviewed.
    """
    page = get_object_or_404(ProviderPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    portal = tenancy.portal_for_page(page)
    candidates = (
        get_user_model()
        .objects.filter(
            groups__role__role=Role.PROVIDER,
            groups__role__municipality_id=portal.municipality_id,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "username")
    )
    form = HandOverForm(request.POST or None, candidates=candidates, initial={"owner": page.owner})
    if request.method == "POST" and form.is_valid():
        new_owner = form.cleaned_data["owner"]
        previous_owner = page.owner
        page.owner = new_owner
        page.save(update_fields=["owner"], clean=False)
        log(
            instance=page,
            action="providers.hand_over",
            user=request.user,
            data={
                "from": previous_owner.get_username() if previous_owner else None,
                "to": new_owner.get_username(),
            },
        )
        messages.success(
            request,
            _("„%(page)s“ wird jetzt von %(owner)s gepflegt.")
            % {"page": page.title, "owner": new_owner.get_full_name() or new_owner.get_username()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "providers/admin/hand_over.html", {"page": page, "form": form})
