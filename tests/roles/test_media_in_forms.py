"""Forms refuse images and documents of another municipality, however the id was posted.

A Gelsenkirchen design could use Delbrück's image as its logo, and any page could show
another town's images (the choosers hide them, the forms took any posted id).
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories import ArticlePageFactory, UserFactory
from tests.media import document_in, image_in, media_collection, private_collection
from tests.page_forms import _COMMON_EMPTY_FIELDS
from themes.models import DEFAULT_COLOURS, Theme

pytestmark = pytest.mark.django_db

# The ASCII part of the message: StreamField errors reach the page JSON-escaped.
FOREIGN_MESSAGE = "zu den Bildern und Dokumenten dieser Kommune"


@pytest.fixture
def ge_image(gelsenkirchen):
    return image_in(media_collection(gelsenkirchen), title="Sommerfest Schalke")


@pytest.fixture
def de_image(delbrueck):
    return image_in(media_collection(delbrueck), title="Schützenfest Ostenland")


def _theme_data(municipality, **changes) -> dict:
    return {
        "name": "Schalke mit Logo",
        "municipality": municipality.pk,
        **DEFAULT_COLOURS,
    } | changes


@pytest.mark.parametrize("field", ["logo", "header_image"])
def test_theme_refuses_an_image_of_another_municipality(
    client, editor, gelsenkirchen, de_image, field
):
    client.force_login(editor)
    data = _theme_data(gelsenkirchen.municipality, **{field: de_image.pk}, logo_alt_text="Logo")
    response = client.post(reverse("designs:add"), data)
    assert response.status_code == 200
    assert FOREIGN_MESSAGE in response.content.decode()
    assert not Theme.objects.filter(name="Schalke mit Logo").exists()


def test_theme_refuses_another_municipalitys_image_even_from_a_superuser(
    client, gelsenkirchen, de_image
):
    client.force_login(UserFactory(username="plattform-admin", is_superuser=True))
    data = _theme_data(gelsenkirchen.municipality, logo=de_image.pk, logo_alt_text="Logo")
    assert client.post(reverse("designs:add"), data).status_code == 200
    assert not Theme.objects.filter(name="Schalke mit Logo").exists()


def test_theme_takes_an_image_of_its_municipality(client, editor, gelsenkirchen, ge_image):
    client.force_login(editor)
    data = _theme_data(gelsenkirchen.municipality, logo=ge_image.pk, logo_alt_text="Logo")
    assert client.post(reverse("designs:add"), data).status_code == 302
    assert Theme.objects.get(name="Schalke mit Logo").logo == ge_image


def _article_data(article, *, body=None, **changes) -> dict:
    return nested_form_data(
        {
            **_COMMON_EMPTY_FIELDS,
            "title": article.title,
            "slug": article.slug,
            "kind": "news",
            "date": "2026-06-01",
            "intro": article.intro,
            "lead_image": "",
            "lead_image_alt_text": "",
            "lead_image_credit": "",
            "tags": "",
            "body": body or streamfield([]),
            "event_links": inline_formset([]),
            **changes,
        }
    )


@pytest.fixture
def article(gelsenkirchen, editor):
    return ArticlePageFactory(parent=gelsenkirchen.portal_news, title="Sommerfest", owner=editor)


def test_article_refuses_a_lead_image_of_another_municipality(client, editor, article, de_image):
    client.force_login(editor)
    data = _article_data(article, lead_image=de_image.pk, lead_image_alt_text="Festzelt")
    response = client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), data)
    assert response.status_code == 200
    assert FOREIGN_MESSAGE in response.content.decode()
    assert article.get_latest_revision_as_object().lead_image is None


def test_article_takes_a_lead_image_of_its_municipality(client, editor, article, ge_image):
    client.force_login(editor)
    data = _article_data(article, lead_image=ge_image.pk, lead_image_alt_text="Festzelt")
    response = client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), data)
    assert response.status_code == 302
    saved = type(article).objects.get(pk=article.pk).get_latest_revision_as_object()
    assert saved.lead_image == ge_image


def test_article_refuses_a_private_scan_as_lead_image_document(
    client, editor, article, gelsenkirchen
):
    """Private documents never go on a page, not even in the own municipality."""
    scan = document_in(private_collection(gelsenkirchen), title="Einwilligung (Scan)")
    revisions = article.revisions.count()
    client.force_login(editor)
    data = _article_data(
        article, body=streamfield([("document", {"document": scan.pk, "title": "Scan"})])
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), data)
    assert response.status_code == 200
    assert FOREIGN_MESSAGE in response.content.decode()
    assert article.revisions.count() == revisions


def test_page_refuses_an_image_block_of_another_municipality(
    client, editor, gelsenkirchen, de_image
):
    page = gelsenkirchen.district_pages["schalke"]
    client.force_login(editor)
    data = nested_form_data(
        {
            **_COMMON_EMPTY_FIELDS,
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield(
                [
                    (
                        "image",
                        {"image": de_image.pk, "alt_text": "Festzelt", "caption": "", "credit": ""},
                    )
                ]
            ),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 200
    assert FOREIGN_MESSAGE in response.content.decode()
    assert page.get_latest_revision() is None or not any(
        block.block_type == "image" for block in page.get_latest_revision_as_object().body
    )
