"""The volunteering certificate (Ehrenamtsnachweis) and its verification.

A member downloads a PDF listing the confirmed help they gave: date, category, kind,
hours and municipality, never whom they helped. Each issue gets a random code and a
snapshot of exactly what the certificate states; the public check page shows that
snapshot for a code and nothing else.
"""

import secrets
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cms.core import ratelimit

from .conversations import helps_given_by
from .enums import ListingType
from .models import Certificate, Member

# Checks per client address: a code has 100 bits, but nobody should try codes at all.
CERTIFICATE_CHECK = ratelimit.Limit(
    "certificate-check",
    "QUARTIER_CERTIFICATE_CHECK_MAX_PER_CLIENT",
    "QUARTIER_CERTIFICATE_CHECK_WINDOW",
    "QUARTIER_CERTIFICATE_CHECK_COOLOFF",
)
CODE_GROUPS = 5
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


def code_generate() -> str:
    """Five groups of four characters from 32 (100 bits), easy to type from paper."""
    characters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * 4))
    return "-".join(characters[i : i + 4] for i in range(0, len(characters), 4))


def code_normalise(value: str) -> str:
    """The code as typed, in the stored form (case, spaces and dashes do not matter)."""
    characters = "".join(ch for ch in value.upper() if ch.isalnum())
    return "-".join(characters[i : i + 4] for i in range(0, len(characters), 4))


def certificate_content(member: Member, now: datetime) -> dict:
    """What a certificate issued now states (plain values only)."""
    helps = list(helps_given_by(member, now))
    types = dict(ListingType.choices)
    hours = sum((help.hours for help in helps if help.hours is not None), Decimal(0))
    return {
        "holder": member.display_name,
        "municipality": member.municipality.name,
        "issued_on": timezone.localdate(now).isoformat(),
        "helps": [
            {
                "date": timezone.localdate(help.agreed_at).isoformat(),
                "category": help.category_name,
                "kind": str(types.get(help.listing_type, help.listing_type)),
                "hours": str(help.hours) if help.hours is not None else "",
                "municipality": help.municipality.name,
            }
            for help in helps
        ],
        "total_hours": str(hours),
        "help_count": len(helps),
    }


@transaction.atomic
def certificate_issue(*, member: Member) -> Certificate:
    """Issue a certificate of the member's confirmed help given so far."""
    return Certificate.objects.create(
        member=member,
        code=code_generate(),
        snapshot=certificate_content(member, timezone.now()),
    )


def certificate_for_code(code: str) -> Certificate | None:
    normalised = code_normalise(code)
    if not normalised:
        return None
    return Certificate.objects.filter(code=normalised).first()
