"""Reads of the info box and the sponsors: what the public of a municipality sees."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model

from .models import InfoBox, Sponsor

# The one size logos are shown in; prefetched with the sponsors so that a page with
# many logos asks the database a constant number of times.
SPONSOR_LOGO_FILTER = "max-240x120"


def info_boxes_in_force(municipality, *, today: datetime.date | None = None) -> QuerySet[InfoBox]:
    """The municipality's info boxes valid today (Europe/Berlin), newest first, with links."""
    if municipality is None:
        return InfoBox.objects.none()
    today = today or timezone.localdate()
    return (
        InfoBox.objects.filter(municipality=municipality)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .prefetch_related("links")
        .order_by("-updated_at", "-pk")
    )


def sponsors_of(municipality) -> QuerySet[Sponsor]:
    """The municipality's sponsors in their order, logos and their renditions prefetched."""
    if municipality is None:
        return Sponsor.objects.none()
    logos = get_image_model().objects.prefetch_renditions(SPONSOR_LOGO_FILTER)
    return (
        Sponsor.objects.filter(municipality=municipality)
        .prefetch_related(Prefetch("logo", queryset=logos))
        .order_by("sort_order", "name", "pk")
    )
