"""Public views of the exchange: browse, read, answer, register, "my listings".

Each view parses its input with a form, calls a service or selector and renders.
Which listings anyone may see is decided by `selectors.listings_visible_to` only.
The municipality is the one whose portal is the requested Site's root.
"""

import contextlib

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.core import idempotency, ratelimit, tenancy
from cms.core.pdf_limits import bounded_pdf
from cms.core.signin import account_key as limits_account_key
from cms.core.view_restrictions import user_is_staff_account
from cms.pdf.render import render_printable

from . import conversations, limits, selectors, services, states
from .enums import ListingStatus
from .forms import (
    AccountDeleteForm,
    ListingFilterForm,
    MembershipApplicationForm,
    PublicListingForm,
    RegistrationForm,
    ResidentLoginForm,
    ResponseForm,
)
from .permissions import member_can_post, member_for_user

resident_login_required = login_required(login_url=reverse_lazy("exchange:login"))

RATE_LIMITED_MESSAGE = gettext_lazy(
    "Sie haben in kurzer Zeit sehr viele Nachrichten geschrieben. Bitte warten Sie etwas "
    "und versuchen Sie es dann noch einmal."
)


def _municipality_for_request(request):
    """The municipality whose portal this Site shows; 404 for a site without one."""
    portal = tenancy.portal_for_request(request)
    if portal is None:
        raise Http404
    return portal.municipality


def listing_list(request):
    """Browse, filter and search the listings of this municipality; no JavaScript needed."""
    municipality = _municipality_for_request(request)
    member = member_for_user(request.user, municipality)
    categories = selectors.categories_for(municipality=municipality, member=member)
    form = ListingFilterForm(request.GET or None, municipality=municipality, categories=categories)
    listings = selectors.listings_filtered(
        selectors.listings_visible_to(request.user).filter(municipality=municipality),
        **form.filters(),
    )
    page = Paginator(selectors.with_card_data(listings), selectors.LISTINGS_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(
        request,
        "exchange/listing_list.html",
        {"form": form, "page_obj": page, "municipality": municipality, "member": member},
    )


def listing_detail(request, pk: int):
    """One visible listing, with the answer form for approved members.

    A matched ("vermittelt") listing has left the public list; its two sides still see
    it here, marked as matched, without the answer form.
    """
    municipality = _municipality_for_request(request)
    listing = (
        selectors.with_card_data(
            selectors.listings_visible_to(request.user).filter(municipality=municipality)
        )
        .filter(pk=pk)
        .first()
    )
    if listing is None:
        listing = conversations.listing_shown_to_party(request.user, municipality, pk)
        if listing is None or request.method == "POST":
            raise Http404
    member = member_for_user(request.user, municipality)
    form = None
    if (
        listing.status == ListingStatus.PUBLISHED
        and member_can_post(member)
        and listing.member_id != member.pk
    ):
        form = ResponseForm(request.POST or None)
        if request.method == "POST" and form.honeypot_filled:
            messages.success(request, _("Ihre Nachricht wurde weitergeleitet."))
            return redirect("exchange:listing_detail", pk=listing.pk)
        if request.method == "POST" and form.is_valid():
            return _listing_answer(request, listing=listing, member=member, form=form)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "exchange/listing_detail.html",
        {"listing": listing, "form": form, "member": member},
    )


def _listing_answer(request, *, listing, member, form):
    """Send the answer once per form: a repeated POST shows the first one's result."""
    with idempotency.Submission(request, f"exchange.listing_respond.{listing.pk}") as submission:
        if submission.repeated:
            return submission.repeated_redirect(default=reverse("exchange:conversation_list"))
        try:
            message = services.listing_respond(
                listing=listing,
                sender=member,
                message=form.cleaned_data["message"],
                share_email=form.cleaned_data["share_email"],
            )
        except conversations.MessageRateLimited as error:
            return ratelimit.too_many_requests(request, error.decision, RATE_LIMITED_MESSAGE)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Ihre Nachricht ist angekommen. Die Antwort finden Sie unter "
                    "„Meine Nachrichten“."
                ),
            )
            return submission.finish(
                redirect("exchange:conversation_detail", pk=message.conversation_id)
            )
    return render(
        request,
        "exchange/listing_detail.html",
        {"listing": listing, "form": form, "member": member},
    )


def register(request):
    """Registration with consent; the account is usable after confirming the e-mail."""
    municipality = _municipality_for_request(request)
    form = RegistrationForm(request.POST or None, municipality=municipality)
    if request.method == "POST":
        account = limits_account_key(request.POST.get("email", ""))
        too_many = limits.refused(
            request, limits.REGISTRATION_ACCOUNT, limits.REGISTRATION_CLIENT, account=account
        )
        if too_many is not None:
            return too_many
        if form.honeypot_filled:
            # Answered like a success: a program learns nothing, and nobody gets a mail.
            limits.count(
                request, limits.REGISTRATION_ACCOUNT, limits.REGISTRATION_CLIENT, account=account
            )
            return render(
                request, "exchange/registration_sent.html", {"email": request.POST.get("email")}
            )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with idempotency.Submission(request, "exchange.register") as submission:
            if submission.repeated:
                # The same page as the first answer; no second account, no second mail.
                return render(request, "exchange/registration_sent.html", {"email": data["email"]})
            limits.count(
                request, limits.REGISTRATION_ACCOUNT, limits.REGISTRATION_CLIENT, account=account
            )
            _registration_submit(request, municipality, data)
            submission.finish(None)
        return render(request, "exchange/registration_sent.html", {"email": data["email"]})
    return render(request, "exchange/register.html", {"form": form})


def _registration_submit(request, municipality, data) -> None:
    services.registration_submit(
        site_url=request.build_absolute_uri("/"),
        email=data["email"],
        password=data["password"],
        display_name=data["display_name"],
        municipality=municipality,
        district=data["district"],
        kind=data["kind"],
        network_profile=data["network_profile"],
        is_minor=data["is_minor"],
        guardian_name=data["guardian_name"],
    )


def confirm_email(request, token: str):
    """The link from the confirmation mail."""
    try:
        member = services.member_email_confirm(token=token)
    except ValidationError as error:
        return render(
            request, "exchange/confirm_email.html", {"error": error.messages[0]}, status=400
        )
    return render(request, "exchange/confirm_email.html", {"member": member})


class ResidentLoginView(auth_views.LoginView):
    """Sign-in for residents on the public site (never the Wagtail admin's)."""

    template_name = "exchange/login.html"
    authentication_form = ResidentLoginForm
    redirect_authenticated_user = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        portal = tenancy.portal_for_request(self.request)
        kwargs["municipality"] = portal.municipality if portal else None
        return kwargs

    def get_default_redirect_url(self):
        # Staff accounts (editors, providers) have no listings: their place is the admin,
        # not a bare "403 Forbidden" on "Meine Anzeigen".
        user = self.request.user
        if user_is_staff_account(user) and not selectors.memberships_of(user).exists():
            return reverse("wagtailadmin_home")
        return reverse("exchange:my_listings")


class ResidentLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("exchange:listing_list")


def _member_or_403(request):
    """The signed-in account's membership of this portal's municipality, or 403."""
    member = member_for_user(request.user, _municipality_for_request(request))
    if member is None:
        raise PermissionDenied
    return member


@resident_login_required
def my_listings(request):
    """A member's own listings in every state, with their status.

    An account that is a member elsewhere but not here is offered to apply here.
    """
    municipality = _municipality_for_request(request)
    member = member_for_user(request.user, municipality)
    if member is None:
        if not selectors.memberships_of(request.user).exists():
            raise PermissionDenied
        return redirect("exchange:membership_apply")
    return render(
        request,
        "exchange/my_listings.html",
        {
            "member": member,
            "listings": selectors.member_listings(member),
            "can_post": member_can_post(member),
        },
    )


def _listing_form_view(request, *, member, listing=None):
    form = PublicListingForm(
        request.POST or None, instance=listing, municipality=member.municipality, member=member
    )
    account = str(request.user.pk)
    if request.method == "POST" and listing is None:
        too_many = limits.refused(
            request, limits.LISTING_ACCOUNT, limits.LISTING_CLIENT, account=account
        )
        if too_many is not None:
            return too_many
        if form.honeypot_filled:
            limits.count(request, limits.LISTING_ACCOUNT, limits.LISTING_CLIENT, account=account)
            messages.success(request, _("Ihr Eintrag wurde gespeichert."))
            return redirect("exchange:my_listings")
    if request.method == "POST" and form.is_valid():
        # A new listing is made once per form, however often it is sent (double click).
        with idempotency.Submission(request, "exchange.listing_create") as submission:
            if listing is None and submission.repeated:
                return submission.repeated_redirect(default=reverse("exchange:my_listings"))
            if listing is None:
                limits.count(
                    request, limits.LISTING_ACCOUNT, limits.LISTING_CLIENT, account=account
                )
            submit = "save_draft" not in request.POST
            try:
                if listing is None:
                    services.listing_create(member=member, data=form.cleaned_data, submit=submit)
                else:
                    services.listing_update(
                        listing=listing, by=request.user, data=form.cleaned_data, submit=submit
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Ihr Eintrag wurde gespeichert."))
                return submission.finish(redirect("exchange:my_listings"))
    return render(request, "exchange/listing_form.html", {"form": form, "listing": listing})


@resident_login_required
def listing_create(request):
    member = _member_or_403(request)
    if not member_can_post(member):
        raise PermissionDenied
    return _listing_form_view(request, member=member)


def _own_listing(request, pk: int):
    member = _member_or_403(request)
    if not member_can_post(member):
        raise PermissionDenied
    listing = get_object_or_404(member.listings, pk=pk)
    return member, listing


@resident_login_required
def listing_edit(request, pk: int):
    member, listing = _own_listing(request, pk)
    if states.listing_state(listing) not in states.LISTING_EDITABLE_STATES:
        raise PermissionDenied
    return _listing_form_view(request, member=member, listing=listing)


@resident_login_required
@require_POST
def listing_close(request, pk: int):
    _member, listing = _own_listing(request, pk)
    try:
        services.listing_close(listing=listing, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Ihr Eintrag ist beendet."))
    return redirect("exchange:my_listings")


@resident_login_required
def consent_withdraw(request):
    """Withdraw consent as easily as it was given: one page, one button."""
    member = _member_or_403(request)
    if request.method == "POST":
        # Withdrawn already: the state rules allow it once; the answer is the same.
        with contextlib.suppress(ValidationError):
            services.member_consent_withdraw(member=member)
        logout(request)
        return render(request, "exchange/consent_withdrawn.html")
    return render(
        request,
        "exchange/consent_withdraw.html",
        {"member": member, "consents": member.consents.all()},
    )


@resident_login_required
def membership_apply(request):
    """Apply to this municipality's exchange with an account that is a member elsewhere."""
    municipality = _municipality_for_request(request)
    memberships = selectors.memberships_of(request.user)
    if not memberships.exists():
        raise PermissionDenied
    if memberships.filter(municipality=municipality).exists():
        return redirect("exchange:my_listings")
    form = MembershipApplicationForm(
        request.POST if request.method == "POST" else None,
        municipality=municipality,
        is_minor=selectors.user_is_minor(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_apply(
                user=request.user,
                municipality=municipality,
                district=form.cleaned_data["district"],
                display_name=form.cleaned_data["display_name"],
                guardian_name=form.cleaned_data.get("guardian_name", ""),
            )
        except ValidationError:  # applied a moment ago by the same form sent twice
            return redirect("exchange:my_listings")
        messages.success(
            request,
            _(
                "Ihre Anmeldung ist eingegangen. Ihre Anmeldung wartet auf die Freigabe durch "
                "die Kommune. Danach können Sie Einträge schreiben und beantworten. Sie "
                "bekommen dann eine E-Mail."
            ),
        )
        return redirect("exchange:my_listings")
    return render(
        request, "exchange/membership_apply.html", {"form": form, "municipality": municipality}
    )


@resident_login_required
def account_export(request):
    """Everything the platform holds about the account, as JSON (DSGVO Art. 15 and 20)."""
    if not selectors.memberships_of(request.user).exists():
        raise PermissionDenied
    response = JsonResponse(
        selectors.account_data_export(request.user),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="meine-daten-nachbarschaftshilfe.json"'
    return response


@resident_login_required
def account_delete(request):
    """Delete the account and everything about it (DSGVO Art. 17), after a confirmation."""
    if not selectors.memberships_of(request.user).exists():
        raise PermissionDenied
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_erase(user=user)
        return render(request, "exchange/account_deleted.html")
    return render(request, "exchange/account_delete.html", {"form": form})


NOTICE_TAB_COUNT = 8


def listing_short_link(request, pk: int):
    """/eintrag/<number>: the short address printed on notices, short enough to type."""
    municipality = _municipality_for_request(request)
    listing = get_object_or_404(
        selectors.listings_visible_to(request.user).filter(municipality=municipality), pk=pk
    )
    return redirect("exchange:listing_detail", pk=listing.pk)


def _notice(request, pk: int, *, as_pdf: bool):
    municipality = _municipality_for_request(request)
    visible = selectors.listings_visible_to(request.user).filter(municipality=municipality)
    listing = get_object_or_404(selectors.with_card_data(visible), pk=pk)
    context = {
        "listing": listing,
        "municipality": municipality,
        "tabs": range(NOTICE_TAB_COUNT),
        "pdf_path": reverse("exchange:listing_notice_pdf", args=[listing.pk]),
    }
    return render_printable(
        request,
        "exchange/listing_notice.html",
        context,
        as_pdf=as_pdf,
        filename=f"aushang-nachbarschaftshilfe-{listing.pk}.pdf",
    )


def listing_notice(request, pk: int):
    """A notice to pin up, with tear-off tabs; only for publicly visible listings.

    Proxy helpers print these for residents without internet. Answers go through the
    platform: the notice names the listing's number and address, never its owner's.
    """
    return _notice(request, pk, as_pdf=False)


@bounded_pdf()
def listing_notice_pdf(request, pk: int):
    """The same notice as a PDF (A4, one page)."""
    return _notice(request, pk, as_pdf=True)
