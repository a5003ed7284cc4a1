"""The admin's hand-over screen of a provider profile (the offer finder is finder.py)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.log_actions import log

from cms.core import tenancy
from cms.roles.enums import Role

from .forms import HandOverForm
from .models import ProviderPage


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
