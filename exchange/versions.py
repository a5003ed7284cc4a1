"""The version of a listing or member that a moderator saw, carried by their forms.

A moderator decides on what the screen showed them. The detail screens put
`version_of(obj)` into a hidden field of every action form; the services compare it,
inside their transaction and with the row locked, with the version of the stored row
(`version_check`) and refuse when the two differ: the member changed the text, or
another moderator acted first. The moderator then sees the current state instead of
deciding on an old one.

The version is a hash of what the moderator decides on (state and content), not a
timestamp: a save that changes nothing the moderator sees does not invalidate it.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .models import Listing, Member

# What a moderator sees of a listing and of a member on their detail screens.
LISTING_VERSION_FIELDS = (
    "status",
    "kind",
    "listing_type",
    "pocket_money_amount",
    "category_id",
    "title",
    "description",
    "district_id",
    "locality",
    "social_space_id",
    "valid_until",
    "removal_reason",
    "sent_back_comment",
)
MEMBER_VERSION_FIELDS = (
    "status",
    "kind",
    "display_name",
    "network_profile",
    "district_id",
    "is_minor",
    "email_confirmed_at",
)


class ChangedSinceSeen(ValidationError):
    """The object changed after the moderator looked at it; nothing was done."""


def version_of(obj) -> str:
    """A short hash of the listing's or member's state and content."""
    fields = LISTING_VERSION_FIELDS if isinstance(obj, Listing) else MEMBER_VERSION_FIELDS
    text = "\x1f".join(f"{name}={getattr(obj, name)!s}" for name in fields)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def changed_message(obj) -> str:
    if isinstance(obj, Member):
        return gettext(
            "Dieses Mitglied wurde inzwischen schon bearbeitet. Bitte sehen Sie sich den "
            "aktuellen Stand an und entscheiden Sie dann noch einmal."
        )
    return gettext(
        "Diese Anzeige wurde inzwischen schon bearbeitet. Bitte sehen Sie sich den "
        "aktuellen Stand an und entscheiden Sie dann noch einmal."
    )


def version_check(obj, seen_version: str | None) -> None:
    """Refuse when `seen_version` (from the moderator's form) is not the stored version.

    `obj` must hold the row as read under the lock. `None` means the caller carries no
    version (a management command, the API); an empty or foreign value is refused.
    """
    if seen_version is None:
        return
    if seen_version != version_of(obj):
        raise ChangedSinceSeen(changed_message(obj), code="changed_since_seen")
