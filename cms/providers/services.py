"""Writes and rules of consent records: where signed forms are filed, who may see them."""

import secrets
from pathlib import PurePath

from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from cms.core import tenancy
from cms.places.models import Municipality
from cms.roles.collections import collection_of, media_fits_municipality
from cms.roles.enums import CollectionPurpose

from .models import ProviderPage

SIGNED_FORM_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]


def consent_municipality(provider: ProviderPage) -> Municipality | None:
    """The municipality whose directory holds the provider's profile."""
    portal = tenancy.portal_for_page(provider)
    return portal.municipality if portal else None


def signed_form_fits(document, municipality: Municipality) -> bool:
    """Whether the document lies in the municipality's private collection."""
    return media_fits_municipality(document, municipality, purpose=CollectionPurpose.PRIVATE)


def signed_form_document_build(*, upload, provider: ProviderPage, municipality, by):
    """An unsaved document for an uploaded scan, filed in the private collection.

    None when the municipality has no private collection yet (before `setup_roles`):
    a scan is never filed anywhere public instead.

    The stored file gets a random name: the scan is served only through Wagtail's
    checked document view, and a guessable path in the media storage would be one
    misconfigured web server away from public.
    """
    collection = collection_of(municipality, CollectionPurpose.PRIVATE)
    if collection is None:
        return None
    extension = PurePath(upload.name).suffix.lower()
    upload.name = f"einwilligung-{secrets.token_hex(12)}{extension}"
    document = get_document_model()(
        title=_("Einwilligung %s (Scan)") % provider.title,
        file=upload,
        collection=collection,
        uploaded_by_user=by,
    )
    document._set_document_file_metadata()
    return document
