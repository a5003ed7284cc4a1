"""Reads: which municipality an image's or document's collection belongs to.

Images and documents belong to a municipality through their collection: one recorded
in `MunicipalityCollection` or a collection below it. A collection outside every
municipality (the root, say) is platform-level: only platform admins put files there.
"""

from django.db.models import Q, QuerySet
from wagtail.models import Collection

from cms.places.models import Municipality

from .enums import CollectionPurpose
from .models import MunicipalityCollection


def collection_of(municipality: Municipality, purpose: CollectionPurpose) -> Collection | None:
    """The municipality's collection for that purpose, or None before `setup_roles` ran."""
    link = (
        MunicipalityCollection.objects.select_related("collection")
        .filter(municipality=municipality, purpose=purpose)
        .first()
    )
    return link.collection if link else None


def collections_of(municipality: Municipality, purpose: CollectionPurpose) -> QuerySet:
    """The municipality's collection for that purpose and every collection below it."""
    root = collection_of(municipality, purpose)
    if root is None:
        return Collection.objects.none()
    return Collection.objects.filter(path__startswith=root.path)


def collection_link(collection: Collection) -> MunicipalityCollection | None:
    """The municipality collection that `collection` is (or lies below), if any."""
    return (
        MunicipalityCollection.objects.select_related("municipality")
        .filter(collection__in=collection.get_ancestors(inclusive=True))
        .order_by("-collection__depth")
        .first()
    )


def collections_of_municipalities(municipalities: QuerySet, purposes=None) -> Q:
    """A filter for collections of these municipalities (and below), for these purposes."""
    links = MunicipalityCollection.objects.filter(municipality__in=municipalities)
    if purposes is not None:
        links = links.filter(purpose__in=purposes)
    condition = Q(pk__in=[])
    for path in links.values_list("collection__path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def is_private_collection(collection: Collection) -> bool:
    """Whether the collection holds personal documents (signed consent forms and the like)."""
    link = collection_link(collection)
    return link is not None and link.purpose == CollectionPurpose.PRIVATE


def media_fits_municipality(
    media, municipality: Municipality, *, purpose: CollectionPurpose, user=None
) -> bool:
    """Whether an image or document may be used for something of `municipality`.

    It must lie in the municipality's collection for `purpose`. A file of no
    municipality (a platform-level collection) is accepted from platform admins only,
    since no one else can choose it.
    """
    link = collection_link(media.collection)
    if link is None:
        return bool(user is not None and user.is_superuser)
    return link.municipality_id == municipality.pk and link.purpose == purpose
