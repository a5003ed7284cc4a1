"""Admin screens of conversations: proxy helpers answer for their clients, and
municipality admins read the feedback on helps of their municipality.

As in admin_views, every object comes from a selector narrowed to the user's
municipalities, so a foreign id is a 404. Whatever a helper does here is done in the
client's name and logged with the helper's name.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.roles.enums import Role

from . import conversations
from .admin_views import _page, _render, role_required
from .conversation_forms import HelpConfirmForm, MessageForm
from .enums import ListingStatus
from .models import Conversation
from .models_conversations import Side


def _helper_conversation(request, pk: int):
    return get_object_or_404(conversations.conversations_for_helper(request.user), pk=pk)


@role_required(Role.PROXY_HELPER)
def conversation_index(request):
    """The conversations of the helper's clients, newest first, with unread counts."""
    return _render(
        request,
        "conversation_index.html",
        _("Nachrichten für Personen ohne Internet"),
        "mail",
        page_obj=_page(request, conversations.conversations_for_helper(request.user)),
    )


@role_required(Role.PROXY_HELPER)
def conversation_detail(request, pk: int):
    """Read a client's conversation and reply in the client's name."""
    conversation = _helper_conversation(request, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversations.message_send_for_client(
                conversation=conversation, by=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Nachricht im Namen der Person gesendet."))
            return redirect("exchange_proxy:conversation_detail", pk=conversation.pk)
    Conversation.objects.filter(pk=conversation.pk).update(owner_read_at=timezone.now())
    help = conversations.help_of(conversation)
    return _render(
        request,
        "conversation_detail.html",
        conversation.listing.title,
        "mail",
        conversation=conversation,
        conversation_messages=conversations.conversation_messages(conversation),
        form=None if conversation.is_closed else form,
        can_accept=not conversation.is_closed
        and help is None
        and conversation.listing.status == ListingStatus.PUBLISHED,
        help=help,
        help_status=conversations.help_status(help, timezone.now()) if help else "",
        can_confirm=bool(help) and help.owner_confirmed_at is None,
        confirm_form=HelpConfirmForm(
            with_hours=bool(help) and help.listing_type in conversations.HOURS_LISTING_TYPES
        ),
        owner_side=Side.OWNER,
    )


@require_POST
@role_required(Role.PROXY_HELPER)
def conversation_action(request, pk: int, action: str):
    """Accept the helper, confirm the help or close the conversation, for the client."""
    conversation = _helper_conversation(request, pk)
    try:
        if action == "vermitteln":
            conversations.help_accept(conversation=conversation, by=request.user)
            done = _("Vermittelt. Der Eintrag ist nicht mehr öffentlich.")
        elif action == "bestaetigen":
            help = conversations.help_of(conversation)
            if help is None:
                raise PermissionDenied
            form = HelpConfirmForm(
                request.POST, with_hours=help.listing_type in conversations.HOURS_LISTING_TYPES
            )
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            conversations.help_confirm(
                help=help, by=request.user, hours=form.cleaned_data.get("hours")
            )
            done = _("Für die Person bestätigt.")
        elif action == "beenden":
            conversations.conversation_close(conversation=conversation, by=request.user)
            done = _("Die Unterhaltung ist beendet.")
        else:
            raise PermissionDenied
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("exchange_proxy:conversation_detail", pk=conversation.pk)


@role_required(Role.MUNICIPALITY_ADMIN)
def feedback_index(request):
    """Feedback on the helps of the admin's municipality, safety concerns first."""
    return _render(
        request,
        "feedback_index.html",
        _("Rückmeldungen zu Hilfen"),
        "comment",
        page_obj=_page(request, conversations.feedback_for_admin(request.user)),
    )
