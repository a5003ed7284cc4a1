"""Conversations between members, blocks, agreed helps, their feedback and certificates.

Imported by `exchange.models`, so Django finds these models; writes go through
`exchange.conversations` and `exchange.certificates`, reads for members through the
selectors there.

A conversation has two sides: the answering member and the listing's owner side,
which is either a member or a proxy client (whose side the municipality's proxy
helpers write for, logged). Which side gives the help follows from the listing: the
owner of an offer gives it, the one who answers a request gives it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import ListingKind

MESSAGE_MAX_LENGTH = 2000
FEEDBACK_COMMENT_MAX_LENGTH = 1000


class Side(models.TextChoices):
    """The two sides of a conversation (and of the help agreed in it)."""

    ANSWERER = "answerer", _("Antwortende Person")
    OWNER = "owner", _("Person mit dem Eintrag")


class Conversation(models.Model):
    """Messages about one listing between the member who answered and its owner side."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.PROTECT,
        related_name="exchange_conversations",
    )
    listing = models.ForeignKey(
        "exchange.Listing",
        verbose_name=_("Eintrag"),
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    answerer = models.ForeignKey(
        "exchange.Member",
        verbose_name=_("Antwortendes Mitglied"),
        on_delete=models.CASCADE,
        related_name="conversations_started",
    )
    owner = models.ForeignKey(
        "exchange.Member",
        verbose_name=_("Mitglied mit dem Eintrag"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversations_received",
    )
    proxy_client = models.ForeignKey(
        "exchange.ProxyClient",
        verbose_name=_("Person ohne Internet"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    created_at = models.DateTimeField(_("Begonnen am"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("Letzte Nachricht am"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Beendet am"), null=True, blank=True)
    closed_by = models.CharField(_("Beendet von"), max_length=20, choices=Side.choices, blank=True)
    answerer_read_at = models.DateTimeField(null=True, blank=True)
    owner_read_at = models.DateTimeField(null=True, blank=True)
    # When each side was last told by mail of a new message: at most one mail per hour.
    answerer_notified_at = models.DateTimeField(null=True, blank=True)
    owner_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Unterhaltung")
        verbose_name_plural = _("Unterhaltungen")
        ordering = ["-last_message_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False, proxy_client__isnull=True)
                | models.Q(owner__isnull=True, proxy_client__isnull=False),
                name="conversation_has_exactly_one_owner_side",
            ),
            models.UniqueConstraint(
                fields=["listing", "answerer"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_conversation_per_listing_and_answerer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answerer} – {self.listing}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def owner_display_name(self) -> str:
        return (self.owner or self.proxy_client).display_name

    def side_of(self, member) -> str:
        """The side this member is on (the caller made sure they are on one)."""
        return Side.ANSWERER if member.pk == self.answerer_id else Side.OWNER

    def display_name_of(self, side: str) -> str:
        return self.answerer.display_name if side == Side.ANSWERER else self.owner_display_name

    def other_member(self, member):
        """The member on the other side, or None for a proxy client."""
        return self.owner if member.pk == self.answerer_id else self.answerer


class Message(models.Model):
    """One plain-text message in a conversation, written by one side.

    For a proxy client's side the helper who wrote it is kept (and the writing logged).
    """

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("Unterhaltung"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    side = models.CharField(_("Seite"), max_length=20, choices=Side.choices)
    author = models.ForeignKey(
        "exchange.Member",
        verbose_name=_("Verfasst von"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messages_written",
    )
    proxy_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verfasst von (beauftragte Person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("Nachricht"), max_length=MESSAGE_MAX_LENGTH)
    shares_contact = models.BooleanField(_("Enthält geteilte Kontaktdaten"), default=False)
    created_at = models.DateTimeField(_("Gesendet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.conversation_id}: {self.created_at:%Y-%m-%d %H:%M}"


class MemberBlock(models.Model):
    """A member blocked another: no conversations between them, no listings of each other."""

    blocker = models.ForeignKey(
        "exchange.Member", on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        "exchange.Member", on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Blockierung")
        verbose_name_plural = _("Blockierungen")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_member_block")
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} ⊘ {self.blocked_id}"


class HelpStatus(models.TextChoices):
    AGREED = "agreed", _("Vereinbart")
    AWAITING = "awaiting", _("Von einer Seite bestätigt")
    CONFIRMED = "confirmed", _("Bestätigt")
    DISPUTED = "disputed", _("Widersprochen")


class Help(models.Model):
    """Help agreed in a conversation: the owner accepted the answering member.

    It keeps what a certificate and the statistics need (municipality, kind, category,
    dates, hours) on its own row, so that it outlives the listing's and the
    conversation's texts, which retention removes; the members are set to null when
    their data is erased, which leaves an anonymous count.
    """

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.PROTECT,
        related_name="exchange_helps",
    )
    conversation = models.OneToOneField(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="help"
    )
    listing = models.ForeignKey(
        "exchange.Listing",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="helps",
    )
    listing_type = models.CharField(_("Art"), max_length=30)
    category_name = models.CharField(_("Kategorie"), max_length=80)
    owner_gives = models.BooleanField(default=True)
    owner = models.ForeignKey(
        "exchange.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="helps_as_owner",
    )
    proxy_client = models.ForeignKey(
        "exchange.ProxyClient",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="helps",
    )
    answerer = models.ForeignKey(
        "exchange.Member",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="helps_as_answerer",
    )
    agreed_at = models.DateTimeField(_("Vereinbart am"))
    owner_confirmed_at = models.DateTimeField(null=True, blank=True)
    answerer_confirmed_at = models.DateTimeField(null=True, blank=True)
    owner_objected_at = models.DateTimeField(null=True, blank=True)
    answerer_objected_at = models.DateTimeField(null=True, blank=True)
    hours = models.DecimalField(
        _("Stunden"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )

    class Meta:
        verbose_name = _("Vermittelte Hilfe")
        verbose_name_plural = _("Vermittelte Hilfen")
        ordering = ["-agreed_at"]

    def __str__(self) -> str:
        return f"{self.category_name} ({self.agreed_at:%Y-%m-%d})"

    @property
    def giver_side(self) -> str:
        return Side.OWNER if self.owner_gives else Side.ANSWERER

    @property
    def giver(self):
        return self.owner if self.owner_gives else self.answerer

    @staticmethod
    def owner_gives_for(listing) -> bool:
        return listing.kind == ListingKind.OFFER


class Feedback(models.Model):
    """One side's feedback on a help: a rating and a comment, and maybe a safety concern.

    Seen by the municipality's admins and, as received feedback, by the other side;
    never in public. A safety concern goes to the admins only.
    """

    help = models.ForeignKey(Help, on_delete=models.CASCADE, related_name="feedback")
    side = models.CharField(_("Von"), max_length=20, choices=Side.choices)
    rating = models.PositiveSmallIntegerField(
        _("Bewertung"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("Kommentar"), max_length=FEEDBACK_COMMENT_MAX_LENGTH, blank=True)
    safety_concern = models.BooleanField(_("Sicherheitsbedenken"), default=False)
    safety_note = models.TextField(
        _("Sicherheitsbedenken (nur für die Kommune)"),
        max_length=FEEDBACK_COMMENT_MAX_LENGTH,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["help", "side"], name="one_feedback_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.help_id} {self.side}: {self.rating}"


class Certificate(models.Model):
    """An issued volunteering certificate (Ehrenamtsnachweis) and what it states.

    The snapshot is exactly what the PDF shows, so that the verification page shows
    the same, however the underlying records change later.
    """

    member = models.ForeignKey(
        "exchange.Member", on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(_("Prüfcode"), max_length=40, unique=True)
    issued_at = models.DateTimeField(_("Ausgestellt am"), auto_now_add=True)
    snapshot = models.JSONField(_("Inhalt"))

    class Meta:
        verbose_name = _("Ehrenamtsnachweis")
        verbose_name_plural = _("Ehrenamtsnachweise")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.code
