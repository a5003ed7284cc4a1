"""Admin screens of the terms of use and the privacy notice, for municipality admins.

Scoped like every exchange admin screen (see admin_views): objects come from a selector
narrowed to the admin's municipalities. A text is never edited in place; a change is
a new version, started from the one shown (`?von=<id>`).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from cms.core.params import id_from_text
from cms.roles.enums import Role

from . import selectors, services
from .admin_views import _page, _render, role_required
from .forms import LegalTextForm
from .permissions import municipalities_for_role


@role_required(Role.MUNICIPALITY_ADMIN)
def legal_text_index(request):
    texts = selectors.legal_texts_for_admin(request.user)
    return _render(
        request,
        "legal_text_index.html",
        _("Nutzungsbedingungen und Datenschutz"),
        "doc-full",
        page_obj=_page(request, texts),
    )


@role_required(Role.MUNICIPALITY_ADMIN)
def legal_text_add(request):
    texts = selectors.legal_texts_for_admin(request.user)
    initial = {}
    start_from = request.GET.get("von", "")
    # A malformed `von` (not an id) starts from an empty form, as before.
    if (start_from_id := id_from_text(start_from)) is not None:
        previous = get_object_or_404(texts, pk=start_from_id)
        initial = {
            "municipality": previous.municipality_id,
            "document": previous.document,
            "body": previous.body,
        }
    form = LegalTextForm(
        request.POST or None,
        initial=initial,
        municipalities=municipalities_for_role(request.user, Role.MUNICIPALITY_ADMIN),
    )
    if request.method == "POST" and form.is_valid():
        text = services.legal_text_publish(form=form, by=request.user)
        messages.success(request, _("Neue Fassung „%s“ gilt ab jetzt.") % text)
        return redirect("exchange_legal_texts:index")
    return _render(request, "form.html", _("Neue Fassung"), "doc-full", form=form)
