"""Public views of conversations ("Meine Nachrichten"), agreed help, feedback and the
volunteering certificate.

Every conversation comes from `conversations.conversations_of(member)`: a member who
is on neither side gets a 404, whatever the id. The actions shown are the ones the
services would allow; the services check again.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.core import idempotency, ratelimit, response_cache
from cms.core.pdf_limits import bounded_pdf
from cms.pdf.render import pdf_response

from . import certificates, conversations
from .conversation_forms import CertificateCheckForm, FeedbackForm, HelpConfirmForm, MessageForm
from .enums import ListingStatus
from .models import Certificate, Conversation, Feedback
from .models_conversations import HelpStatus, Side
from .permissions import member_can_post
from .views import RATE_LIMITED_MESSAGE, _member_or_403, resident_login_required


def _rate_limited(request, error: conversations.MessageRateLimited):
    return ratelimit.too_many_requests(request, error.decision, RATE_LIMITED_MESSAGE)


def _own_conversation(request, pk: int):
    member = _member_or_403(request)
    conversation = get_object_or_404(conversations.conversations_of(member), pk=pk)
    return member, conversation


def _help_actions(help, side: str, now) -> dict:
    """Which help actions this side has now (the services decide the same way)."""
    if help is None:
        return {}
    status = conversations.help_status(help, now)
    mine = getattr(help, f"{side}_confirmed_at")
    other = getattr(help, f"{'owner' if side == Side.ANSWERER else 'answerer'}_confirmed_at")
    return {
        "help_status": status,
        "help_status_label": HelpStatus(status).label,
        "can_confirm": mine is None,
        "can_object": mine is None and other is not None and status == HelpStatus.AWAITING,
        "can_give_feedback": mine is not None
        and not Feedback.objects.filter(help=help, side=side).exists(),
        "with_hours": help.listing_type in conversations.HOURS_LISTING_TYPES,
    }


@resident_login_required
def conversation_list(request):
    """ "Meine Nachrichten": the member's conversations, newest first, with unread counts."""
    member = _member_or_403(request)
    return render(
        request,
        "exchange/conversation_list.html",
        {"member": member, "conversations": conversations.conversations_of(member)},
    )


@resident_login_required
def conversation_detail(request, pk: int):
    """One conversation: its messages, the reply form and the actions of this side."""
    member, conversation = _own_conversation(request, pk)
    side = conversation.side_of(member)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scope = f"exchange.message_send.{conversation.pk}"
        with idempotency.Submission(request, scope) as submission:
            if submission.repeated:
                return submission.repeated_redirect(
                    default=reverse("exchange:conversation_detail", args=[conversation.pk])
                )
            try:
                conversations.message_send(
                    conversation=conversation, member=member, body=form.cleaned_data["body"]
                )
            except conversations.MessageRateLimited as error:
                return _rate_limited(request, error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Ihre Nachricht wurde gesendet."))
                return submission.finish(
                    redirect("exchange:conversation_detail", pk=conversation.pk)
                )
    Conversation.objects.filter(pk=conversation.pk).update(**{f"{side}_read_at": timezone.now()})
    other = conversation.other_member(member)
    help = conversations.help_of(conversation)
    writable = (
        not conversation.is_closed
        and member_can_post(member)
        and not (other and conversations.members_blocked_between(member, other))
    )
    context = {
        "conversation": conversation,
        "side": side,
        "other_name": conversation.display_name_of(
            Side.OWNER if side == Side.ANSWERER else Side.ANSWERER
        ),
        "conversation_messages": conversations.conversation_messages(conversation),
        "form": form if writable else None,
        "can_block": other is not None,
        "can_accept": writable
        and side == Side.OWNER
        and help is None
        and conversation.listing.status == ListingStatus.PUBLISHED,
        "help": help,
        **_help_actions(help, side, timezone.now()),
        "confirm_form": HelpConfirmForm(
            with_hours=bool(help) and help.listing_type in conversations.HOURS_LISTING_TYPES
        ),
    }
    return render(request, "exchange/conversation_detail.html", context)


def _action(request, pk: int, service, done: str, **kwargs):
    member, conversation = _own_conversation(request, pk)
    try:
        service(conversation=conversation, member=member, **kwargs)
    except conversations.MessageRateLimited as error:
        return _rate_limited(request, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("exchange:conversation_detail", pk=conversation.pk)


@resident_login_required
@require_POST
def conversation_share_contact(request, pk: int):
    """ "Meine Kontaktdaten teilen": a message with the member's e-mail (and phone)."""
    return _action(request, pk, conversations.contact_share, _("Ihre Kontaktdaten wurden geteilt."))


@resident_login_required
@require_POST
def conversation_close(request, pk: int):
    return _action(
        request, pk, conversations.conversation_close, _("Die Unterhaltung ist beendet.")
    )


@resident_login_required
@require_POST
def conversation_accept(request, pk: int):
    """The owner accepts the answering member: the listing is "vermittelt"."""
    return _action(
        request, pk, conversations.help_accept, _("Abgemacht. Ihr Eintrag ist jetzt vermittelt.")
    )


@resident_login_required
@require_POST
def conversation_block(request, pk: int):
    """Block the other member: the conversation ends and neither sees the other's listings."""
    member, conversation = _own_conversation(request, pk)
    other = conversation.other_member(member)
    if other is None:
        raise Http404
    conversations.member_block_by_member(blocker=member, blocked=other)
    messages.success(
        request,
        _(
            "Sie haben %(name)s blockiert. Sie schreiben sich nicht mehr und sehen "
            "die Einträge des anderen nicht mehr."
        )
        % {"name": other.display_name},
    )
    return redirect("exchange:conversation_list")


def _own_help(request, pk: int):
    member, conversation = _own_conversation(request, pk)
    help = conversations.help_of(conversation)
    if help is None:
        raise Http404
    return member, conversation, help


@resident_login_required
@require_POST
def help_confirm(request, pk: int):
    """This side confirms that the help happened (with the hours where counted)."""
    member, conversation, help = _own_help(request, pk)
    form = HelpConfirmForm(
        request.POST, with_hours=help.listing_type in conversations.HOURS_LISTING_TYPES
    )
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("exchange:conversation_detail", pk=conversation.pk)
    try:
        conversations.help_confirm(help=help, member=member, hours=form.cleaned_data.get("hours"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Danke! Sie haben bestätigt, dass die Hilfe stattgefunden hat.")
        )
    return redirect("exchange:conversation_detail", pk=conversation.pk)


@resident_login_required
@require_POST
def help_object(request, pk: int):
    member, conversation, help = _own_help(request, pk)
    try:
        conversations.help_object(help=help, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Sie haben widersprochen. Die Hilfe zählt nicht als bestätigt.")
        )
    return redirect("exchange:conversation_detail", pk=conversation.pk)


@resident_login_required
def help_feedback(request, pk: int):
    """Leave a rating and a comment once; a safety concern goes to the municipality."""
    member, conversation, help = _own_help(request, pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversations.feedback_give(help=help, member=member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Danke für Ihre Rückmeldung."))
            return redirect("exchange:conversation_detail", pk=conversation.pk)
    return render(
        request,
        "exchange/help_feedback.html",
        {"form": form, "conversation": conversation, "help": help},
    )


@resident_login_required
def feedback_received(request):
    """The feedback others left about this member's helps (never the safety notes)."""
    member = _member_or_403(request)
    return render(
        request,
        "exchange/feedback_received.html",
        {
            "member": member,
            "feedback": conversations.feedback_received_by(member),
            "confirmed_count": conversations.confirmed_help_count(member, timezone.now()),
        },
    )


# Certificate ---------------------------------------------------------------------------


@resident_login_required
def certificate(request):
    """The confirmed help the member gave; a POST issues a certificate as PDF."""
    member = _member_or_403(request)
    if request.method == "POST":
        # One certificate per click of the button, however often the form is sent.
        with idempotency.Submission(request, "exchange.certificate_issue") as submission:
            if submission.repeated:
                return submission.repeated_redirect(default=reverse("exchange:certificate"))
            issued = certificates.certificate_issue(member=member)
            return submission.finish(redirect("exchange:certificate_pdf", pk=issued.pk))
    return render(
        request,
        "exchange/certificate.html",
        {
            "member": member,
            "content": certificates.certificate_content(member, timezone.now()),
            "issued": member.certificates.all(),
            "submission_token": idempotency.new_token(),
        },
    )


@resident_login_required
@bounded_pdf(cacheable=False)  # a person's own document: counted, never cached
def certificate_pdf(request, pk: int):
    """An issued certificate of this member as PDF (only their own)."""
    member = _member_or_403(request)
    issued = get_object_or_404(Certificate.objects.filter(member=member), pk=pk)
    check_url = request.build_absolute_uri(reverse("exchange:certificate_check"))
    html = render_to_string(
        "exchange/certificate_pdf.html",
        {"certificate": issued, "content": issued.snapshot, "check_url": check_url},
        request=request,
    )
    return pdf_response(
        html,
        base_url=request.build_absolute_uri("/"),
        filename=f"ehrenamtsnachweis-{issued.issued_at:%Y-%m-%d}.pdf",
    )


CHECK_LIMITED_MESSAGE = gettext_lazy(
    "Von Ihrem Anschluss wurden in kurzer Zeit sehr viele Prüfcodes abgefragt. Bitte "
    "warten Sie etwas und versuchen Sie es dann noch einmal."
)


def certificate_check(request):
    """Anyone with a certificate's code sees exactly what it states, nothing else."""
    form = CertificateCheckForm(request.GET or None)
    found, checked = None, False
    if form.is_bound and form.is_valid():
        address = ratelimit.client_address(request)
        decision = ratelimit.check(certificates.CERTIFICATE_CHECK, address)
        if decision.locked:
            return ratelimit.too_many_requests(request, decision, CHECK_LIMITED_MESSAGE)
        ratelimit.hit(certificates.CERTIFICATE_CHECK, address)
        found = certificates.certificate_for_code(form.cleaned_data["code"])
        checked = True
    response = render(
        request,
        "exchange/certificate_check.html",
        {"form": form, "certificate": found, "checked": checked},
    )
    # Every lookup of a code counts against the limit, also one asked before.
    return response_cache.not_cached(response) if checked else response
