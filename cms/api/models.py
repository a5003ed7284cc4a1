"""What the API remembers for apps that sync: departures (tombstones) and change marks.

Neither holds content. A `Departure` records that an item left public view and why; a
`ChangeMark` records that something an item shows changed without the item itself
being edited (its organiser renamed, its category renamed, its provider's consent
restored), so that `updated_since` returns it again. Both are written by the receivers
in `signals.py` (and by `cms.api.sync.record_departures` / `mark_changed` from any
future cause); visibility itself is never stored here, it is always decided by the
selectors.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken

from .enums import DepartureReason, ItemType


class Departure(models.Model):
    """An item that left public view: the tombstone an app receives."""

    item_type = models.CharField(max_length=30, choices=ItemType.choices)
    item_id = models.BigIntegerField()
    reason = models.CharField(max_length=30, choices=DepartureReason.choices)
    departed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["item_type", "departed_at"], name="departure_type_time_idx")
        ]

    def __str__(self) -> str:
        return f"{self.item_type} {self.item_id}: {self.reason}"


class ChangeMark(models.Model):
    """The last time something an item displays changed (one row per item)."""

    item_type = models.CharField(max_length=30, choices=ItemType.choices)
    item_id = models.BigIntegerField()
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item_type", "item_id"], name="unique_change_mark")
        ]

    def __str__(self) -> str:
        return f"{self.item_type} {self.item_id} @ {self.changed_at}"


class ResidentToken(AbstractAuthToken):
    """A resident's API sign-in (django-rest-knox): only its hash is stored, it expires.

    Each token is bound to the one membership it was issued for, since memberships
    count per municipality: it acts there and nowhere else. It also remembers a mark
    of the account's password (Django's session hash), so that any change of the
    password, wherever it happens, ends every token issued before it.
    """

    member = models.ForeignKey(
        "exchange.Member", on_delete=models.CASCADE, related_name="api_tokens"
    )
    password_mark = models.CharField(max_length=128)

    class Meta:
        verbose_name = _("Anmeldung in einer App")
        verbose_name_plural = _("Anmeldungen in Apps")

    def __str__(self) -> str:
        return f"{self.token_key} ({self.member_id})"
