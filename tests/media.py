"""Images and documents in a municipality's collections, and the role users who reach them."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.roles.collections import collection_of
from cms.roles.enums import CollectionPurpose

from .factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def media_collection(tree):
    return collection_of(tree.municipality, CollectionPurpose.MEDIA)


def private_collection(tree):
    return collection_of(tree.municipality, CollectionPurpose.PRIVATE)


def image_in(collection, *, title: str):
    return get_image_model().objects.create(
        title=title, collection=collection, file=get_test_image_file(filename="bild.png")
    )


def document_in(collection, *, title: str, filename: str = "dokument.pdf"):
    return get_document_model().objects.create(
        title=title, collection=collection, file=ContentFile(PDF, name=filename)
    )


# Every role of a municipality, by the key of its group in MunicipalityTree.groups.
ROLE_GROUP_KEYS = {
    "editorial_team": "editorial_team",
    "provider": "providers",
    "district_editor": "district_editors:schalke",
    "municipality_admin": "municipality_admins",
    "proxy_helper": "proxy_helpers",
}


def role_user(tree, role: str, *, suffix: str = ""):
    """A fresh user holding one role in the municipality of `tree`."""
    key = ROLE_GROUP_KEYS[role]
    if key not in tree.groups:  # Delbrück's district is Ostenland
        key = next(k for k in tree.groups if k.startswith("district_editors:"))
    return UserFactory(
        username=f"{role}-{tree.municipality.slug}{suffix}", groups=[tree.groups[key]]
    )
