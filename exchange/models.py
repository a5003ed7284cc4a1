"""The exchange's data: members, their consents, categories, proxy clients and listings.

Writes go through `exchange.services`, reads for anyone but the owner through
`exchange.selectors`, which alone decides what the public may see.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.content_signals import ShownOnlyInStates
from cms.core.params import HEADER_UNSAFE_MESSAGE, header_safe
from cms.core.text import german_slugify

from .enums import (
    ConsentChannel,
    ConsentDocument,
    ListingKind,
    ListingStatus,
    ListingType,
    MemberKind,
    MemberStatus,
)

# The terms of use and the privacy notice are written per municipality (`LegalText`);
# each consent records the live version. A municipality without its own text yet uses
# the platform's default wording, of these versions.
DEFAULT_LEGAL_VERSIONS = {
    ConsentDocument.TERMS: "2025-01",
    ConsentDocument.PRIVACY: "2025-01",
}
PARENTAL_CONSENT_VERSION = "2025-01"
PROXY_CONSENT_VERSION = "2025-01-papier"

TITLE_MAX_LENGTH = 120
DESCRIPTION_MAX_LENGTH = 2000


class ExchangeSettings(models.Model):
    """How a municipality runs its exchange. Without a row, listings need no review."""

    municipality = models.OneToOneField(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="exchange_settings",
    )
    listing_review_required = models.BooleanField(
        _("Jeder Eintrag wird vor der Veröffentlichung geprüft"), default=False
    )
    new_member_review_count = models.PositiveSmallIntegerField(
        _("Erste Einträge neuer Mitglieder prüfen"),
        default=0,
        help_text=_(
            "So viele erste Einträge eines neuen Mitglieds werden vor der Veröffentlichung "
            "geprüft, z. B. 3. Bei 0 wird nichts extra geprüft."
        ),
    )

    class Meta:
        verbose_name = _("Einstellungen der Nachbarschaftshilfe")
        verbose_name_plural = _("Einstellungen der Nachbarschaftshilfe")

    def __str__(self) -> str:
        return str(self.municipality)


class Category(models.Model):
    """A category of listings, kept by the admins of one municipality."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="exchange_categories",
    )
    name = models.CharField(_("Name"), max_length=80)
    slug = models.SlugField(_("Kurzname (URL)"), max_length=80, blank=True)
    for_minors = models.BooleanField(
        _("Für Minderjährige"),
        default=False,
        help_text=_("Minderjährige sehen und nutzen nur Kategorien, die hier markiert sind."),
    )

    class Meta:
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="unique_category_slug_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = german_slugify(self.name)
        super().save(*args, **kwargs)


class Member(models.Model):
    """A resident's or organisation's membership in one municipality's exchange.

    Linked to a public-site account (never an admin user). One account holds at most
    one membership per municipality, and each goes through that municipality's
    approval: being approved in Delbrück lets nobody act in Gelsenkirchen. Nothing a
    member posts is public unless a municipality admin has approved them and they are
    not blocked.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="exchange_memberships",
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.PROTECT,
        related_name="exchange_members",
    )
    district = models.ForeignKey(
        "places.District",
        verbose_name=_("Quartier"),
        on_delete=models.PROTECT,
        related_name="exchange_members",
    )
    kind = models.CharField(
        _("Art"), max_length=20, choices=MemberKind.choices, default=MemberKind.PERSON
    )
    display_name = models.CharField(
        _("Angezeigter Name"),
        max_length=80,
        help_text=_("So erscheinen Sie bei Ihren Einträgen, z. B. „Renate S.“."),
    )
    network_profile = models.TextField(
        _("Unser Netzwerk"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text=_("Nur für Organisationen: mit wem Sie zusammenarbeiten und was Sie anbieten."),
    )
    is_minor = models.BooleanField(_("Minderjährig"), default=False)
    status = models.CharField(
        _("Status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.PENDING
    )
    status_reason = models.TextField(_("Begründung"), blank=True)
    status_changed_at = models.DateTimeField(_("Status geändert am"), null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Registriert am"), auto_now_add=True)
    # What the member chose on the account page: the language of their mails (empty:
    # the site's), the notification kinds they switched off, and the weekly digest.
    language = models.CharField(
        _("Sprache der E-Mails"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    notices_off = models.JSONField(_("Abbestellte Benachrichtigungen"), default=list, blank=True)
    weekly_digest = models.BooleanField(
        _("Wöchentliche Übersicht neuer Einträge aus meinem Quartier"), default=False
    )

    class Meta:
        verbose_name = _("Mitglied")
        verbose_name_plural = _("Mitglieder")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="one_membership_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_approved(self) -> bool:
        return self.status == MemberStatus.APPROVED


class Consent(models.Model):
    """One recorded consent of a member: which text, which version, when, through what."""

    member = models.ForeignKey(
        Member, verbose_name=_("Mitglied"), on_delete=models.CASCADE, related_name="consents"
    )
    document = models.CharField(_("Text"), max_length=20, choices=ConsentDocument.choices)
    text_version = models.CharField(_("Fassung"), max_length=40)
    channel = models.CharField(_("Weg"), max_length=20, choices=ConsentChannel.choices)
    given_at = models.DateTimeField(_("Erteilt am"))
    given_by = models.CharField(
        _("Erteilt von"),
        max_length=120,
        blank=True,
        help_text=_("Bei der Einwilligung der Eltern: Name der sorgeberechtigten Person."),
    )
    withdrawn_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["given_at"]

    def __str__(self) -> str:
        return f"{self.get_document_display()} {self.text_version}"


class ProxyClient(models.Model):
    """A resident without internet for whom a proxy helper posts listings.

    How to reach them stays in the admin: it is never shown on the public site.
    """

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.PROTECT,
        related_name="proxy_clients",
    )
    district = models.ForeignKey(
        "places.District",
        verbose_name=_("Quartier"),
        on_delete=models.PROTECT,
        related_name="proxy_clients",
    )
    name = models.CharField(_("Name"), max_length=120)
    display_name = models.CharField(
        _("Angezeigter Name"),
        max_length=80,
        help_text=_("So erscheint die Person bei ihren Einträgen, z. B. „Herr K.“."),
    )
    how_to_reach = models.TextField(
        _("Erreichbarkeit"),
        max_length=500,
        help_text=_("Wie die Person erreicht wird, z. B. über das Quartiersbüro. Nie öffentlich."),
    )
    paper_consent_version = models.CharField(_("Fassung der Einwilligung"), max_length=40)
    paper_consent_given_at = models.DateField(_("Einwilligung auf Papier erteilt am"))
    consent_withdrawn_at = models.DateTimeField(
        _("Einwilligung widerrufen am"), null=True, blank=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Erfasst von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Person ohne Internet")
        verbose_name_plural = _("Personen ohne Internet")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Listing(ShownOnlyInStates, models.Model):
    """An offer or request of help, posted by a member or by a proxy helper for a client."""

    # Only published listings can show: writing a draft or a listing waiting for review
    # leaves every public page as it was (cms.core.content_signals).
    public_state_field = "status"
    public_states = frozenset({ListingStatus.PUBLISHED})

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.PROTECT,
        related_name="exchange_listings",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("Mitglied"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="listings",
    )
    proxy_client = models.ForeignKey(
        ProxyClient,
        verbose_name=_("Person ohne Internet"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="listings",
    )
    kind = models.CharField(_("Angebot oder Gesuch"), max_length=20, choices=ListingKind.choices)
    listing_type = models.CharField(_("Art"), max_length=30, choices=ListingType.choices)
    pocket_money_amount = models.DecimalField(
        _("Taschengeld in Euro"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    category = models.ForeignKey(
        Category, verbose_name=_("Kategorie"), on_delete=models.PROTECT, related_name="listings"
    )
    title = models.CharField(_("Titel"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(_("Beschreibung"), max_length=DESCRIPTION_MAX_LENGTH)
    district = models.ForeignKey(
        "places.District",
        verbose_name=_("Quartier"),
        on_delete=models.PROTECT,
        related_name="exchange_listings",
    )
    locality = models.CharField(_("Ort oder Straße (ohne Hausnummer)"), max_length=80, blank=True)
    social_space = models.ForeignKey(
        "places.SocialSpace",
        verbose_name=_("Sozialraum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exchange_listings",
    )
    valid_until = models.DateField(_("Gültig bis"))
    status = models.CharField(
        _("Status"), max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    removal_reason = models.TextField(_("Grund der Entfernung"), blank=True)
    # What "restore" returns a removed listing to (exchange.states).
    status_before_removal = models.CharField(
        _("Status vor der Entfernung"), max_length=20, choices=ListingStatus.choices, blank=True
    )
    # A moderator's note when sending the listing back to its owner for changes.
    sent_back_comment = models.TextField(_("Hinweis der Moderation"), blank=True)
    # Who acted for a proxy client: the helper who created the listing and the one who
    # last changed it. The audit log holds every single action.
    proxy_created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Eingetragen von (beauftragte Person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proxy_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Zuletzt geändert von (beauftragte Person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Erstellt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)
    published_at = models.DateTimeField(_("Veröffentlicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Eintrag")
        verbose_name_plural = _("Einträge")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member__isnull=False, proxy_client__isnull=True)
                | models.Q(member__isnull=True, proxy_client__isnull=False),
                name="listing_has_exactly_one_owner",
            )
        ]
        indexes = [models.Index(fields=["municipality", "status", "valid_until"])]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_display_name(self) -> str:
        owner = self.member or self.proxy_client
        return owner.display_name

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.category_id and self.category.municipality_id != self.municipality_id:
            errors["category"] = _("Diese Kategorie gehört zu einer anderen Kommune.")
        if self.district_id and self.district.municipality_id != self.municipality_id:
            errors["district"] = _("Dieses Quartier gehört zu einer anderen Kommune.")
        if self.social_space_id and self.social_space.district_id != self.district_id:
            errors["social_space"] = _("Dieser Sozialraum liegt nicht im gewählten Quartier.")
        # The title goes into the subject of the mails about the listing.
        for name in ("title", "locality"):
            if not header_safe(getattr(self, name)):
                errors[name] = HEADER_UNSAFE_MESSAGE
        if errors:
            raise ValidationError(errors)


class ListingResponse(models.Model):
    """A message to a listing's owner, sent by mail through the platform."""

    listing = models.ForeignKey(
        Listing, verbose_name=_("Eintrag"), on_delete=models.CASCADE, related_name="responses"
    )
    sender = models.ForeignKey(
        Member, verbose_name=_("Absender"), on_delete=models.CASCADE, related_name="responses"
    )
    message = models.TextField(_("Nachricht"), max_length=DESCRIPTION_MAX_LENGTH)
    share_email = models.BooleanField(_("E-Mail-Adresse weitergeben"), default=False)
    created_at = models.DateTimeField(_("Gesendet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.sender} → {self.listing}"


class NoticeSent(models.Model):
    """That a notification went out under a key, and when: what keeps the daily summary,
    the weekly digest and "new message" mails from going out twice (or too often)."""

    key = models.CharField(_("Schlüssel"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("Gesendet am"))

    class Meta:
        verbose_name = _("Versendete Benachrichtigung")
        verbose_name_plural = _("Versendete Benachrichtigungen")

    def __str__(self) -> str:
        return self.key


class LegalText(models.Model):
    """One version of the terms of use or the privacy notice of a municipality's exchange.

    The newest version of each text is the live one: it is shown at registration and
    recorded with every consent. Older versions stay, so that each recorded consent
    can be traced to the wording that was agreed to.
    """

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("Kommune"),
        on_delete=models.CASCADE,
        related_name="exchange_legal_texts",
    )
    document = models.CharField(
        _("Text"),
        max_length=20,
        choices=[
            (ConsentDocument.TERMS, ConsentDocument.TERMS.label),
            (ConsentDocument.PRIVACY, ConsentDocument.PRIVACY.label),
        ],
    )
    version = models.CharField(
        _("Fassung"), max_length=40, help_text=_("Zum Beispiel „2026-12“. Jede Fassung nur einmal.")
    )
    body = models.TextField(_("Text"), max_length=50000)
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Nutzungsbedingungen oder Datenschutzhinweise")
        verbose_name_plural = _("Nutzungsbedingungen und Datenschutzhinweise")
        ordering = ["municipality", "document", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "document", "version"],
                name="unique_legal_text_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()} {self.version}"


# Conversations, blocks, helps, feedback and certificates live in a module of their own.
from .models_conversations import (  # noqa: E402
    Certificate,
    Conversation,
    Feedback,
    Help,
    MemberBlock,
    Message,
)

__all__ = [
    "Category",
    "Certificate",
    "Consent",
    "Conversation",
    "ExchangeSettings",
    "Feedback",
    "Help",
    "LegalText",
    "Listing",
    "ListingResponse",
    "Member",
    "MemberBlock",
    "Message",
    "NoticeSent",
    "ProxyClient",
]
