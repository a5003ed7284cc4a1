"""Reporting a listing or a member from the public site (moderation.reports).

Any signed-in, approved member of this portal's municipality may report what they can
see here, once per thing. The report goes to the moderation queue of the
municipality; the reported member never learns who reported. Reports are limited per
account and per client address, and the form carries a honeypot.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy

from cms.core import idempotency
from cms.core.honeypot import HoneypotMixin
from cms.core.idempotency import SubmissionTokenMixin
from moderation import reports
from moderation.forms import ReportForm

from . import conversations, limits, selectors
from .enums import MemberStatus
from .models import Member, Message
from .permissions import member_can_post, member_for_user
from .views import _municipality_for_request, resident_login_required

THANKS = gettext_lazy(
    "Danke für Ihre Meldung. Die Moderation Ihrer Kommune sieht sie sich an. "
    "Niemand sonst erfährt, dass Sie gemeldet haben."
)


class PublicReportForm(SubmissionTokenMixin, HoneypotMixin, ReportForm):
    """The public report form with the honeypot."""


def _report(request, *, obj, reporter_member, back_to, subject: str):
    if not member_can_post(reporter_member):
        raise PermissionDenied
    if reports.target_for(obj).owner_user(obj) == request.user:
        raise PermissionDenied  # one's own listing or membership is not reported
    form = PublicReportForm(request.POST if request.method == "POST" else None)
    account = str(request.user.pk)
    if request.method == "POST":
        too_many = limits.refused(
            request, limits.REPORT_ACCOUNT, limits.REPORT_CLIENT, account=account
        )
        if too_many is not None:
            return too_many
        if form.honeypot_filled:
            limits.count(request, limits.REPORT_ACCOUNT, limits.REPORT_CLIENT, account=account)
            messages.success(request, str(THANKS))
            return back_to
        if form.is_valid():
            return _report_submit(request, obj=obj, form=form, back_to=back_to, subject=subject)
    return render(request, "exchange/report_form.html", {"form": form, "subject": subject})


def _report_submit(request, *, obj, form, back_to, subject: str):
    """File the report once per form: a repeated POST thanks again and does nothing."""
    account = str(request.user.pk)
    with idempotency.Submission(request, "exchange.report") as submission:
        if submission.repeated:
            return submission.repeated_redirect(default=back_to["Location"])
        limits.count(request, limits.REPORT_ACCOUNT, limits.REPORT_CLIENT, account=account)
        try:
            reports.report_submit(
                obj=obj,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, str(THANKS))
            return submission.finish(back_to)
    return render(request, "exchange/report_form.html", {"form": form, "subject": subject})
    return render(request, "exchange/report_form.html", {"form": form, "subject": subject})


@resident_login_required
def report_listing(request, pk: int):
    """Report a listing that is visible on this portal."""
    municipality = _municipality_for_request(request)
    listing = get_object_or_404(
        selectors.listings_visible_to(request.user).filter(municipality=municipality), pk=pk
    )
    return _report(
        request,
        obj=listing,
        reporter_member=member_for_user(request.user, municipality),
        back_to=redirect("exchange:listing_detail", pk=listing.pk),
        subject=listing.title,
    )


@resident_login_required
def report_member(request, pk: int):
    """Report a member of this portal's exchange (as shown by their listings)."""
    municipality = _municipality_for_request(request)
    member = get_object_or_404(
        Member.objects.filter(municipality=municipality, status=MemberStatus.APPROVED), pk=pk
    )
    return _report(
        request,
        obj=member,
        reporter_member=member_for_user(request.user, municipality),
        back_to=redirect("exchange:listing_list"),
        subject=member.display_name,
    )


@resident_login_required
def report_message(request, pk: int):
    """Report a message the other side wrote in one of the member's own conversations."""
    municipality = _municipality_for_request(request)
    member = member_for_user(request.user, municipality)
    if member is None:
        raise PermissionDenied
    message = get_object_or_404(
        Message.objects.filter(conversation__in=conversations.conversations_of(member))
        .exclude(author=member)
        .select_related("conversation__listing", "author__user", "proxy_author"),
        pk=pk,
    )
    return _report(
        request,
        obj=message,
        reporter_member=member,
        back_to=redirect("exchange:conversation_detail", pk=message.conversation_id),
        subject=reports.target_for(message).subject(message),
    )
