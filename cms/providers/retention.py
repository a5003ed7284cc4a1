"""Retention of consent records: kept as proof for a period, then deleted with their scan.

A consent that was withdrawn, or that expired, is kept for
`QUARTIER_RETENTION_CONSENT_DAYS` after that day as proof that the provider was listed
lawfully (README, "Retention"); then the record goes, and with it the scan of the signed
form: the document row, its file in storage and its search index entry.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.documents import get_document_model

from cms.core.retention import register_purger

from .models import ProviderConsent


def consents_past_retention(now: datetime):
    """Consent records whose withdrawal or expiry lies longer ago than the retention period."""
    cutoff = now - timedelta(days=settings.QUARTIER_RETENTION_CONSENT_DAYS)
    return ProviderConsent.objects.filter(
        Q(withdrawn_at__lt=cutoff) | Q(expires_on__lt=timezone.localdate(cutoff))
    )


@register_purger("provider_consents")
@transaction.atomic
def purge_expired_consents(now: datetime) -> int:
    """Delete consent records past their retention period with their signed forms."""
    expired = consents_past_retention(now).select_for_update()
    document_ids = set(expired.exclude(signed_form=None).values_list("signed_form_id", flat=True))
    count, _by_model = ProviderConsent.objects.filter(pk__in=expired.values("pk")).delete()
    # A scan still serving as proof for a consent that is kept stays.
    still_used = ProviderConsent.objects.filter(signed_form_id__in=document_ids).values_list(
        "signed_form_id", flat=True
    )
    # One by one, so that Wagtail's signal handlers remove each file from storage (after
    # the commit) and each entry from the search index.
    for document in get_document_model().objects.filter(pk__in=document_ids - set(still_used)):
        document.delete()
    return count
