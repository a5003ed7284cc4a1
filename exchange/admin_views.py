"""Admin screens of the exchange for municipality admins and proxy helpers.

These are plain views rather than Wagtail's generic model views: those check
model-wide permissions only and some fetch objects by primary key from the whole
table (see STYLE.md, Wagtail issue #13314). Here every object comes from a selector
narrowed to the user's municipalities through RoleGroup, so a foreign id is a 404 on
every screen and action. There are no export, chooser or bulk-action views.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import ProtectedError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.core import idempotency
from cms.roles.enums import Role

from . import personal_data, selectors, services, states, versions
from .enums import ListingStatus, MemberStatus
from .forms import CategoryForm, ListingForm, ListingTextForm, ProxyClientForm, ReasonForm
from .permissions import municipalities_for_role

ADMIN_PER_PAGE = 50


def role_required(role: Role):
    """Refuse users who hold the role in no municipality (superusers hold it everywhere)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not municipalities_for_role(request.user, role).exists():
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _render(request, template: str, title: str, icon: str, **context):
    context.update({"page_title": title, "header_title": title, "header_icon": icon})
    return TemplateResponse(request, f"exchange/admin/{template}", context)


def _page(request, queryset):
    return Paginator(queryset, ADMIN_PER_PAGE).get_page(request.GET.get("p"))


def _status_filter(request, choices, default: str) -> str:
    status = request.GET.get("status", default)
    return status if status in dict(choices) or status == "all" else default


# Members -------------------------------------------------------------------------------

MEMBER_ACTIONS = {
    "approve": (services.member_approve, False, gettext_lazy("Mitglied freigegeben.")),
    "reject": (services.member_reject, True, gettext_lazy("Anmeldung abgelehnt.")),
    "block": (services.member_block, True, gettext_lazy("Mitglied gesperrt.")),
    "unblock": (services.member_unblock, False, gettext_lazy("Sperre aufgehoben.")),
}


@role_required(Role.MUNICIPALITY_ADMIN)
def member_index(request):
    """The approval queue: pending members first; other states through the filter."""
    status = _status_filter(request, MemberStatus.choices, MemberStatus.PENDING)
    members = selectors.members_for_admin(request.user).order_by("created_at")
    if status != "all":
        members = members.filter(status=status)
    if status == MemberStatus.PENDING:
        members = members.filter(email_confirmed_at__isnull=False)
    return _render(
        request,
        "member_index.html",
        _("Mitglieder"),
        "user",
        page_obj=_page(request, members),
        status=status,
        statuses=MemberStatus.choices,
    )


@role_required(Role.MUNICIPALITY_ADMIN)
def member_detail(request, pk: int):
    member = get_object_or_404(selectors.members_for_admin(request.user), pk=pk)
    return _render(
        request,
        "member_detail.html",
        member.display_name,
        "user",
        member=member,
        consents=member.consents.all(),
        version=versions.version_of(member),
        listings=member.listings.select_related("category").order_by("-created_at"),
        reason_form=ReasonForm(),
    )


def _moderation_action(request, *, actions, action, subject, redirect_to, missing_reason):
    """Run one moderation service on `subject` ({"member": …} or {"listing": …}).

    Actions that need a reason take it from the posted ReasonForm; the service's own
    ValidationError (an action that does not fit the current state) becomes a message.
    """
    if action not in actions:
        raise Http404
    service, needs_reason, done = actions[action]
    # The version of the object the moderator saw (a hidden field of the action form):
    # the service refuses when the object changed since.
    kwargs = {**subject, "by": request.user, "seen_version": request.POST.get("version")}
    if needs_reason:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, missing_reason)
            return redirect_to
        kwargs["reason"] = form.cleaned_data["reason"]
    try:
        service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    return redirect_to


@require_POST
@role_required(Role.MUNICIPALITY_ADMIN)
def member_action(request, pk: int, action: str):
    """Approve, reject, block or unblock a member of the admin's municipality."""
    member = get_object_or_404(selectors.members_for_admin(request.user), pk=pk)
    return _moderation_action(
        request,
        actions=MEMBER_ACTIONS,
        action=action,
        subject={"member": member},
        redirect_to=redirect("exchange_members:detail", pk=member.pk),
        missing_reason=_("Bitte geben Sie eine Begründung an."),
    )


# Listings ------------------------------------------------------------------------------

LISTING_ACTIONS = {
    "approve": (services.listing_approve, False, gettext_lazy("Eintrag freigegeben.")),
    "remove": (services.listing_remove, True, gettext_lazy("Eintrag entfernt.")),
    "restore": (services.listing_restore, False, gettext_lazy("Eintrag wiederhergestellt.")),
    "send_back": (
        services.listing_send_back,
        True,
        gettext_lazy("Eintrag zur Überarbeitung zurückgeschickt."),
    ),
}


@role_required(Role.MUNICIPALITY_ADMIN)
def listing_index(request):
    """Listing moderation: listings waiting for review first; other states by filter."""
    status = _status_filter(request, ListingStatus.choices, ListingStatus.PENDING)
    listings = selectors.listings_for_admin(request.user).order_by("-created_at")
    if status != "all":
        listings = selectors.listings_in_state(listings, status)
    return _render(
        request,
        "listing_index.html",
        _("Einträge"),
        "list-ul",
        page_obj=_page(request, listings),
        status=status,
        statuses=ListingStatus.choices,
    )


@role_required(Role.MUNICIPALITY_ADMIN)
def listing_detail(request, pk: int):
    listing = get_object_or_404(selectors.listings_for_admin(request.user), pk=pk)
    return _render(
        request,
        "listing_detail.html",
        listing.title,
        "list-ul",
        listing=listing,
        reason_form=ReasonForm(),
        text_form=ListingTextForm(instance=listing),
        version=versions.version_of(listing),
        moderator_transitions=LISTING_ACTIONS,
        personal_data=personal_data.findings_in_listing(listing),
    )


@require_POST
@role_required(Role.MUNICIPALITY_ADMIN)
def listing_edit_text(request, pk: int):
    """A moderator corrects a listing's title and description (e.g. removes a phone number)."""
    listing = get_object_or_404(selectors.listings_for_admin(request.user), pk=pk)
    form = ListingTextForm(request.POST, instance=listing)
    if not form.is_valid():
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
        return redirect("exchange_listings:detail", pk=listing.pk)
    try:
        services.listing_text_edit(
            listing=listing,
            by=request.user,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            seen_version=request.POST.get("version"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Text des Eintrags gespeichert."))
    return redirect("exchange_listings:detail", pk=listing.pk)


@require_POST
@role_required(Role.MUNICIPALITY_ADMIN)
def listing_action(request, pk: int, action: str):
    """Approve, remove (with a reason) or restore a listing of the admin's municipality."""
    listing = get_object_or_404(selectors.listings_for_admin(request.user), pk=pk)
    return _moderation_action(
        request,
        actions=LISTING_ACTIONS,
        action=action,
        subject={"listing": listing},
        redirect_to=redirect("exchange_listings:detail", pk=listing.pk),
        missing_reason=_("Bitte geben Sie einen Grund an."),
    )


# Categories ----------------------------------------------------------------------------


@role_required(Role.MUNICIPALITY_ADMIN)
def category_index(request):
    categories = selectors.categories_for_admin(request.user).order_by("municipality", "name")
    return _render(
        request,
        "category_index.html",
        _("Kategorien"),
        "tag",
        page_obj=_page(request, categories),
    )


def _category_form(request, category=None):
    municipalities = municipalities_for_role(request.user, Role.MUNICIPALITY_ADMIN)
    form = CategoryForm(request.POST or None, instance=category, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        saved = services.category_save(form=form, by=request.user)
        messages.success(request, _("Kategorie „%s“ gespeichert.") % saved.name)
        return redirect("exchange_categories:index")
    title = _("Kategorie bearbeiten") if category else _("Neue Kategorie")
    return _render(request, "form.html", title, "tag", form=form)


@role_required(Role.MUNICIPALITY_ADMIN)
def category_add(request):
    return _category_form(request)


@role_required(Role.MUNICIPALITY_ADMIN)
def category_edit(request, pk: int):
    category = get_object_or_404(selectors.categories_for_admin(request.user), pk=pk)
    return _category_form(request, category)


@role_required(Role.MUNICIPALITY_ADMIN)
def category_delete(request, pk: int):
    category = get_object_or_404(selectors.categories_for_admin(request.user), pk=pk)
    if request.method == "POST":
        try:
            services.category_delete(category=category, by=request.user)
        except ProtectedError:
            messages.error(request, _("Die Kategorie hat Einträge und kann nicht gelöscht werden."))
        else:
            messages.success(request, _("Kategorie gelöscht."))
        return redirect("exchange_categories:index")
    return _render(request, "confirm_delete.html", _("Kategorie löschen"), "tag", object=category)


# Proxy clients and their listings ------------------------------------------------------


@role_required(Role.PROXY_HELPER)
def proxy_client_index(request):
    clients = selectors.proxy_clients_for_helper(request.user)
    return _render(
        request,
        "proxy_client_index.html",
        _("Personen ohne Internet"),
        "group",
        page_obj=_page(request, clients),
    )


@role_required(Role.PROXY_HELPER)
def proxy_client_add(request):
    municipalities = municipalities_for_role(request.user, Role.PROXY_HELPER)
    form = ProxyClientForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        client = services.proxy_client_register(by=request.user, data=form.client_data())
        messages.success(request, _("%s wurde erfasst.") % client.name)
        return redirect("exchange_proxy:detail", pk=client.pk)
    return _render(request, "form.html", _("Person ohne Internet erfassen"), "group", form=form)


@role_required(Role.PROXY_HELPER)
def proxy_client_detail(request, pk: int):
    client = get_object_or_404(selectors.proxy_clients_for_helper(request.user), pk=pk)
    return _render(
        request,
        "proxy_client_detail.html",
        client.name,
        "group",
        client=client,
        listings=selectors.proxy_listings_for_helper(request.user)
        .filter(proxy_client=client)
        .select_related("proxy_created_by", "proxy_changed_by")
        .order_by("-created_at"),
    )


@role_required(Role.PROXY_HELPER)
def proxy_client_export(request, pk: int):
    """Everything held about a client, as JSON, for the client's request for access."""
    client = get_object_or_404(selectors.proxy_clients_for_helper(request.user), pk=pk)
    response = JsonResponse(
        selectors.proxy_client_data_export(client),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="daten-person-{client.pk}.json"'
    return response


@role_required(Role.PROXY_HELPER)
def proxy_client_delete(request, pk: int):
    """Delete a client and all their data on their request, after a confirmation."""
    client = get_object_or_404(selectors.proxy_clients_for_helper(request.user), pk=pk)
    if request.method == "POST":
        services.proxy_client_erase(client=client, by=request.user)
        messages.success(request, _("Die Person und alle ihre Daten wurden gelöscht."))
        return redirect("exchange_proxy:index")
    return _render(
        request, "confirm_delete.html", _("Person mit allen Daten löschen"), "group", object=client
    )


def _proxy_listing_form(request, *, client, listing=None):
    form = ListingForm(request.POST or None, instance=listing, municipality=client.municipality)
    if request.method == "POST" and form.is_valid():
        submit = "save_draft" not in request.POST
        with idempotency.Submission(request, "exchange.proxy_listing_create") as submission:
            if listing is None and submission.repeated:
                return submission.repeated_redirect(
                    default=reverse("exchange_proxy:detail", args=[client.pk])
                )
            try:
                if listing is None:
                    services.proxy_listing_create(
                        proxy_client=client, by=request.user, data=form.cleaned_data, submit=submit
                    )
                else:
                    services.listing_update(
                        listing=listing, by=request.user, data=form.cleaned_data, submit=submit
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Eintrag für %s gespeichert.") % client.name)
                return submission.finish(redirect("exchange_proxy:detail", pk=client.pk))
    title = _("Eintrag für %s") % client.name
    return _render(request, "form.html", title, "list-ul", form=form, submit_draft=True)


@role_required(Role.PROXY_HELPER)
def proxy_listing_add(request, pk: int):
    client = get_object_or_404(selectors.proxy_clients_for_helper(request.user), pk=pk)
    if client.consent_withdrawn_at is not None:
        raise PermissionDenied
    return _proxy_listing_form(request, client=client)


@role_required(Role.PROXY_HELPER)
def proxy_listing_edit(request, pk: int):
    listing = get_object_or_404(selectors.proxy_listings_for_helper(request.user), pk=pk)
    if states.listing_state(listing) not in states.LISTING_EDITABLE_STATES:
        raise PermissionDenied
    return _proxy_listing_form(request, client=listing.proxy_client, listing=listing)


@require_POST
@role_required(Role.PROXY_HELPER)
def proxy_listing_close(request, pk: int):
    listing = get_object_or_404(selectors.proxy_listings_for_helper(request.user), pk=pk)
    try:
        services.listing_close(listing=listing, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Eintrag beendet."))
    return redirect("exchange_proxy:detail", pk=listing.proxy_client_id)
