"""Scans of signed consent forms are private to their municipality's editorial team.

They sat in the Root collection and Wagtail served `/documents/<id>/<filename>` to
anyone, withdrawn consents included; every admin role of every town listed them.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, GroupCollectionPermission

from cms.providers.enums import ConsentMethod
from cms.providers.models import ProviderConsent
from cms.providers.services import signed_form_document_build
from cms.roles.services import municipality_roles_ensure
from tests.factories import UserFactory
from tests.media import PDF, document_in, media_collection, private_collection, role_user

pytestmark = pytest.mark.django_db

ROLES = ["editorial_team", "provider", "district_editor", "municipality_admin", "proxy_helper"]


def _scan_for(profile, municipality, *, by=None):
    document = signed_form_document_build(
        upload=SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
        provider=profile,
        municipality=municipality,
        by=by,
    )
    document.save()
    return document


@pytest.fixture
def scan(gelsenkirchen, profile_of_a, editor):
    """The scan of Besuchsdienst A's signed consent, filed as the consent form files it."""
    document = _scan_for(profile_of_a, gelsenkirchen.municipality, by=editor)
    profile_of_a.consents.update(method=ConsentMethod.SIGNED_FORM, signed_form=document)
    return document


def _consent_form_data(profile, **changes) -> dict:
    return {
        "provider": profile.pk,
        "given_by": "Erika Mustermann",
        "given_at": "2026-11-01T10:00",
        "text_version": "2026-01",
        "method": ConsentMethod.SIGNED_FORM,
        "signed_form": "",
        "expires_on": "",
        "withdrawn_at": "",
        **changes,
    }


def test_scan_is_filed_in_the_private_collection_of_its_municipality(scan, gelsenkirchen):
    assert scan.collection == private_collection(gelsenkirchen)
    assert scan.collection.get_parent() == Collection.get_first_root_node()


def test_scan_is_404_for_anonymous_visitors(client, scan):
    assert client.get(scan.url).status_code == 404


def test_scan_is_404_for_a_resident(client, scan):
    client.force_login(UserFactory(username="bewohnerin"))
    assert client.get(scan.url).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_scan_is_404_for_every_role_of_another_municipality(client, delbrueck, scan, role):
    client.force_login(role_user(delbrueck, role))
    assert client.get(scan.url).status_code == 404


@pytest.mark.parametrize(
    "role", ["provider", "district_editor", "municipality_admin", "proxy_helper"]
)
def test_scan_is_404_for_the_other_roles_of_its_own_municipality(client, gelsenkirchen, scan, role):
    client.force_login(role_user(gelsenkirchen, role))
    assert client.get(scan.url).status_code == 404


def test_scan_of_a_withdrawn_consent_stays_private(client, delbrueck_editor, profile_of_a, scan):
    profile_of_a.consents.update(withdrawn_at=timezone.now())
    assert client.get(scan.url).status_code == 404
    client.force_login(delbrueck_editor)
    assert client.get(scan.url).status_code == 404


def test_editorial_team_of_the_municipality_opens_the_scan(client, editor, scan):
    client.force_login(editor)
    response = client.get(scan.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_superuser_opens_the_scan(client, scan):
    client.force_login(UserFactory(username="plattform-admin", is_superuser=True))
    assert client.get(scan.url).status_code == 200


def test_stored_file_name_of_a_scan_is_not_guessable(scan, profile_of_a):
    assert profile_of_a.slug not in scan.file.name
    assert len(scan.filename) > len("einwilligung-.pdf") + 20


@pytest.mark.parametrize("role", ["provider", "district_editor"])
def test_scan_is_not_listed_for_other_roles_of_its_municipality(client, gelsenkirchen, scan, role):
    client.force_login(role_user(gelsenkirchen, role))
    assert scan.title not in client.get(reverse("wagtaildocs:index")).content.decode()
    items = client.get(reverse("wagtailadmin_api:documents:listing")).json()["items"]
    assert scan.pk not in {item["id"] for item in items}


def test_scan_is_listed_for_the_editorial_team(client, editor, scan):
    client.force_login(editor)
    assert scan.title in client.get(reverse("wagtaildocs:index")).content.decode()


def test_consent_form_files_the_uploaded_scan_in_the_private_collection(
    client, editor, gelsenkirchen, profile_of_a
):
    client.force_login(editor)
    data = _consent_form_data(
        profile_of_a,
        given_by="Hans Scan",
        signed_form_upload=SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
    )
    response = client.post(reverse("provider_consents:add"), data)
    assert response.status_code == 302
    consent = ProviderConsent.objects.get(given_by="Hans Scan")
    assert consent.signed_form.collection == private_collection(gelsenkirchen)
    assert consent.recorded_by == editor
    client.logout()
    assert client.get(consent.signed_form.url).status_code == 404


def test_consent_form_refuses_a_scan_of_another_municipality(client, delbrueck, profile_of_a):
    foreign_scan = document_in(private_collection(delbrueck), title="Einwilligung Delbrück")
    client.force_login(UserFactory(username="plattform-admin", is_superuser=True))
    data = _consent_form_data(profile_of_a, given_by="Fremder Scan", signed_form=foreign_scan.pk)
    response = client.post(reverse("provider_consents:add"), data)
    assert response.status_code == 200
    assert "vertraulichen Einwilligungen von Gelsenkirchen" in response.content.decode()
    assert not ProviderConsent.objects.filter(given_by="Fremder Scan").exists()


def test_consent_form_refuses_a_public_document_as_scan(
    client, editor, gelsenkirchen, profile_of_a
):
    public = document_in(media_collection(gelsenkirchen), title="Programmheft")
    client.force_login(editor)
    data = _consent_form_data(profile_of_a, given_by="Öffentlich", signed_form=public.pk)
    response = client.post(reverse("provider_consents:add"), data)
    assert response.status_code == 200
    assert not ProviderConsent.objects.filter(given_by="Öffentlich").exists()


def test_consent_form_accepts_a_scan_of_the_own_private_collection(
    client, editor, gelsenkirchen, profile_of_a
):
    own = document_in(private_collection(gelsenkirchen), title="Einwilligung (Scan)")
    client.force_login(editor)
    data = _consent_form_data(profile_of_a, given_by="Eigener Scan", signed_form=own.pk)
    assert client.post(reverse("provider_consents:add"), data).status_code == 302
    assert ProviderConsent.objects.get(given_by="Eigener Scan").signed_form == own


def test_consent_form_refuses_an_upload_that_is_not_a_scan(client, editor, profile_of_a):
    client.force_login(editor)
    data = _consent_form_data(
        profile_of_a,
        given_by="Falsche Datei",
        signed_form_upload=SimpleUploadedFile("scan.exe", b"MZ", content_type="application/x"),
    )
    response = client.post(reverse("provider_consents:add"), data)
    assert response.status_code == 200
    assert not ProviderConsent.objects.filter(given_by="Falsche Datei").exists()
    assert not get_document_model().objects.filter(title__contains="Besuchsdienst A").exists()


def test_private_collection_is_restricted_to_the_editorial_team(gelsenkirchen):
    collection = private_collection(gelsenkirchen)
    restriction = collection.get_view_restrictions().get()
    assert restriction.restriction_type == BaseViewRestriction.GROUPS
    assert list(restriction.groups.all()) == [gelsenkirchen.groups["editorial_team"]]
    groups_with_rights = set(
        GroupCollectionPermission.objects.filter(collection=collection).values_list(
            "group", flat=True
        )
    )
    assert groups_with_rights == {gelsenkirchen.groups["editorial_team"].pk}


def test_setup_roles_withdraws_other_groups_rights_on_the_private_collection(gelsenkirchen):
    """Rights on the root (Wagtail's default groups hold some) reach the private collection."""
    collection = private_collection(gelsenkirchen)
    providers = gelsenkirchen.groups["providers"]
    choose = GroupCollectionPermission.objects.filter(
        group=gelsenkirchen.groups["editorial_team"], collection=collection
    ).first()
    for where in (collection, Collection.get_first_root_node()):
        GroupCollectionPermission.objects.create(
            group=providers, collection=where, permission=choose.permission
        )
    municipality_roles_ensure(municipality=gelsenkirchen.municipality, portal=gelsenkirchen.portal)
    assert not GroupCollectionPermission.objects.filter(
        group=providers, collection__in=[collection, Collection.get_first_root_node()]
    ).exists()


def test_consent_form_offers_the_scan_upload(client, editor, directory):
    client.force_login(editor)
    content = client.get(reverse("provider_consents:add")).content.decode()
    assert 'name="signed_form_upload"' in content
    assert 'enctype="multipart/form-data"' in content
