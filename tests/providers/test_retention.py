"""Consent records are kept as proof for the retention period, then purged with their scan."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.search.models import IndexEntry

from cms.core.retention import registered_purgers
from cms.providers.enums import ConsentMethod
from cms.providers.models import ProviderConsent
from cms.providers.retention import purge_expired_consents
from cms.providers.services import signed_form_document_build
from cms.roles.models import MunicipalityCollection
from tests.media import PDF, document_in, private_collection

from .factories import ProviderConsentFactory

pytestmark = pytest.mark.django_db

RETENTION_DAYS = 1095


@pytest.fixture(autouse=True)
def retention_period(settings):
    settings.QUARTIER_RETENTION_CONSENT_DAYS = RETENTION_DAYS


def _scan(profile, municipality):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = signed_form_document_build(
        upload=SimpleUploadedFile("scan.pdf", PDF),
        provider=profile,
        municipality=municipality,
        by=None,
    )
    document.save()
    return document


def _signed_consent(profile, scan, **fields):
    return ProviderConsentFactory(
        provider=profile, method=ConsentMethod.SIGNED_FORM, signed_form=scan, **fields
    )


def test_consent_purger_is_registered():
    assert registered_purgers()["provider_consents"] is purge_expired_consents


def test_consent_withdrawn_longer_ago_than_the_period_is_purged_with_its_scan(
    gelsenkirchen, profile_of_a, django_capture_on_commit_callbacks
):
    now = timezone.now()
    scan = _scan(profile_of_a, gelsenkirchen.municipality)
    consent = _signed_consent(
        profile_of_a, scan, withdrawn_at=now - timedelta(days=RETENTION_DAYS + 1)
    )
    storage, name = scan.file.storage, scan.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_expired_consents(now) == 1

    assert not ProviderConsent.objects.filter(pk=consent.pk).exists()
    assert not get_document_model().objects.filter(pk=scan.pk).exists()
    assert not storage.exists(name)
    assert not IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_document_model()),
        object_id=str(scan.pk),
    ).exists()


def test_consent_withdrawn_within_the_period_is_kept(gelsenkirchen, profile_of_a):
    now = timezone.now()
    scan = _scan(profile_of_a, gelsenkirchen.municipality)
    consent = _signed_consent(
        profile_of_a, scan, withdrawn_at=now - timedelta(days=RETENTION_DAYS - 1)
    )
    assert purge_expired_consents(now) == 0
    assert ProviderConsent.objects.filter(pk=consent.pk).exists()
    assert get_document_model().objects.filter(pk=scan.pk).exists()


def test_consent_expired_longer_ago_than_the_period_is_purged(profile_of_a):
    now = timezone.now()
    consent = ProviderConsentFactory(
        provider=profile_of_a,
        given_at=now - timedelta(days=RETENTION_DAYS + 400),
        expires_on=timezone.localdate(now) - timedelta(days=RETENTION_DAYS + 1),
    )
    assert purge_expired_consents(now) == 1
    assert not ProviderConsent.objects.filter(pk=consent.pk).exists()


def test_valid_consent_is_never_purged(profile_of_a):
    """The factory's consent of the profile: given long ago, neither withdrawn nor expired."""
    profile_of_a.consents.update(given_at=timezone.now() - timedelta(days=10 * RETENTION_DAYS))
    assert purge_expired_consents(timezone.now()) == 0
    assert profile_of_a.consents.exists()


def test_scan_still_proving_a_kept_consent_stays(gelsenkirchen, profile_of_a):
    now = timezone.now()
    scan = _scan(profile_of_a, gelsenkirchen.municipality)
    _signed_consent(profile_of_a, scan, withdrawn_at=now - timedelta(days=RETENTION_DAYS + 1))
    kept = _signed_consent(profile_of_a, scan)
    assert purge_expired_consents(now) == 1
    kept.refresh_from_db()
    assert kept.signed_form == scan


def _move_signed_forms():
    return import_module(
        "cms.providers.migrations.0003_move_signed_forms_to_private_collections"
    ).move_signed_forms


def test_migration_moves_scans_out_of_the_root_collection(gelsenkirchen, profile_of_a):
    root_scan = document_in(Collection.get_first_root_node(), title="Alter Scan")
    profile_of_a.consents.update(method=ConsentMethod.SIGNED_FORM, signed_form=root_scan)

    _move_signed_forms()(apps, None)

    root_scan.refresh_from_db()
    assert root_scan.collection == private_collection(gelsenkirchen)


def test_migration_makes_a_restricted_private_collection_where_none_exists(
    delbrueck, gelsenkirchen
):
    from .factories import ProviderIndexPageFactory, ProviderPageFactory

    directory = ProviderIndexPageFactory(parent=delbrueck.portal)
    profile = ProviderPageFactory(parent=directory, title="Landfrauen")
    MunicipalityCollection.objects.filter(
        municipality=delbrueck.municipality, purpose="private"
    ).delete()
    root_scan = document_in(Collection.get_first_root_node(), title="Scan Landfrauen")
    profile.consents.update(method=ConsentMethod.SIGNED_FORM, signed_form=root_scan)

    _move_signed_forms()(apps, None)

    root_scan.refresh_from_db()
    collection = root_scan.collection
    assert collection == private_collection(delbrueck)
    assert collection.get_parent() == Collection.get_first_root_node()
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert list(restriction.groups.all()) == [delbrueck.groups["editorial_team"]]
    assert all(not problems for problems in Collection.find_problems())
