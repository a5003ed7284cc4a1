"""Images and documents belong to their municipality in every admin screen and the admin API.

Wagtail's own screens check collection rights, but answered 403 (telling that a file
exists), listed foreign files by title on bulk-action confirmations, and its admin API
listed every file of every town with its download link to any admin account.
"""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.factories import UserFactory
from tests.media import document_in, image_in, media_collection, role_user

pytestmark = pytest.mark.django_db

ROLES = ["editorial_team", "provider", "district_editor", "municipality_admin", "proxy_helper"]


@pytest.fixture
def ge_image(gelsenkirchen):
    return image_in(media_collection(gelsenkirchen), title="Sommerfest Schalke")


@pytest.fixture
def ge_document(gelsenkirchen):
    return document_in(media_collection(gelsenkirchen), title="Programmheft Schalke")


@pytest.fixture
def de_image(delbrueck):
    return image_in(media_collection(delbrueck), title="Schützenfest Ostenland")


@pytest.fixture
def de_document(delbrueck):
    return document_in(media_collection(delbrueck), title="Satzung Ostenland")


DOCUMENT_URLS = [
    ("wagtaildocs:edit", "get"),
    ("wagtaildocs:edit", "post"),
    ("wagtaildocs:delete", "get"),
    ("wagtaildocs:delete", "post"),
    ("wagtaildocs:document_usage", "get"),
    ("wagtaildocs:edit_multiple", "post"),
    ("wagtaildocs:delete_multiple", "post"),
    ("wagtaildocs_chooser:chosen", "get"),
]
IMAGE_URLS = [
    ("wagtailimages:edit", "get"),
    ("wagtailimages:edit", "post"),
    ("wagtailimages:delete", "get"),
    ("wagtailimages:delete", "post"),
    ("wagtailimages:image_usage", "get"),
    ("wagtailimages:url_generator", "get"),
    ("wagtailimages:edit_multiple", "post"),
    ("wagtailimages:delete_multiple", "post"),
    ("wagtailimages_chooser:chosen", "get"),
    ("wagtailimages_chooser:select_format", "get"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url_name", "method"), DOCUMENT_URLS)
def test_foreign_document_is_404_in_every_admin_view(
    client, delbrueck, ge_document, role, url_name, method
):
    client.force_login(role_user(delbrueck, role))
    url = reverse(url_name, args=(ge_document.pk,))
    response = getattr(client, method)(url, {"title": "Übernommen"} if method == "post" else {})
    assert response.status_code == 404
    ge_document.refresh_from_db()
    assert ge_document.title == "Programmheft Schalke"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url_name", "method"), IMAGE_URLS)
def test_foreign_image_is_404_in_every_admin_view(
    client, delbrueck, ge_image, role, url_name, method
):
    client.force_login(role_user(delbrueck, role))
    url = reverse(url_name, args=(ge_image.pk,))
    response = getattr(client, method)(url, {"title": "Übernommen"} if method == "post" else {})
    assert response.status_code == 404
    ge_image.refresh_from_db()
    assert ge_image.title == "Sommerfest Schalke"


def test_foreign_image_preview_is_404(client, delbrueck_editor, ge_image):
    client.force_login(delbrueck_editor)
    response = client.get(reverse("wagtailimages:preview", args=(ge_image.pk, "fill-100x100")))
    assert response.status_code == 404


def test_editor_still_edits_an_image_of_their_municipality(client, editor, ge_image):
    client.force_login(editor)
    assert client.get(reverse("wagtailimages:edit", args=(ge_image.pk,))).status_code == 200


def test_editor_still_edits_a_document_of_their_municipality(client, editor, ge_document):
    client.force_login(editor)
    assert client.get(reverse("wagtaildocs:edit", args=(ge_document.pk,))).status_code == 200


def test_provider_is_refused_a_colleagues_image_by_wagtails_own_check(
    client, gelsenkirchen, provider_a, ge_image
):
    """Same municipality, no right to change someone else's upload: Wagtail's refusal
    (a redirect to the dashboard with a message), not the tenancy 404."""
    client.force_login(provider_a)
    response = client.get(reverse("wagtailimages:edit", args=(ge_image.pk,)))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_superuser_reaches_every_municipalitys_images(client, ge_image, de_image):
    client.force_login(UserFactory(username="plattform-admin", is_superuser=True))
    for image in (ge_image, de_image):
        assert client.get(reverse("wagtailimages:edit", args=(image.pk,))).status_code == 200


def test_document_listing_shows_only_the_own_municipality(
    client, delbrueck_editor, ge_document, de_document
):
    client.force_login(delbrueck_editor)
    content = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Satzung Ostenland" in content
    assert "Programmheft Schalke" not in content


def test_image_chooser_shows_only_the_own_municipality(
    client, delbrueck_provider, ge_image, de_image
):
    client.force_login(delbrueck_provider)
    content = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "Schützenfest Ostenland" in content
    assert "Sommerfest Schalke" not in content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ["documents", "images"])
def test_admin_api_lists_only_the_own_municipalitys_files(
    client, delbrueck, ge_image, ge_document, de_image, de_document, role, endpoint
):
    client.force_login(role_user(delbrueck, role))
    response = client.get(reverse(f"wagtailadmin_api:{endpoint}:listing"))
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert not titles & {"Sommerfest Schalke", "Programmheft Schalke"}


def test_admin_api_still_lists_the_editors_own_files(
    client, delbrueck_editor, de_image, de_document
):
    client.force_login(delbrueck_editor)
    images = client.get(reverse("wagtailadmin_api:images:listing")).json()["items"]
    documents = client.get(reverse("wagtailadmin_api:documents:listing")).json()["items"]
    assert [item["title"] for item in images] == ["Schützenfest Ostenland"]
    assert [item["title"] for item in documents] == ["Satzung Ostenland"]


@pytest.mark.parametrize("endpoint", ["documents", "images"])
def test_admin_api_detail_of_a_foreign_file_is_404(
    client, delbrueck_editor, ge_image, ge_document, endpoint
):
    foreign = {"documents": ge_document, "images": ge_image}[endpoint]
    client.force_login(delbrueck_editor)
    response = client.get(reverse(f"wagtailadmin_api:{endpoint}:detail", args=(foreign.pk,)))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("app", "model_name", "fixture", "title"),
    [
        ("wagtaildocs", "document", "ge_document", "Programmheft Schalke"),
        ("wagtailimages", "image", "ge_image", "Sommerfest Schalke"),
    ],
)
def test_bulk_delete_confirmation_leaves_out_foreign_files(
    client, request, delbrueck_editor, app, model_name, fixture, title
):
    foreign = request.getfixturevalue(fixture)
    client.force_login(delbrueck_editor)
    url = reverse("wagtail_bulk_action", args=(app, model_name, "delete"))
    response = client.get(url, {"id": foreign.pk})
    assert title not in response.content.decode()
    client.post(f"{url}?id={foreign.pk}")
    model = {"document": get_document_model(), "image": get_image_model()}[model_name]
    assert model.objects.filter(pk=foreign.pk).exists()
