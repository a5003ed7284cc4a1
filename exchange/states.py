"""The state rules of the exchange, written once: which transition is allowed from where.

Members and listings move between states only through the named transitions below.
Each transition lists the states it may start from and the states it may lead to;
services call `apply` inside their transaction, with the row locked, before they
write, and views and templates ask `allowed_transitions` which actions to offer
instead of comparing status strings.

    if states.can(member, "unblock"): ...
    states.apply(listing, "submit", target=ListingStatus.PENDING)  # sets listing.status

A listing's state is its stored status, except that a published listing past its
`valid_until` is "expired" (`listing_state`): expiry needs no job, and an expired
listing is published again only by editing and resubmitting it.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .enums import ListingStatus, MemberStatus
from .models import Listing, Member


@dataclass(frozen=True)
class Transition:
    """A named move from one of `sources` to one of `targets`.

    `needs_reason`: the person acting must say why (it is mailed and logged).
    `by_clock`: nobody applies it; time does (a listing expiring).
    """

    name: str
    label: str
    sources: frozenset
    targets: tuple
    needs_reason: bool = False
    by_clock: bool = False


class TransitionNotAllowed(ValidationError):
    """A transition that the state rules do not allow from the object's current state."""


def _transition(name, label, sources, targets, **options) -> Transition:
    return Transition(name, label, frozenset(sources), tuple(targets), **options)


M = MemberStatus
MEMBER_TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        _transition("approve", _("Freigeben"), [M.PENDING], [M.APPROVED]),
        _transition("reject", _("Ablehnen"), [M.PENDING], [M.REJECTED], needs_reason=True),
        _transition(
            "block",
            _("Sperren (blendet alle Einträge aus und meldet ab)"),
            [M.APPROVED],
            [M.BLOCKED],
            needs_reason=True,
        ),
        # Only an approved member is ever blocked, so "unblock" returns to approved and
        # never approves a member who was not (the approval checks run again as well).
        _transition("unblock", _("Sperre aufheben"), [M.BLOCKED], [M.APPROVED]),
        # The member's own decision; no admin action brings them back.
        _transition(
            "withdraw",
            _("Einwilligung widerrufen"),
            [M.PENDING, M.APPROVED, M.REJECTED, M.BLOCKED],
            [M.WITHDRAWN],
        ),
    )
}

L = ListingStatus
LISTING_TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        # Saving with "submit": into review or straight to the public list, depending on
        # the municipality; an expired listing comes back this way after an edit.
        _transition(
            "submit",
            _("Absenden"),
            [L.DRAFT, L.PENDING, L.PUBLISHED, L.EXPIRED],
            [L.PENDING, L.PUBLISHED],
        ),
        _transition(
            "save_draft",
            _("Als Entwurf speichern"),
            [L.DRAFT, L.PENDING, L.PUBLISHED, L.EXPIRED],
            [L.DRAFT],
        ),
        _transition("approve", _("Freigeben"), [L.PENDING], [L.PUBLISHED]),
        # The moderator returns a listing to its owner with a comment on what to change.
        _transition(
            "send_back",
            _("Zur Überarbeitung zurückschicken"),
            [L.PENDING, L.PUBLISHED],
            [L.DRAFT],
            needs_reason=True,
        ),
        _transition(
            "remove",
            _("Entfernen"),
            [L.PENDING, L.PUBLISHED, L.EXPIRED, L.MATCHED],
            [L.REMOVED],
            needs_reason=True,
        ),
        # Back to the state it had when it was removed (Listing.status_before_removal).
        _transition(
            "restore", _("Wiederherstellen"), [L.REMOVED], [L.PENDING, L.PUBLISHED, L.MATCHED]
        ),
        _transition("match", _("Vermittelt"), [L.PUBLISHED], [L.MATCHED]),
        # The owner may end a listing in any open state; a closed one stays closed.
        _transition(
            "close",
            _("Beenden"),
            [L.DRAFT, L.PENDING, L.PUBLISHED, L.EXPIRED, L.MATCHED],
            [L.CLOSED],
        ),
        _transition("expire", _("Ablaufen"), [L.PUBLISHED], [L.EXPIRED], by_clock=True),
    )
}

# The states an owner may still edit the text of (editing then submits or saves a draft).
LISTING_EDITABLE_STATES = frozenset({L.DRAFT, L.PENDING, L.PUBLISHED, L.EXPIRED})


def listing_state(listing: Listing) -> str:
    """The listing's state: its status, or "expired" for a published one past its date."""
    if listing.status == L.PUBLISHED and listing.valid_until < timezone.localdate():
        return L.EXPIRED
    return listing.status


def state_of(obj) -> str:
    return listing_state(obj) if isinstance(obj, Listing) else obj.status


def transitions_for(obj) -> dict[str, Transition]:
    if isinstance(obj, Listing):
        return LISTING_TRANSITIONS
    if isinstance(obj, Member):
        return MEMBER_TRANSITIONS
    raise TypeError(f"No state rules for {type(obj).__name__}")


def can(obj, transition: str) -> bool:
    """Whether `transition` may be applied to `obj` in its current state."""
    rule = transitions_for(obj).get(transition)
    return rule is not None and not rule.by_clock and state_of(obj) in rule.sources


def allowed_transitions(obj) -> list[Transition]:
    """The transitions a person may apply to `obj` now, in the table's order."""
    state = state_of(obj)
    return [
        rule
        for rule in transitions_for(obj).values()
        if not rule.by_clock and state in rule.sources
    ]


def apply(obj, transition: str, *, target: str | None = None) -> str:
    """Move `obj` along `transition` (sets `obj.status`, saves nothing); returns the state.

    Raises TransitionNotAllowed for an unknown transition, one not allowed from the
    current state, or a target the transition does not lead to. A transition with
    more than one target needs `target`.
    """
    rules = transitions_for(obj)
    rule = rules.get(transition)
    state = state_of(obj)
    if rule is None or rule.by_clock or state not in rule.sources:
        raise TransitionNotAllowed(
            gettext("Das ist im Zustand „%(state)s“ nicht möglich.")
            % {"state": _state_label(obj, state)},
            code="transition_not_allowed",
        )
    if target is None:
        if len(rule.targets) != 1:
            raise TransitionNotAllowed(
                gettext("Der neue Zustand fehlt."), code="transition_target_missing"
            )
        target = rule.targets[0]
    if target not in rule.targets:
        raise TransitionNotAllowed(
            gettext("Dieser Zustand ist hier nicht möglich."), code="transition_target_invalid"
        )
    obj.status = target
    return target


def _state_label(obj, state: str) -> str:
    choices = ListingStatus if isinstance(obj, Listing) else MemberStatus
    return str(dict(choices.choices).get(state, state))
