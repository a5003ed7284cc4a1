from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberStatus(models.TextChoices):
    """Where a member stands with the municipality admins; only approved members show."""

    PENDING = "pending", _("Wartet auf Freigabe")
    APPROVED = "approved", _("Freigegeben")
    REJECTED = "rejected", _("Abgelehnt")
    BLOCKED = "blocked", _("Gesperrt")
    # The member withdrew their consents: nothing of theirs shows, nobody may act for
    # them, and retention purges the membership (settings.RETENTION_WITHDRAWN_MEMBER_DAYS).
    WITHDRAWN = "withdrawn", _("Einwilligung widerrufen")


class MemberKind(models.TextChoices):
    PERSON = "person", _("Privatperson")
    ORGANISATION = "organisation", _("Organisation oder Einrichtung")


class ConsentDocument(models.TextChoices):
    TERMS = "terms", _("Nutzungsbedingungen")
    PRIVACY = "privacy", _("Datenschutzhinweise")
    PARENTAL = "parental", _("Einwilligung der Eltern")


class ConsentChannel(models.TextChoices):
    WEB = "web", _("Website")
    PAPER = "paper", _("Papierformular")


class ListingKind(models.TextChoices):
    OFFER = "offer", _("Angebot")
    REQUEST = "request", _("Gesuch")


class ListingType(models.TextChoices):
    NEIGHBOURLY_HELP = "neighbourly_help", _("Nachbarschaftshilfe")
    POCKET_MONEY_JOB = "pocket_money_job", _("Taschengeldjob")
    TIME_DONATION = "time_donation", _("Zeitspende")
    SWAP = "swap", _("Tausch")


class ListingStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PENDING = "pending", _("Wartet auf Prüfung")
    PUBLISHED = "published", _("Veröffentlicht")
    # The owner accepted a helper in a conversation: the listing leaves the public list.
    MATCHED = "matched", _("Vermittelt")
    CLOSED = "closed", _("Beendet")
    REMOVED = "removed", _("Entfernt")
    # Never stored: a published listing past its `valid_until` is in this state (see
    # exchange.states.listing_state), so that expiry needs no job to run.
    EXPIRED = "expired", _("Abgelaufen")
